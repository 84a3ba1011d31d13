import { expect, test, type Page } from '@playwright/test'
import { PlaygroundPage } from './pages/PlaygroundPage'

test.beforeEach(async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  ;(page as unknown as { __errors: string[] }).__errors = errors
})

test.afterEach(async ({ page }) => {
  expect((page as unknown as { __errors: string[] }).__errors, 'no console or page errors').toEqual([])
})

async function clusterIPOf(page: Page, name: string): Promise<string> {
  await page.getByTestId('tab-svc').click()
  const row = page.getByTestId('table-get svc -A').locator('tr', { hasText: ` ${name} ` }).first()
  const cells = await row.locator('td').allInnerTexts()
  return cells[3]
}

/** The default scenario, one request from the client pod to http://kubia, played to the end. */
async function sendDefaultRequest(app: PlaygroundPage): Promise<void> {
  await app.sendRequest({ from: 'pod/client', url: 'http://kubia' })
  await expect(app.page.getByTestId('trace-outcome')).toContainText('Delivered to kubia-')
}

test('the inspector tabs show the rules, DNS, env, describe and details of the default scenario', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  const clusterIP = await clusterIPOf(page, 'kubia')
  expect(clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/)
  await app.resizeBottomPanel(330)
  await sendDefaultRequest(app)

  // Rules: the client's node, its iptables-save, the trace's lines highlighted.
  await app.openTab('rules')
  const rules = app.inspector('rules')
  const dump = rules.getByTestId('dump-iptables')
  const servicesLine = `-A KUBE-SERVICES -d ${clusterIP}/32 -p tcp -m comment --comment "default/kubia cluster IP" -m tcp --dport 80 -j KUBE-SVC-XCCRWSFD2BRL7CRI`
  await expect(dump).toContainText(servicesLine)
  await expect(dump.locator('.ins-line', { hasText: servicesLine })).toHaveAttribute('data-mark', 'matched')
  const decisive = dump.locator('[aria-current="true"]')
  await expect(decisive).toHaveCount(1)
  await expect(decisive).toContainText(/-j DNAT --to-destination 10\.244\.\d+\.\d+:8080/)
  // The line that decided the step (the DNAT) was scrolled into view inside the dump.
  const inBox = await decisive.evaluate((line) => {
    const box = line.closest('.ins-dump-body')!.getBoundingClientRect()
    const r = line.getBoundingClientRect()
    return r.top >= box.top - 1 && r.bottom <= box.bottom + 1
  })
  expect(inBox).toBe(true)
  const clientNode = await page.getByTestId('pod-default-client').evaluate((el) => el.closest('[data-testid^="node-"]')?.getAttribute('data-testid') ?? '')
  if (clientNode) await expect(rules.getByTestId('rules-node')).toHaveValue(clientNode.replace('node-', ''))
  // Lines never wrap: the dump scrolls sideways.
  const wraps = await dump.locator('.ins-dump-body').evaluate((el) => el.scrollWidth > el.clientWidth)
  expect(wraps).toBe(true)
  await app.screenshot('inspector-rules')

  // Another node: the same Service rule, nothing highlighted there.
  await rules.getByTestId('rules-node').selectOption('control-plane')
  await expect(dump).toContainText(servicesLine)
  await expect(dump.locator('[data-mark]')).toHaveCount(0)

  // DNS: the records, the client's resolv.conf and the search-list walk of "kubia".
  await app.openTab('dns')
  const dns = app.inspector('dns')
  await expect(dns.getByTestId('dns-records')).toContainText('kubia.default.svc.cluster.local')
  await expect(dns.getByTestId('dns-records').locator('tr', { hasText: 'kubia.default.svc.cluster.local' }).first()).toContainText(clusterIP)
  await expect(dns.getByTestId('resolv-conf')).toContainText('search default.svc.cluster.local svc.cluster.local cluster.local')
  await expect(dns.getByTestId('resolv-conf')).toContainText('nameserver 10.96.0.10')
  await expect(dns.getByTestId('resolv-conf')).toContainText('options ndots:5')
  await expect(dns.getByTestId('dns-tried').locator('li.ins-answered')).toContainText('kubia.default.svc.cluster.local')
  await app.screenshot('inspector-dns')
  await dns.getByTestId('dns-filter').fill('SRV')
  await expect(dns.getByTestId('dns-records')).toContainText('_dns._udp.kube-dns.kube-system.svc.cluster.local')
  await expect(dns.getByTestId('dns-records')).not.toContainText('kubia.default.svc.cluster.local')

  // env of the request's source pod, the client: service variables highlighted.
  await app.openTab('env')
  const env = app.inspector('env')
  await expect(env).toContainText('kubectl exec client -n default -- env | sort')
  const host = env.locator('.ins-line', { hasText: 'KUBIA_SERVICE_HOST=' })
  await expect(host).toContainText(`KUBIA_SERVICE_HOST=${clusterIP}`)
  await expect(host).toHaveAttribute('data-mark', 'service')
  await expect(env.locator('.ins-line', { hasText: 'HOSTNAME=client' })).not.toHaveAttribute('data-mark', 'service')
  await app.screenshot('inspector-env')

  // kubectl describe svc of the Service the request went to.
  await app.openTab('describe')
  const describe = app.inspector('describe')
  await expect(describe).toContainText('$ kubectl describe svc kubia -n default')
  await expect(describe.getByTestId('dump-describe')).toContainText(`IP:                       ${clusterIP}`)
  await expect(describe.getByTestId('dump-describe')).toContainText('TargetPort:               8080/TCP')
  await expect(describe.getByTestId('dump-describe')).toContainText('Events:                   <none>')
  await app.screenshot('inspector-describe')

  // Why? Nothing to explain for a delivered request.
  await app.openTab('why')
  await expect(app.inspector('why')).toContainText('nothing to explain')
  await expect(page.getByTestId('tab-why')).not.toHaveClass(/ins-alert/)

  // Details of the Service selected in the graph: live state and its YAML as written.
  await app.service('default', 'kubia').click()
  await app.openTab('details')
  const details = app.inspector('details')
  await expect(details.getByTestId('details-service')).toContainText(clusterIP)
  await expect(details.getByTestId('details-service')).toContainText('80/TCP → 8080')
  await expect(details.getByTestId('details-yaml')).toContainText('kind: Service')
  await expect(details.getByTestId('details-yaml')).toContainText('targetPort: 8080')
  await expect(details.getByTestId('details-yaml')).not.toContainText('kind: Deployment')
  await app.screenshot('inspector-details')
})

