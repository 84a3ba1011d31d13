/**
 * The goal vocabulary, one goal kind at a time, on small clusters: each
 * check passes when it should, fails when it should, and says why in both
 * languages.
 */
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../engine'
import { checkGoals, describeGoal, findPod, parseSelector, podMatches, resolveAction, simulate, toRequestSpec } from './goals'
import type { Goal } from './types'

const HANGUL = /[\uac00-\ud7a3]/

function deployment(name: string, replicas: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:${extra}
      containers:
      - name: ${name}
        image: luksa/kubia
        ports:
        - name: http
          containerPort: 8080`
}

function service(name: string, extra = ''): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:${extra}
  ports:
  - name: http
    port: 80
    targetPort: 8080
  selector:
    app: ${name}`
}

const CLIENT = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: client
    image: curlimages/curl`

const docs = (...parts: string[]): string => parts.join('\n---\n') + '\n'

const WEB = docs(deployment('web', 3), service('web'), service('sticky', '\n  sessionAffinity: ClientIP').replace('app: sticky', 'app: web'), CLIENT)

function one(yaml: string, goal: Goal, options = {}) {
  const report = checkGoals(yaml, [goal], options)
  expect(report.results).toHaveLength(1)
  const r = report.results[0]
  expect(r.goal).toBe(goal)
  expect(report.passed).toBe(r.passed)
  expect(r.detail.en.length).toBeGreaterThan(0)
  expect(HANGUL.test(r.detail.ko) || /^[^a-z]*$/.test(r.detail.ko) || r.passed).toBe(true)
  return r
}

describe('parseSelector / podMatches', () => {
  it('reads equality selectors, and refuses set-based ones', () => {
    expect(parseSelector('app=web, tier==front')).toEqual({ app: 'web', tier: 'front' })
    expect(parseSelector('app in (web)')).toBeUndefined()
    expect(parseSelector('')).toBeUndefined()
  })

  it('leaves the cluster\'s own pods out unless a namespace is named', () => {
    const sim = createSimulation(WEB)
    const coredns = sim.pods.find((p) => p.namespace === 'kube-system')!
    expect(podMatches(coredns, {})).toBe(false)
    expect(podMatches(coredns, { namespace: 'kube-system', selector: 'k8s-app=kube-dns' })).toBe(true)
  })
})

describe('findPod / resolveAction / toRequestSpec', () => {
  const sim = createSimulation(WEB)
  const web = sim.pods.filter((p) => p.labels.app === 'web').map((p) => p.name).sort()

  it('names pods by name, namespace/name, selector, and the nth pod of a selector', () => {
    expect(findPod(sim, 'pod/client')?.name).toBe('client')
    expect(findPod(sim, 'default/client')?.name).toBe('client')
    expect(findPod(sim, 'pod/app=web')?.name).toBe(web[0])
    expect(findPod(sim, 'app=web#3')?.name).toBe(web[2])
    expect(findPod(sim, 'app=web#4')).toBeUndefined()
    expect(findPod(sim, 'pod/kube-system/k8s-app=kube-dns')?.namespace).toBe('kube-system')
  })

  it('turns a selector-named pod into the pod the engine knows', () => {
    expect(resolveAction(sim, { type: 'deletePod', pod: 'app=web#2' })).toEqual({ type: 'deletePod', pod: web[1], namespace: 'default' })
    expect(resolveAction(sim, { type: 'scale', kind: 'deployment', name: 'web', replicas: 1 })).toEqual({ type: 'scale', kind: 'deployment', name: 'web', replicas: 1 })
  })

  it('sends host as the Host header and resolves selector senders', () => {
    expect(toRequestSpec(sim, { from: 'pod/app=web', url: 'http://x/', count: 1, host: 'a.example.com' })).toEqual({
      from: `pod/default/${web[0]}`, url: 'http://x/', headers: { Host: 'a.example.com' },
    })
  })

  it('simulate applies the actions in order', () => {
    const after = simulate(WEB, { actions: [{ type: 'scale', kind: 'deployment', name: 'web', replicas: 1 }] })
    expect(after.pods.filter((p) => p.labels.app === 'web')).toHaveLength(1)
  })
})

describe('request goals', () => {
  it('reachesAll passes when every pod of the selector answers, and names the missing ones when not', () => {
    expect(one(WEB, { request: { from: 'pod/client', url: 'http://web', count: 30 }, status: 'delivered', reachesAll: { selector: 'app=web' } }).passed).toBe(true)
    const r = one(WEB, { request: { from: 'pod/client', url: 'http://web', count: 1 }, reachesAll: { selector: 'app=web' } })
    expect(r.passed).toBe(false)
    expect(r.detail.en).toMatch(/missing default\/web-/)
  })

  it('reachesAll fails when the selector matches no ready pod', () => {
    const r = one(WEB, { request: { from: 'pod/client', url: 'http://web', count: 5 }, reachesAll: { selector: 'app=nothing' } })
    expect(r.passed).toBe(false)
    expect(r.detail.en).toMatch(/no running, ready pod matches app=nothing/)
  })

  it('reachesOnly and samePod and distinctPods', () => {
    expect(one(WEB, { request: { from: 'pod/client', url: 'http://web', count: 10 }, reachesOnly: { selector: 'app=web' } }).passed).toBe(true)
    expect(one(WEB, { request: { from: 'pod/client', url: 'http://web', count: 10 }, reachesOnly: { selector: 'app=other' } }).passed).toBe(false)
    expect(one(WEB, { request: { from: 'pod/client', url: 'http://sticky', count: 10 }, samePod: true }).passed).toBe(true)
    expect(one(WEB, { request: { from: 'pod/client', url: 'http://web', count: 30 }, samePod: true }).passed).toBe(false)
    expect(one(WEB, { request: { from: 'pod/client', url: 'http://sticky', count: 10 }, distinctPods: 1 }).passed).toBe(true)
  })

  it('status and reason', () => {
    expect(one(WEB, { request: { from: 'pod/client', url: 'http://web:8080', count: 1 }, reason: 'TIMEOUT' }).passed).toBe(true)
    const r = one(WEB, { request: { from: 'pod/client', url: 'http://nope', count: 1 }, status: 'delivered' })
    expect(r.passed).toBe(false)
    expect(r.detail.en).toMatch(/NXDOMAIN/)
    expect(one(WEB, { request: { from: 'pod/client', url: 'http://nope', count: 1 }, reason: 'NXDOMAIN' }).passed).toBe(true)
  })

  it('sourceIP: client for a pod sender, node after SNAT, a literal address', () => {
    const np = docs(deployment('web', 2), service('web', '\n  type: NodePort'), CLIENT)
    expect(one(np, { request: { from: 'pod/client', url: 'http://web', count: 3 }, sourceIP: 'client' }).passed).toBe(true)
    expect(one(np, { request: { from: 'pod/client', url: 'http://web', count: 3 }, sourceIP: 'node' }).passed).toBe(false)
    const nodePort = createSimulation(np).services.find((s) => s.name === 'web')!.ports[0].nodePort
    const ext = { from: 'external', url: `http://192.168.49.3:${nodePort}`, count: 3 }
    expect(one(np, { request: ext, sourceIP: 'node' }).passed).toBe(true)
    const r = one(np, { request: ext, sourceIP: 'client' })
    expect(r.passed).toBe(false)
    expect(r.detail.en).toMatch(/203\.0\.113\.10/)
    expect(one(np, { request: { ...ext, count: 1 }, sourceIP: '192.168.49.3' }).passed).toBe(true)
  })

  it('port and host (a request that leaves the cluster)', () => {
    const ext = docs(`apiVersion: v1
kind: Service
metadata:
  name: out
spec:
  type: ExternalName
  externalName: api.example.com`, CLIENT)
    expect(one(ext, { request: { from: 'pod/client', url: 'http://out:8443', count: 1 }, status: 'left-cluster', host: 'api.example.com', port: 8443 }).passed).toBe(true)
    expect(one(ext, { request: { from: 'pod/client', url: 'http://out', count: 1 }, host: 'other.example.com' }).passed).toBe(false)
  })

  it('each goal gets a fresh cluster: one goal\'s affinity does not carry into the next', () => {
    const goals: Goal[] = [
      { request: { from: 'pod/client', url: 'http://web', count: 1 }, status: 'delivered' },
      { request: { from: 'pod/client', url: 'http://web', count: 1 }, status: 'delivered' },
    ]
    const report = checkGoals(WEB, goals)
    expect(report.results[0].detail.en).toBe(report.results[1].detail.en)
  })
})

