import { expect, type Locator, type Page } from '@playwright/test'

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

  async openTab(tab: 'problems' | 'pods' | 'svc' | 'endpoints' | 'endpointslices' | 'ingress' | 'nodes'): Promise<void> {
    await this.page.getByTestId(`tab-${tab}`).click()
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `screenshots/${name}.png` })
  }
}