test('a failed request lights up "Why?", which names the cause and the fix', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await app.resizeBottomPanel(330)
  await app.sendRequest({ from: 'pod/client', url: 'http://kubia:8080' })
  await expect(page.getByTestId('trace-outcome')).toBeVisible()
  await expect(page.getByTestId('tab-why')).toHaveClass(/ins-alert/)
  await app.openTab('why')
  const why = app.inspector('why')
  await expect(why.getByTestId('why-cause')).toHaveCount(1)
  await expect(why.getByTestId('why-cause')).toContainText('A port the Service does not expose')
  await expect(why.getByTestId('why-cause')).toContainText('8080 is the targetPort')
  await expect(why.getByTestId('why-cause')).toContainText('Connect to port 80.')
  await app.screenshot('inspector-why')
})

test('ipvs mode shows ipvsadm -Ln beside iptables-save; nftables mode shows the nft table, each with the trace highlighted', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await app.resizeBottomPanel(380)
  await page.getByTestId('proxy-mode').selectOption('ipvs')
  await sendDefaultRequest(app)
  await app.openTab('rules')
  const rules = app.inspector('rules')
  const ipvs = rules.getByTestId('dump-ipvsadm')
  await expect(ipvs).toContainText('IP Virtual Server version 1.2.1 (size=4096)')
  await expect(ipvs.locator('[data-mark="decisive"]')).toHaveCount(2)
  await expect(ipvs.locator('[data-mark="decisive"]').first()).toContainText(/TCP {2}10\.\d+\.\d+\.\d+:80 rr/)
  await expect(rules.getByTestId('dump-iptables')).toContainText('KUBE-SERVICES')
  await app.screenshot('inspector-rules-ipvs')

  await page.getByTestId('proxy-mode').selectOption('nftables')
  await sendDefaultRequest(app)
  const nft = rules.getByTestId('dump-nft')
  await expect(nft).toContainText('table ip kube-proxy {')
  await expect(nft.locator('[data-mark="decisive"]')).toContainText(/dnat to 10\.244\.\d+\.\d+:8080/)
  await expect(rules.getByTestId('dump-iptables')).toHaveCount(0)
  await app.screenshot('inspector-rules-nft')
})