describe('resolve goals', () => {
  const headless = docs(deployment('db', 3), service('db', '\n  clusterIP: None'), service('web'), CLIENT)

  it('rcode, answers, addressesOf, clusterIPOf, queries', () => {
    expect(one(headless, { resolve: { name: 'db', from: 'pod/client' }, rcode: 'NOERROR', answers: 3, addressesOf: { selector: 'app=db' } }).passed).toBe(true)
    expect(one(headless, { resolve: { name: 'web', from: 'pod/client' }, clusterIPOf: 'web', queries: 1 }).passed).toBe(true)
    expect(one(headless, { resolve: { name: 'web.default.svc.cluster.local', from: 'pod/client' }, queries: 4 }).passed).toBe(true)
    expect(one(headless, { resolve: { name: 'nope', from: 'pod/client' }, rcode: 'NXDOMAIN', queries: 4 }).passed).toBe(true)
    const r = one(headless, { resolve: { name: 'web', from: 'pod/client' }, answers: 3 })
    expect(r.passed).toBe(false)
    expect(r.detail.en).toMatch(/1 A answers, not 3/)
    expect(one(headless, { resolve: { name: 'db', from: 'pod/client' }, clusterIPOf: 'db' }).passed).toBe(false)
  })

  it('addressesOf follows readiness', () => {
    const r = one(headless, { resolve: { name: 'db', from: 'pod/client' }, addressesOf: { selector: 'app=db' }, answers: 2 }, { actions: [{ type: 'setReady', pod: 'app=db', ready: false }] })
    expect(r.passed).toBe(true)
  })

  it('cname', () => {
    const ext = docs(`apiVersion: v1
kind: Service
metadata:
  name: out
spec:
  type: ExternalName
  externalName: api.example.com`, CLIENT)
    expect(one(ext, { resolve: { name: 'out', from: 'pod/client' }, cname: 'api.example.com' }).passed).toBe(true)
    expect(one(ext, { resolve: { name: 'out', from: 'pod/client' }, cname: 'other.example.com' }).passed).toBe(false)
  })

  it('fails clearly when the pod to ask from does not exist', () => {
    const r = one(headless, { resolve: { name: 'db', from: 'pod/ghost' }, rcode: 'NOERROR' })
    expect(r.passed).toBe(false)
    expect(r.detail.en).toMatch(/no pod pod\/ghost/)
  })
})

