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

  /** Replaces the editor text by pasting (typing into Monaco auto-indents). */
  async replaceText(text: string): Promise<void> {
    await this.editor.locator('.view-lines').click()
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text)
    await this.page.keyboard.press('ControlOrMeta+A')
    await this.page.keyboard.press('ControlOrMeta+V')
  }

  async editorText(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as { __yaml?: () => string }).__yaml?.() ?? '')
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

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `screenshots/${name}.png` })
  }
}
