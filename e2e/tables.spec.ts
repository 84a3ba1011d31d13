import { expect, test } from '@playwright/test'
import { deployment } from './fixtures/manifests'
import { PlaygroundPage } from './pages/PlaygroundPage'

test('a table of 600 pods draws only the rows in view, scrolls through all of them, and its columns stay put', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.openWith(deployment('web', 600))
  await app.openTab('pods')
  const table = page.getByTestId('table-get pods -o wide -A').locator('table')
  const total = Number(await table.getAttribute('aria-rowcount')) - 1
  expect(total).toBeGreaterThanOrEqual(600) // the Deployment's pods and CoreDNS's
  const rows = table.locator('tbody tr[aria-rowindex]')
  expect(await rows.count()).toBeLessThan(100)
  await expect(rows.first()).toHaveAttribute('aria-rowindex', '2')
  const ipHeader = table.locator('th', { hasText: 'IP' }).first()
  const ipX = (await ipHeader.boundingBox())!.x

  // To the end: the last pod's row is drawn and on screen, where the whole table's height puts it.
  const body = page.locator('.tab-body')
  await body.evaluate((el) => { el.scrollTop = el.scrollHeight })
  const last = table.locator(`tbody tr[aria-rowindex="${total + 1}"]`)
  await expect(last).toBeVisible()
  const [lastBox, bodyBox] = [(await last.boundingBox())!, (await body.boundingBox())!]
  expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(bodyBox.y + bodyBox.height + 1)
  expect(await rows.count()).toBeLessThan(100)
  // Columns sized from the longest cell of the whole table: other rows drawn, the columns where they were.
  expect((await ipHeader.boundingBox())!.x).toBe(ipX)
  // The middle: the rows there are drawn too, in order.
  await body.evaluate((el) => { el.scrollTop = el.scrollHeight / 2 })
  await expect(table.locator(`tbody tr[aria-rowindex="${Math.round(total / 2)}"]`)).toBeVisible()
  await body.evaluate((el) => { el.scrollTop = 0 })
  await app.screenshot('table-600-pods')
})
