import { expect, test } from '@playwright/test'
import { PlaygroundPage } from './pages/PlaygroundPage'

test('a request from the client pod travels to a kubia pod; the DNAT step shows the rewritten destination', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await page.getByTestId('request-url').fill('http://kubia')
  await page.getByTestId('send').click()
  const steps = page.getByTestId('trace-steps')
  await expect(steps.locator('li[data-kind="dns"]')).toBeVisible()
  await expect(steps.locator('li[data-kind="dnat"]')).toBeVisible()
  await app.screenshot('traffic-dnat')
  await expect(page.getByTestId('trace-outcome')).toContainText('Delivered to kubia-')
  const dnat = steps.locator('li[data-kind="dnat"]')
  await expect(dnat.locator('.rewrite .addr.changed')).toHaveText(/10\.244\.\d+\.\d+:8080/)
  await expect(page.getByTestId('packet-token')).toHaveAttribute('data-at', /pod\/default\/kubia-/)
  // The graph lights the path: the pod that answered is the current step, the client was passed.
  const answered = (await page.getByTestId('trace-outcome').innerText()).match(/kubia-[\w-]+/)![0]
  const lit = app.graph.locator('.hl-current')
  await expect(lit).toHaveCount(1)
  await expect(app.pod('default', answered)).toHaveClass(/\bhl-current\b/)
  await expect(app.pod('default', 'client')).toHaveClass(/\bhl-visited\b/)
  await app.screenshot('traffic-delivered')
  // A step back moves the light off the pod, to the element of the step before.
  await page.getByRole('button', { name: 'Step back' }).click()
  await expect(app.pod('default', answered)).not.toHaveClass(/\bhl-current\b/)
  await expect(lit).toHaveCount(1)
  await expect(page.getByTestId('packet-token')).toHaveAttribute('data-at', (await lit.first().locator('xpath=..').getAttribute('data-id'))!)
})

test('twenty requests spread over the three pods; the histogram adds up', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await page.getByTestId('request-count').fill('20')
  await page.getByTestId('send').click()
  const rows = page.getByTestId('histogram').locator('tr')
  await expect(rows).toHaveCount(3)
  const counts = await rows.locator('td.num').allInnerTexts()
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(20)
  await app.screenshot('traffic-histogram')
})
