import { expect, test } from '@playwright/test'
import { PlaygroundPage } from './pages/PlaygroundPage'

async function clusterIPOf(page: import('@playwright/test').Page, name: string): Promise<string> {
  await page.getByTestId('tab-svc').click()
  const row = page.getByTestId('table-get svc -A').locator('tr', { hasText: ` ${name} ` }).first()
  const cells = await row.locator('td').allInnerTexts()
  return cells[3]
}

test('deleting a pod: its controller replaces it with a new name and IP, the Service keeps its ClusterIP', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  const before = await clusterIPOf(page, 'kubia')
  expect(before).toMatch(/^10\.\d+\.\d+\.\d+$/)
  const pods = app.podsOf('kubia-')
  const victim = (await pods.first().getAttribute('data-testid'))!.replace('pod-default-', '')
  await pods.first().click()
  await page.getByTestId('action-delete-pod').click()
  await expect(app.pod('default', victim)).toHaveCount(0)
  await expect(pods).toHaveCount(3)
  await expect(page.getByTestId('action-log')).toContainText(`kubectl delete pod ${victim}`)
  await expect(page.getByTestId('action-log')).toContainText('created pod')
  expect(await clusterIPOf(page, 'kubia')).toBe(before)
  await app.screenshot('action-delete-pod')
})

test('making a pod NotReady takes it out of the endpoints; requests never reach it', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  const target = app.podsOf('kubia-').first()
  const name = (await target.getAttribute('data-testid'))!.replace('pod-default-', '')
  await target.click()
  await page.getByTestId('action-toggle-ready').click()
  await expect(target).toContainText('NotReady')
  await expect(app.service('default', 'kubia')).toContainText('2 ready, 1 not ready')
  await page.getByTestId('request-count').fill('30')
  await page.getByTestId('send').click()
  const labels = await page.getByTestId('histogram').locator('th').allInnerTexts()
  expect(labels).toHaveLength(2)
  expect(labels).not.toContain(name)
})

test('scaling writes the replicas into the YAML, as kubectl scale changes the object', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await app.podsOf('kubia-').first().click()
  await expect(page.getByTestId('replicas')).toHaveText('3')
  await page.getByTestId('action-scale-up').click()
  await expect(app.podsOf('kubia-')).toHaveCount(4)
  await expect(app.editor).toContainText('replicas: 4')
})

test('adding and draining nodes', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await page.getByTestId('action-add-node').click()
  await expect(page.getByTestId('node-worker-3')).toBeVisible()
  await page.getByTestId('node-worker-2').click({ position: { x: 30, y: 12 } })
  await page.getByTestId('action-drain').click()
  const log = page.getByTestId('action-log')
  await expect(log).toContainText('kubectl drain worker-2')
  await expect(page.getByTestId('node-worker-2')).toContainText('SchedulingDisabled')
  await expect(page.getByTestId('node-worker-2').locator('[data-testid^="pod-default-kubia-"]')).toHaveCount(0)
  await expect(app.podsOf('kubia-')).toHaveCount(3)
})

test('switching kube-proxy to ipvs changes what the trace says', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await page.getByTestId('proxy-mode').selectOption('ipvs')
  await page.getByTestId('send').click()
  await expect(page.getByTestId('trace-steps').locator('li[data-kind="dnat"]')).toContainText('IPVS virtual server')
  await expect(page.getByTestId('trace-outcome')).toContainText('Delivered to kubia-')
})

test('the keyboard drives the player: space pauses, arrows step, R replays', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await page.getByTestId('send').click()
  await expect(page.getByTestId('trace-outcome')).toBeVisible()
  // Take the focus off the Send button (shortcuts ignore keys typed into controls): the title is not a control.
  await page.locator('.app-header h1').click()
  await page.keyboard.press('r')
  const steps = page.getByTestId('trace-steps').locator('li')
  await expect(steps).toHaveCount(2)
  await page.keyboard.press(' ')
  await expect(page.getByTestId('play')).toHaveAttribute('aria-label', 'Play')
  const paused = await steps.count()
  expect(paused).toBeGreaterThanOrEqual(2)
  await page.keyboard.press('ArrowRight')
  await expect(steps).toHaveCount(paused + 1)
  await page.keyboard.press('ArrowLeft')
  await expect(steps).toHaveCount(paused)
  await expect(page.getByTestId('trace-live')).toContainText(`Step ${paused} of`)
})

test('the graph exports as PNG and SVG', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  const png = page.waitForEvent('download')
  await page.getByTestId('export-png').click()
  expect((await png).suggestedFilename()).toBe('cluster.png')
  const svg = page.waitForEvent('download')
  await page.getByTestId('export-svg').click()
  expect((await svg).suggestedFilename()).toBe('cluster.svg')
})
