import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { PlaygroundPage } from './pages/PlaygroundPage'

const KUBIA = readFileSync(new URL('../src/scenarios/kubia.yaml', import.meta.url), 'utf8')

/**
 * Words that stay in Latin letters in the Korean UI, as Korean Kubernetes
 * users write them: API kinds and field names, kubectl's own words and
 * placeholders, protocol and tool names, the key names on a keyboard, the
 * default scenario's object names and the language's own name.
 */
const ALLOWED = [
  // API kinds, Service types, fields (kubernetes.io/ko keeps them in English where they name a kind or a field)
  'Service', 'Pod', 'Node', 'Ingress', 'Deployment', 'ReplicaSet', 'ReplicationController', 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName',
  'replicas',
  // the kind badges on the graph cards and the selection, as kubectl names the resources
  'svc', 'pod', 'node', 'ingress',
  // kubectl's words: pod phases and readiness, node status, placeholders
  'Running', 'Pending', 'Ready', 'NotReady', 'SchedulingDisabled',
  // tools, commands, protocols
  'kube-proxy', 'iptables', 'nftables', 'ipvs', 'userspace', 'CoreDNS', 'MetalLB', 'kubeadm', 'join', 'kubectl', 'kubelet', 'curl', 'env', 'describe', 'exec', 'touch',
  'DNS', 'DNAT', 'SNAT', 'LB', 'CIDR', 'IP', 'URL', 'YAML', 'PNG', 'SVG', 'TTL', 'TCP', 'UDP', 'CNAME', 'Host',
  // how a request failed: the reason codes (like errno names), as curl and the engine report them
  'TIMEOUT', 'NXDOMAIN',
  // keys on the keyboard
  'Enter', 'R',
  // the default scenario's objects and namespace
  'kubia', 'client', 'kubernetes', 'default',
  // the language's own name in the switcher
  'English',
]

/** React Flow's credit link: the library's name, a proper noun. */
const EXEMPT = ['.react-flow__attribution']

const TABS = ['problems', 'pods', 'svc', 'endpoints', 'endpointslices', 'ingress', 'nodes', 'details', 'rules', 'dns', 'env', 'describe', 'why'] as const

test('in Korean, no English is left in the chrome: only Kubernetes words, names and what the cluster prints', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await app.sendRequest()
  await expect(page.getByTestId('trace-outcome')).toBeVisible()

  await app.setLanguage('ko')
  await expect(page).toHaveTitle('쿠버네티스 Service 놀이터')
  await expect(page.getByTestId('send')).toHaveText('보내기')
  const left = new Set<string>()
  const collect = async (stage: string): Promise<void> => {
    for (const line of await app.latinWords(ALLOWED, EXEMPT)) left.add(`${stage}: ${line}`)
  }
  await collect('after a request')
  for (const tab of TABS) {
    await app.openTab(tab)
    await collect(`tab ${tab}`)
  }

  // A pod: its actions, its details.
  const pod = app.podsOf('kubia-').first()
  await pod.click()
  await expect(page.getByTestId('pod-actions')).toBeVisible()
  await app.openTab('details')
  await expect(app.inspector('details').getByTestId('details-pod')).toBeVisible()
  await collect('pod selected')
  expect(await app.overflowingControls(), 'Korean text fits its buttons and tabs').toEqual([])
  await app.screenshot('i18n-ko-1280')
  await app.setLanguage('en')
  await expect(page.getByTestId('send')).toHaveText('Send')
  await app.screenshot('i18n-en-1280')
  expect(await app.overflowingControls()).toEqual([])
  await app.setLanguage('ko')

  // A runtime event in the log.
  await page.getByTestId('action-toggle-ready').click()
  await expect(page.getByTestId('action-log')).toBeVisible()
  await collect('readiness toggled')
  await page.getByTestId('clear-actions').click()

  // A node, a Service.
  await page.getByTestId('node-worker-1').click({ position: { x: 40, y: 12 } })
  await expect(page.getByTestId('node-actions')).toBeVisible()
  await expect(app.inspector('details').getByTestId('details-node')).toBeVisible()
  await collect('node selected')
  await app.service('default', 'kubia').click()
  await expect(app.inspector('details').getByTestId('details-service')).toBeVisible()
  await collect('Service selected')
  await app.openTab('describe')
  await collect('describe the Service')

  // A request that fails: the outcome, the Why? tab.
  await app.sendRequest({ url: 'http://kubia:8080' })
  await expect(page.getByTestId('trace-outcome')).toHaveClass(/failed/)
  await app.openTab('why')
  await expect(app.inspector('why').getByTestId('why-cause').first()).toBeVisible()
  await collect('failed request')
  await app.openTab('dns')
  await collect('failed request, DNS')

  // Errors in the YAML: the problems and the stale banner.
  await app.replaceText(KUBIA.replace('spec:\n  ports:\n  - port: 80\n    targetPort: 8080', 'spec:\n  type: NodePort\n  ports:\n  - port: 80\n    targetPort: 8080\n    nodePort: 8080'))
  await expect(page.getByTestId('stale-banner')).toBeVisible()
  await app.openTab('problems')
  await expect(app.problems.locator('li').first()).toBeVisible()
  await collect('YAML errors')
  expect(await app.overflowingControls(), 'Korean text fits its buttons and tabs').toEqual([])

  expect([...left]).toEqual([])
})

test.describe('a browser set to Korean', () => {
  test.use({ locale: 'ko-KR' })

  test('opens in Korean, keeps the choice of English across a reload', async ({ page }) => {
    const app = new PlaygroundPage(page)
    await app.open()
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko')
    await expect(page).toHaveTitle('쿠버네티스 Service 놀이터')
    await expect(page.getByTestId('language')).toHaveValue('ko')
    await expect(page.getByTestId('tab-problems')).toHaveText('문제')
    await app.setLanguage('en')
    await expect(page.getByTestId('tab-problems')).toHaveText('Problems')
    await page.reload()
    await expect(page.getByTestId('tab-problems')).toHaveText('Problems')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page).toHaveTitle('Kube Service Playground')
  })
})
