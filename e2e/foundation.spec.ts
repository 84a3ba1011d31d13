import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { PlaygroundPage } from './pages/PlaygroundPage'

const KUBIA = readFileSync(new URL('../src/scenarios/kubia.yaml', import.meta.url), 'utf8')

test.beforeEach(async ({ page }) => {
  const foreign: string[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http')) foreign.push(r.url())
  })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  ;(page as unknown as { __checks: { foreign: string[]; errors: string[] } }).__checks = { foreign, errors }
})

test.afterEach(async ({ page }) => {
  const { foreign, errors } = (page as unknown as { __checks: { foreign: string[]; errors: string[] } }).__checks
  expect(foreign, 'no request leaves the machine (Monaco comes from the local bundle)').toEqual([])
  expect(errors, 'no console or page errors').toEqual([])
})

test('the default scenario shows nodes, three kubia pods and the Service with its endpoints', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  for (const node of ['control-plane', 'worker-1', 'worker-2']) await expect(page.getByTestId(`node-${node}`)).toBeVisible()
  await expect(app.podsOf('kubia-')).toHaveCount(3)
  await expect(app.pod('default', 'client')).toBeVisible()
  const svc = app.service('default', 'kubia')
  await expect(svc).toContainText('ClusterIP')
  await expect(svc).toContainText('80/TCP')
  await expect(svc).toContainText('3 ready')
  // One endpoint edge from the Service to each kubia pod.
  const endpoints = page.locator('.react-flow__edge.edge-endpoint:not(.not-ready)[data-id^="ep/service/default/kubia->"]')
  await expect(endpoints).toHaveCount(3)
  // Each carries the target port, legible: the text fits inside its box.
  for (const label of await endpoints.locator('.react-flow__edge-textwrapper').all()) {
    await expect(label.locator('text')).toHaveText('8080')
    const [text, box] = [(await label.locator('text').boundingBox())!, (await label.locator('rect').boundingBox())!]
    expect(text.x).toBeGreaterThanOrEqual(box.x)
    expect(text.x + text.width).toBeLessThanOrEqual(box.x + box.width)
  }
  await app.openTab('endpoints')
  const row = page.getByTestId('table-get endpoints -A').locator('tr', { hasText: 'kubia' })
  await expect(row).toContainText(/10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080/)
  await app.openTab('svc')
  await expect(page.getByTestId('table-get svc -A').locator('tr', { hasText: 'kubia' })).toContainText('80/TCP')
  await app.screenshot('default-scenario')
})

test('an invalid nodePort shows a marker and a message at its line; fixing it updates the graph', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  const broken = KUBIA.replace('spec:\n  ports:\n  - port: 80\n    targetPort: 8080', 'spec:\n  type: NodePort\n  ports:\n  - port: 80\n    targetPort: 8080\n    nodePort: 8080')
  expect(broken).not.toBe(KUBIA)
  const line = broken.split('\n').findIndex((l) => l.includes('nodePort: 8080')) + 1
  await app.replaceText(broken)
  await app.openTab('problems')
  const message = `The Service "kubia" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767`
  await expect(app.problems).toContainText(message)
  await expect(app.problems).toContainText(`line ${line}, col 15`)
  await expect(page.locator('.monaco-editor .squiggly-error')).not.toHaveCount(0)
  // The last good cluster stays on screen, marked as such.
  await expect(page.getByTestId('stale-banner')).toBeVisible()
  await expect(app.service('default', 'kubia')).toContainText('ClusterIP')
  await app.screenshot('invalid-nodeport')

  await app.replaceText(broken.replace('nodePort: 8080', 'nodePort: 30123'))
  await expect(page.getByTestId('stale-banner')).toBeHidden()
  await expect(app.service('default', 'kubia')).toContainText('NodePort')
  await expect(app.service('default', 'kubia')).toContainText('80:30123/TCP')
  await expect(app.problems).not.toContainText('nodePort')
  await app.openTab('svc')
  await expect(page.getByTestId('table-get svc -A').locator('tr', { hasText: 'kubia' })).toContainText('80:30123/TCP')
  await app.screenshot('fixed-nodeport')
})

test('a YAML syntax error keeps the last good graph and points at the line', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await app.replaceText(`${KUBIA}\noops: a: b\n`)
  await app.openTab('problems')
  const line = KUBIA.split('\n').length + 1
  await expect(app.problems).toContainText(`line ${line}`)
  await expect(app.problems).toContainText('YAML error')
  await expect(app.podsOf('kubia-')).toHaveCount(3)
  await expect(page.getByTestId('stale-banner')).toBeVisible()
})

test('the schema gives completion for Service types', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await app.replaceText('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ')
  await expect(app.editor).toContainText('type:')
  const suggest = page.locator('.suggest-widget')
  // The schema reaches the yaml worker asynchronously: ask again until it offers the four types.
  await expect(async () => {
    await page.keyboard.press('Escape')
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.press('Control+Space')
    await expect(suggest).toContainText('ClusterIP', { timeout: 2000 })
  }).toPass({ timeout: 20_000 })
  for (const t of ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']) await expect(suggest).toContainText(t)
})

test('the text survives a reload', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await app.replaceText(KUBIA.replace('replicas: 3', 'replicas: 2'))
  await expect(app.podsOf('kubia-')).toHaveCount(2)
  await page.reload()
  await expect(app.podsOf('kubia-')).toHaveCount(2)
  await expect(app.editor).toContainText('replicas: 2')
})
