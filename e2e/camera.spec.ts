import { expect, test, type Page } from '@playwright/test'
import { CLIENT_POD, deployment, services } from './fixtures/manifests'
import { PlaygroundPage } from './pages/PlaygroundPage'

/** The graph's camera: React Flow's viewport transform (translate x y, scale). */
async function camera(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const t = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform)
  const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)\s*scale\(([-\d.]+)\)/.exec(t)
  if (!m) throw new Error(`unexpected viewport transform: ${t}`)
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) }
}

/** `el` lies inside `pane` (both boxes from boundingBox). */
function expectInside(el: { x: number; y: number; width: number; height: number }, pane: { x: number; y: number; width: number; height: number }): void {
  expect(el.x).toBeGreaterThanOrEqual(pane.x)
  expect(el.x + el.width).toBeLessThanOrEqual(pane.x + pane.width)
  expect(el.y).toBeGreaterThanOrEqual(pane.y)
  expect(el.y + el.height).toBeLessThanOrEqual(pane.y + pane.height)
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
    expectInside((await el.boundingBox())!, pane)
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

test('a cluster too big to fit even at the smallest zoom opens at its start, readable, with its elements on screen', async ({ page }) => {
  // 150 Services: a lane some 14,000 units tall, more than the pane shows at the smallest zoom.
  const app = new PlaygroundPage(page)
  await app.openWith(services(150, () => 'web').join('\n---\n'))
  expect((await camera(page)).zoom).toBeCloseTo(0.7)
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

test('a path too long to read in one view: the camera follows the packet, readable, step by step', async ({ page }) => {
  // 150 Services in one lane; the client and the pods are in the node lane at the top, svc-149 far down.
  const yaml = [...services(150, (i) => (i === 149 ? 'web' : 'none'), 8080), deployment('web', 2, 8080), CLIENT_POD].join('\n---\n')
  const app = new PlaygroundPage(page)
  await app.openWith(yaml)
  await app.sendRequest({ from: 'client', url: 'http://svc-149' })
  const outcome = page.getByTestId('trace-outcome')
  await expect(outcome).toContainText('Delivered to web-')
  const pane = (await app.graph.boundingBox())!
  const onScreen = async (): Promise<void> => {
    await page.waitForTimeout(600) // the camera's move
    const lit = app.graph.locator('.hl-current')
    await expect(lit).toHaveCount(1)
    expectInside((await lit.boundingBox())!, pane)
    expect((await camera(page)).zoom).toBeGreaterThanOrEqual(0.7)
  }
  await onScreen() // the pod that answered
  await app.screenshot('camera-follow-delivered')
  // Back through the steps: each step's element is brought on screen in turn, among them CoreDNS's
  // Service at the far end of the Services lane (kube-system sorts after the 150 default Services).
  const back = page.getByRole('button', { name: 'Step back' })
  const seen = new Set<string>()
  for (let i = 0; i < 6 && await back.isEnabled(); i++) {
    await back.click()
    if (await app.graph.locator('.hl-current').count() === 0) break
    await onScreen()
    seen.add((await app.graph.locator('.hl-current').locator('xpath=..').getAttribute('data-id'))!)
  }
  expect([...seen]).toEqual(expect.arrayContaining(['service/kube-system/kube-dns', 'pod/default/client']))
})
