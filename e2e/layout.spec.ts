import { expect, test, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { PlaygroundPage } from './pages/PlaygroundPage'

const FIFTY = readFileSync(new URL('./fixtures/fifty-pods.yaml', import.meta.url), 'utf8')

interface Box { id: string; parent: string | null; x: number; y: number; w: number; h: number }

/** Every pair of graph elements that share a parent (or are both top level) must not overlap. */
async function overlaps(page: Page): Promise<string[]> {
  const boxes: Box[] = await page.$$eval('.react-flow__node', (els) => els.map((el) => {
    const r = el.getBoundingClientRect()
    const parent = el.getAttribute('data-id')?.startsWith('pod/') || el.getAttribute('data-id')?.startsWith('group/')
      ? 'child'
      : null
    return { id: el.getAttribute('data-id') ?? '', parent, x: r.x, y: r.y, w: r.width, h: r.height }
  }))
  const out: string[] = []
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]
      const b = boxes[j]
      if ((a.parent === null) !== (b.parent === null)) continue
      const ix = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
      const iy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
      if (ix > 1 && iy > 1) out.push(`${a.id} overlaps ${b.id}`)
    }
  }
  return out
}

async function noPageOverflow(page: Page): Promise<void> {
  const { sw, iw, sh, ih } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth, sh: document.documentElement.scrollHeight, ih: window.innerHeight }))
  expect(sw, 'no horizontal page scroll').toBeLessThanOrEqual(iw)
  expect(sh, 'no vertical page scroll').toBeLessThanOrEqual(ih)
}

for (const [w, h] of [[1280, 800], [1920, 1080]] as const) {
  test(`default scenario at ${w}x${h}: nothing overlaps, nothing spills out of the page`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h })
    const app = new PlaygroundPage(page)
    await app.open()
    expect(await overlaps(page)).toEqual([])
    await noPageOverflow(page)
    await page.getByTestId('send').click()
    await expect(page.getByTestId('trace-outcome')).toBeVisible()
    await app.screenshot(`default-${w}x${h}`)
  })

  test(`a 50-pod cluster at ${w}x${h}: pods of one ReplicaSet are grouped, nothing overlaps`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h })
    const app = new PlaygroundPage(page)
    await app.open()
    await app.replaceText(FIFTY)
    await expect(page.locator('[data-testid^="podgroup-"]').first()).toBeVisible()
    await expect(app.editor).toContainText('curlimages/curl')
    await page.getByTestId('cluster-graph').locator('.react-flow__controls-fitview').click()
    await page.waitForTimeout(400)
    expect(await overlaps(page)).toEqual([])
    await noPageOverflow(page)
    await app.screenshot(`fifty-pods-${w}x${h}`)
  })
}