describe('env goals', () => {
  const early = docs(CLIENT, deployment('web', 1), service('web'))
  const late = docs(deployment('web', 1), service('web'), CLIENT)

  it('has and lacks, in creation order', () => {
    expect(one(late, { env: 'pod/client', has: ['WEB_SERVICE_HOST', 'WEB_SERVICE_PORT_HTTP'] }).passed).toBe(true)
    expect(one(early, { env: 'client', lacks: ['WEB_SERVICE_HOST'], has: ['KUBERNETES_SERVICE_HOST'] }).passed).toBe(true)
    const r = one(early, { env: 'client', has: ['WEB_SERVICE_HOST'] })
    expect(r.passed).toBe(false)
    expect(r.detail.en).toBe('client has no WEB_SERVICE_HOST')
  })
})

describe('endpoints goals', () => {
  it('ready, notReady, readyPods and port', () => {
    expect(one(WEB, { endpoints: 'web', ready: 3, notReady: 0, readyPods: { selector: 'app=web' }, port: 8080 }).passed).toBe(true)
    expect(one(WEB, { endpoints: 'default/web', port: 80 }).passed).toBe(false)
    const r = one(WEB, { endpoints: 'web', ready: 2, notReady: 1 }, { actions: [{ type: 'setReady', pod: 'app=web#3', ready: false }] })
    expect(r.passed).toBe(true)
    expect(one(WEB, { endpoints: 'nothing', ready: 1 }).passed).toBe(false)
  })
})

describe('noErrors goals', () => {
  it('fails on a YAML the API server would reject, naming the first error', () => {
    expect(one(WEB, { noErrors: true }).passed).toBe(true)
    const r = one('apiVersion: v1\nkind: Service\nmetadata:\n  name: Bad_Name\nspec:\n  ports:\n  - port: 80\n', { noErrors: true })
    expect(r.passed).toBe(false)
    expect(r.detail.en).toMatch(/line 4/)
  })
})

describe('describeGoal', () => {
  it('puts every goal kind in words, in both languages', () => {
    const goals: Goal[] = [
      { request: { from: 'pod/client', url: 'http://web', count: 50 }, status: 'delivered', reachesAll: { selector: 'app=web' }, sourceIP: 'client' },
      { resolve: { name: 'db.data', from: 'pod/client' }, rcode: 'NOERROR' },
      { env: 'pod/client', has: ['WEB_SERVICE_HOST'] },
      { endpoints: 'web', ready: 3 },
      { noErrors: true },
    ]
    for (const g of goals) {
      const d = describeGoal(g)
      expect(d.en.length).toBeGreaterThan(5)
      expect(HANGUL.test(d.ko)).toBe(true)
    }
    expect(describeGoal(goals[0]).en).toBe('pod/client → http://web ×50: ends delivered, reaches every pod app=web, the pod sees the client address')
  })
})
