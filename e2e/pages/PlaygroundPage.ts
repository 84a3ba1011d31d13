import { expect, type Locator, type Page } from '@playwright/test'

/** The inspector's tabs in the bottom panel. */
export type InspectorTab = 'details' | 'rules' | 'dns' | 'env' | 'describe' | 'why'

/** The playground page as a user sees it. */
export class PlaygroundPage {
  readonly graph: Locator
  readonly editor: Locator
  readonly problems: Locator

  constructor(readonly page: Page) {
    this.graph = page.getByTestId('cluster-graph')
    this.editor = page.locator('.monaco-editor')
    this.problems = page.getByTestId('problems')
  }

  async open(): Promise<void> {
    await this.page.goto('/')
    await expect(this.graph.locator('.react-flow__node').first()).toBeVisible()
    await expect(this.editor.locator('.view-lines')).toBeVisible()
  }

  /** Opens the page with `yaml` as the saved text (what a reload after typing it brings back). */
  async openWith(yaml: string): Promise<void> {
    await this.page.addInitScript((text) => localStorage.setItem('ksp:yaml:v1', text), yaml)
    await this.open()
  }

  /** Replaces the editor text by pasting (typing into Monaco auto-indents). */
  async replaceText(text: string): Promise<void> {
    await this.editor.locator('.view-lines').click()
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text)
    await this.page.keyboard.press('ControlOrMeta+A')
    await this.page.keyboard.press('ControlOrMeta+V')
  }

  /** The editor's whole text, as a user gets it: select all, copy. */
  async editorText(): Promise<string> {
    await this.editor.locator('.view-lines').click()
    await this.page.keyboard.press('ControlOrMeta+A')
    await this.page.keyboard.press('ControlOrMeta+C')
    const text = await this.page.evaluate(() => navigator.clipboard.readText())
    await this.page.keyboard.press('ControlOrMeta+End')
    return text
  }

  /** What autosave holds: the text a reload brings back. */
  async savedText(): Promise<string | null> {
    return this.page.evaluate(() => localStorage.getItem('ksp:yaml:v1'))
  }

  pod(namespace: string, name: string): Locator {
    return this.page.getByTestId(`pod-${namespace}-${name}`)
  }

  podsOf(prefix: string): Locator {
    return this.graph.locator(`[data-testid^="pod-default-${prefix}"]`)
  }

  service(namespace: string, name: string): Locator {
    return this.page.getByTestId(`service-${namespace}-${name}`)
  }

  async openTab(tab: 'problems' | 'pods' | 'svc' | 'endpoints' | 'endpointslices' | 'ingress' | 'nodes' | InspectorTab): Promise<void> {
    await this.page.getByTestId(`tab-${tab}`).click()
  }

  /** The body of an inspector tab (bottom panel). */
  inspector(tab: InspectorTab): Locator {
    return this.page.getByTestId(`inspect-${tab}`)
  }

  /** Sends a request from the request console (defaults: what the console holds). */
  async sendRequest(options: { from?: string; url?: string; host?: string } = {}): Promise<void> {
    if (options.from !== undefined) await this.page.getByTestId('request-from').selectOption(options.from)
    if (options.url !== undefined) await this.page.getByTestId('request-url').fill(options.url)
    if (options.host !== undefined) await this.page.getByTestId('request-host').fill(options.host)
    await this.page.getByTestId('send').click()
  }

  /** Drags the splitter above the bottom panel so that the panel is `height` pixels tall. */
  async resizeBottomPanel(height: number): Promise<void> {
    const splitter = this.page.getByRole('separator', { name: 'Resize tables' })
    const box = await splitter.boundingBox()
    const viewport = this.page.viewportSize()
    if (!box || !viewport) return
    const x = box.x + box.width / 2
    await this.page.mouse.move(x, box.y + box.height / 2)
    await this.page.mouse.down()
    await this.page.mouse.move(x, viewport.height - height - box.height / 2, { steps: 5 })
    await this.page.mouse.up()
  }

  /** Switches the UI language with the header's switcher; `<html lang>` follows. */
  async setLanguage(lang: 'en' | 'ko'): Promise<void> {
    await this.page.getByTestId('language').selectOption(lang)
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang)
  }

  /**
   * Words in Latin letters left in the page's own text: every text node and
   * every aria-label, title, placeholder and optgroup label, visible or not
   * (screen-reader texts count), outside the areas marked `data-i18n-skip`
   * (the YAML, kubectl's output, the engine's narration and messages, object
   * names) and outside `exempt` (selectors). A word passes when it is in
   * `allowed` or is technical: it has a digit or one of / = . : _ @ $ < > ~ # *,
   * starts with a dash (a flag), or is a lowercase-hyphenated name
   * (kube-proxy, control-plane). Returns "where: word in text" lines.
   */
  async latinWords(allowed: readonly string[], exempt: readonly string[] = []): Promise<string[]> {
    return this.page.evaluate(({ allowed, exempt }) => {
      const ok = new Set(allowed)
      const found = new Set<string>()
      const technical = (w: string): boolean => /[0-9/=.:_@$<>~#*]/.test(w) || w.startsWith('-') || /^[a-z]+(-[a-z]+)+$/.test(w)
      const skipped = (el: Element | null): boolean => !el || !!el.closest('[data-i18n-skip]') || exempt.some((sel) => !!el.closest(sel))
      const where = (el: Element): string => {
        const id = el.closest('[data-testid]')?.getAttribute('data-testid')
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : ''
        return `${id ? `[${id}] ` : ''}${el.tagName.toLowerCase()}${cls}`
      }
      const check = (text: string, at: string): void => {
        // Hangul ends a word too: a Korean particle may follow a Latin word (ClusterIP와).
        for (const raw of text.split(/[\s,;()[\]{}"“”‘’…·→⇒×—–!?|\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+/)) {
          const word = raw.replace(/^[':]+|['.:]+$/g, '')
          if (!/[A-Za-z]/.test(word) || ok.has(word) || technical(word)) continue
          found.add(`${at}: "${word}" in "${text.trim().replace(/\s+/g, ' ').slice(0, 90)}"`)
        }
      }
      check(document.title, 'document.title')
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement
        if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) || skipped(parent)) continue
        check(n.textContent ?? '', where(parent))
      }
      for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [aria-roledescription], optgroup[label]')) {
        if (skipped(el)) continue
        for (const attr of ['aria-label', 'title', 'placeholder', 'aria-roledescription', 'label']) {
          if (attr === 'label' && el.tagName !== 'OPTGROUP') continue
          const v = el.getAttribute(attr)
          if (v) check(v, `${where(el)}@${attr}`)
        }
      }
      return [...found]
    }, { allowed, exempt })
  }

  /**
   * Text of ours that does not fit: a button, tab, badge, label or graph
   * card line that wraps onto a second line or is clipped.
   * Only visible elements, outside the `data-i18n-skip` areas (long names and
   * addresses are cut with an ellipsis on purpose).
   */
  async overflowingControls(): Promise<string[]> {
    return this.page.evaluate(() => {
      const out: string[] = []
      const sel = 'button, [role="tab"], .k-kind, .k-status, .k-type, .k-line:not(.mono), .step .kind, .packet-label, .sev, .badge, .field > span, .ins-field > span, .cluster-controls label > span, .log-head > span'
      for (const el of document.querySelectorAll<HTMLElement>(sel)) {
        if (!el.checkVisibility() || el.closest('[data-i18n-skip]') || el.closest('.monaco-editor')) continue
        const text = (el.textContent ?? '').trim()
        if (!text) continue
        // A text node laid out on more than one line wrapped.
        let wraps = false
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n && !wraps; n = walker.nextNode()) {
          if (n.parentElement?.closest('[data-i18n-skip]')) continue
          const range = document.createRange()
          range.selectNodeContents(n)
          const rects = [...range.getClientRects()].filter((r) => r.width > 0)
          wraps = rects.some((r) => Math.abs(r.top - rects[0].top) > r.height / 2)
        }
        const clipped = getComputedStyle(el).display !== 'inline' && el.scrollWidth > el.clientWidth + 1
        if (wraps || clipped) {
          const id = el.closest('[data-testid]')?.getAttribute('data-testid')
          out.push(`${id ? `[${id}] ` : ''}${el.tagName.toLowerCase()} "${text}"${wraps ? ' wraps' : ''}${clipped ? ` is clipped (${el.scrollWidth} > ${el.clientWidth})` : ''}`)
        }
      }
      return out
    })
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `screenshots/${name}.png` })
  }
}
