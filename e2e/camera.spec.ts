import { expect, test, type Page } from '@playwright/test'
import { PlaygroundPage } from './pages/PlaygroundPage'

/** The graph's camera: React Flow's viewport transform (translate x y, scale). */
async function camera(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const t = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform)
  const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)\s*scale\(([-\d.]+)\)/.exec(t)
  if (!m) throw new Error(`unexpected viewport transform: ${t}`)
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) }
}

/** The camera every 50 ms for `ms`. */
async function cameraFor(page: Page, ms: number): Promise<{ x: number; y: number; zoom: number }[]> {
  const seen = []
  for (let t = 0; t < ms; t += 50) {
    seen.push(await camera(page))
    await page.waitForTimeout(50)
  }
  return seen
}

test('a request brings its path into view; sending the same path again leaves the camera still', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open() // at 1280×800 the whole default cluster is too small to read
  await page.waitForTimeout(800)
  const whole = await camera(page)
  expect(whole.zoom).toBeLessThan(0.7)
  await app.sendRequest({ from: 'client', url: 'http://kubia' })
  const outcome = page.getByTestId('trace-outcome')
  await expect(outcome).toContainText('Delivered to kubia-')
  const [, pod, ip] = /(kubia-[\w-]+) \((10\.244\.\d+\.\d+):8080\)/.exec(await outcome.innerText())!
  await page.waitForTimeout(800)
  const onPath = await camera(page)
  expect(onPath.zoom).toBeGreaterThan(whole.zoom * 1.5)
  // The client and the pod that answered are on screen.
  const pane = (await app.graph.boundingBox())!
  for (const el of [app.pod('default', 'client'), app.pod('default', pod)]) {
    const box = (await el.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(pane.x)
    expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width)
    expect(box.y).toBeGreaterThanOrEqual(pane.y)
    expect(box.y + box.height).toBeLessThanOrEqual(pane.y + pane.height)
  }
  // Straight to that pod: a new path (no Service on it), so the camera moves once more...
  await app.sendRequest({ url: `http://${ip}:8080` })
  await expect(outcome).toContainText(`Delivered to ${pod}`)
  await page.waitForTimeout(800)
  const direct = await camera(page)
  // ...and the same request again has the same path: the camera is already there and stays still.
  await app.sendRequest({ url: `http://${ip}:8080` })
  for (const c of await cameraFor(page, 700)) expect(c).toEqual(direct)
})

test('a cluster too big to fit even at the smallest zoom opens at its start, with its elements on screen', async ({ page }) => {
  // 150 Services: a lane some 14,000 units tall, more than the pane shows at the smallest zoom.
  const services = Array.from({ length: 150 }, (_, i) => `apiVersion: v1
kind: Service
metadata:
  name: svc-${String(i).padStart(3, '0')}
spec:
  selector: {app: web}
  ports:
  - port: 80`).join('\n---\n')
  await page.addInitScript((yaml) => localStorage.setItem('ksp:yaml:v1', yaml), services)
  const app = new PlaygroundPage(page)
  await app.open()
  expect((await camera(page)).zoom).toBeCloseTo(0.08)
  const pane = (await app.graph.boundingBox())!
  // The start of the lanes: the outside client and the first Service are in the pane.
  for (const el of [page.getByTestId('rf__node-external'), app.service('default', 'svc-000')]) {
    const box = (await el.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(pane.x)
    expect(box.y).toBeGreaterThanOrEqual(pane.y)
    expect(box.y + box.height).toBeLessThanOrEqual(pane.y + pane.height)
  }
  await app.screenshot('camera-too-big')
})
