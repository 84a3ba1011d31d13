/**
 * "Why did this fail?" (sim.explain): one concrete, broken scenario per
 * cause, checked for the cause it names and the fix it gives. Addresses are
 * pinned in the YAML (spec.clusterIP, status.podIP, nodePort) so the texts
 * can name them.
 */
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index'
import type { Explanation, RequestSpec, Simulation } from '../api/types'

const docs = (...parts: string[]): string => parts.map((p) => p.replace(/\n+$/, '')).join('\n---\n') + '\n'

interface PodOpts { node?: string; ip: string; labels: Record<string, string>; ports?: { name?: string; containerPort: number }[]; notReady?: boolean; namespace?: string }
function pod(name: string, o: PodOpts): string {
  const ports = o.ports ?? [{ containerPort: 8080 }]
  const probe = o.notReady ? '\n    readinessProbe:\n      exec:\n        command: ["cat", "/tmp/ready"]' : ''
  const portsYaml = ports.length ? `\n    ports:\n${ports.map((p) => `    - ${p.name ? `name: ${p.name}\n      ` : ''}containerPort: ${p.containerPort}`).join('\n')}` : ''
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${o.namespace ?? 'default'}
  labels:
${Object.entries(o.labels).map(([k, v]) => `    ${k}: ${v}`).join('\n')}
spec:
  nodeName: ${o.node ?? 'worker-1'}
  containers:
  - name: app
    image: luksa/kubia${portsYaml}${probe}
status:
  phase: Running
  podIP: ${o.ip}
`
}

interface SvcOpts { selector?: Record<string, string> | null; port?: number; targetPort?: number | string; type?: string; nodePort?: number; etp?: string; clusterIP?: string; namespace?: string; extra?: string }
function service(name: string, o: SvcOpts = {}): string {
  const selector = o.selector === null ? '' : `\n  selector:\n${Object.entries(o.selector ?? { app: name }).map(([k, v]) => `    ${k}: ${v}`).join('\n')}`
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${o.namespace ?? 'default'}
spec:${o.type ? `\n  type: ${o.type}` : ''}${o.clusterIP ? `\n  clusterIP: ${o.clusterIP}` : ''}${o.etp ? `\n  externalTrafficPolicy: ${o.etp}` : ''}${selector}${o.extra ?? ''}
  ports:
  - port: ${o.port ?? 80}
    targetPort: ${o.targetPort ?? 8080}${o.nodePort ? `\n    nodePort: ${o.nodePort}` : ''}
`
}

const client = pod('client', { ip: '10.244.1.5', labels: { role: 'client' }, ports: [] })

function build(yaml: string): Simulation {
  const s = createSimulation(yaml)
  const errors = s.diagnostics.filter((d) => d.severity === 'error')
  expect(errors.map((d) => d.message)).toEqual([])
  return s
}

function explain(s: Simulation, req: RequestSpec): { reason: string; list: Explanation[] } {
  const trace = s.request(req)
  const o = trace.outcome
  return { reason: o.status === 'failed' ? o.reason : o.status, list: s.explain(req, trace) }
}

const titles = (list: Explanation[]): string[] => list.map((e) => e.title)

describe('explain: the Service has no endpoints', () => {
  it('a selector that matches no pod names the near-miss labels', () => {
    const s = build(docs(
      service('kubia', { clusterIP: '10.96.50.1', selector: { app: 'kubia', tier: 'web' } }),
      pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia-v2', tier: 'web' } }),
      pod('kubia-b', { node: 'worker-2', ip: '10.244.2.10', labels: { tier: 'web' } }),
      client,
    ))
    const { reason, list } = explain(s, { from: 'pod/client', url: 'http://kubia' })
    expect(reason).toBe('CONNECTION_REFUSED')
    expect(titles(list)).toEqual(['The selector matches no pod'])
    expect(list[0].explanation).toContain('No pod in namespace default has the labels app=kubia,tier=web')
    // The client pod shares no selector key: it is no near miss.
    expect(list[0].explanation).not.toContain('client')
    expect(list[0].explanation).toContain('kubia-a has app=kubia-v2')
    expect(list[0].explanation).toContain('kubia-b has no app label')
    expect(list[0].fix).toContain('app=kubia')
  })

  it('replicas that miss the same way are named together (the KIA Deployment with a mistyped selector)', () => {
    const s = build(docs(
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubia
spec:
  replicas: 3
  selector:
    matchLabels:
      app: kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
      - name: kubia
        image: luksa/kubia
        ports:
        - containerPort: 8080`,
      service('kubia', { clusterIP: '10.96.50.1', selector: { app: 'kubia-v2' } }),
      client,
    ))
    const { list } = explain(s, { from: 'pod/client', url: 'http://kubia' })
    expect(titles(list)).toEqual(['The selector matches no pod'])
    expect(list[0].explanation).toMatch(/Closest: kubia-\w+-\w+, kubia-\w+-\w+, kubia-\w+-\w+ have app=kubia\.$/)
  })

  it('pods with the right labels in another namespace: a Service selects its own namespace only', () => {
    const s = build(docs(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other',
      service('kubia', { clusterIP: '10.96.50.1' }),
      pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' }, namespace: 'other' }),
      client,
    ))
    const { list } = explain(s, { from: 'pod/client', url: 'http://kubia' })
    expect(titles(list)).toEqual(['The selector matches no pod'])
    expect(list[0].explanation).toContain('other/kubia-a match, but a Service selects pods of its own namespace only')
  })

  it('a named targetPort that no pod declares', () => {
    const s = build(docs(
      service('kubia', { clusterIP: '10.96.50.1', targetPort: 'http' }),
      pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' } }),
      client,
    ))
    const { reason, list } = explain(s, { from: 'pod/client', url: 'http://kubia' })
    expect(reason).toBe('CONNECTION_REFUSED')
    expect(titles(list)).toEqual(['The targetPort name is not declared'])
    expect(list[0].explanation).toContain('no selected pod declares a port named http (they declare 8080)')
    expect(list[0].fix).toContain('Name the container port http')
  })

  it('all endpoints not ready, with the pod\'s reason', () => {
    const s = build(docs(
      service('kubia', { clusterIP: '10.96.50.1' }),
      pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' }, notReady: true }),
      client,
    ))
    const { reason, list } = explain(s, { from: 'pod/client', url: 'http://kubia' })
    expect(reason).toBe('CONNECTION_REFUSED')
    expect(titles(list)).toEqual(['No endpoint is ready'])
    expect(list[0].explanation).toContain('kubia-a: exec probe `cat /tmp/ready` fails: /tmp/ready does not exist')
  })

  it('a Service without selector and without Endpoints', () => {
    const s = build(docs(service('external', { clusterIP: '10.96.50.2', selector: null }), client))
    const { list } = explain(s, { from: 'pod/client', url: 'http://external' })
    expect(titles(list)).toEqual(['No selector and no Endpoints'])
    expect(list[0].fix).toContain('create an Endpoints object named external')
  })
})

describe('explain: ports', () => {
  const KUBIA = docs(
    service('kubia', { clusterIP: '10.96.50.1' }),
    pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' } }),
    client,
  )

  it('a port the Service does not expose; the pods\' port is the targetPort, not the Service port', () => {
    const { reason, list } = explain(build(KUBIA), { from: 'pod/client', url: 'http://kubia:8080' })
    expect(reason).toBe('TIMEOUT')
    expect(titles(list)).toEqual(['A port the Service does not expose'])
    expect(list[0].explanation).toContain('kubia exposes 80/TCP, not 8080')
    expect(list[0].explanation).toContain('8080 is the targetPort')
    expect(list[0].fix).toBe('Connect to port 80.')
  })

  it('a targetPort the pod does not listen on: the pod resets, the fix names its port', () => {
    const s = build(docs(
      service('kubia', { clusterIP: '10.96.50.1', targetPort: 80 }),
      pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' } }),
      client,
    ))
    const { reason, list } = explain(s, { from: 'pod/client', url: 'http://kubia' })
    expect(reason).toBe('CONNECTION_REFUSED')
    expect(titles(list)).toEqual(['The targetPort is wrong'])
    expect(list[0].explanation).toContain('kubia-a listens on 8080')
    expect(list[0].fix).toBe('Set targetPort: 8080 on the Service port 80.')
  })

  it('a node port that is no NodePort, when the Service port was meant', () => {
    const s = build(docs(
      service('kubia', { clusterIP: '10.96.50.1', type: 'NodePort', nodePort: 30123 }),
      pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' } }),
    ))
    const { reason, list } = explain(s, { from: 'external', url: 'http://192.168.49.3:80' })
    expect(reason).toBe('CONNECTION_REFUSED')
    expect(titles(list)).toEqual(['No NodePort on this port'])
    expect(list[0].explanation).toContain('The NodePorts are 30123 (kubia)')
    expect(list[0].fix).toBe('Connect to 192.168.49.3:30123.')
  })
})

describe('explain: from outside the cluster', () => {
  it('a ClusterIP used from outside: the fix gives the NodePort', () => {
    const s = build(docs(
      service('kubia', { clusterIP: '10.96.50.1', type: 'NodePort', nodePort: 30123 }),
      pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' } }),
    ))
    const { reason, list } = explain(s, { from: 'external', url: 'http://10.96.50.1' })
    expect(reason).toBe('TIMEOUT')
    expect(titles(list)).toEqual(['A ClusterIP used from outside the cluster'])
    expect(list[0].fix).toBe('Use a node address and the NodePort: http://192.168.49.3:30123.')
  })

  it('a ClusterIP-only Service from outside: the fix says how to expose it', () => {
    const s = build(docs(service('kubia', { clusterIP: '10.96.50.1' }), pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' } })))
    const { list } = explain(s, { from: 'external', url: 'http://10.96.50.1' })
    expect(list[0].fix).toContain('type: NodePort or LoadBalancer')
  })

  it('NodePort with externalTrafficPolicy Local on a node without a local endpoint', () => {
    const s = build(docs(
      service('kubia', { clusterIP: '10.96.50.1', type: 'NodePort', nodePort: 30123, etp: 'Local' }),
      pod('kubia-a', { node: 'worker-2', ip: '10.244.2.10', labels: { app: 'kubia' } }),
    ))
    const { reason, list } = explain(s, { from: 'external', url: 'http://192.168.49.3:30123' })
    expect(reason).toBe('TIMEOUT')
    expect(titles(list)).toEqual(['No local endpoint on this node'])
    expect(list[0].explanation).toContain('externalTrafficPolicy: Local')
    expect(list[0].explanation).toContain('worker-1 has none')
    expect(list[0].fix).toContain('192.168.49.4:30123')
  })

  it('cluster names do not resolve outside', () => {
    const s = build(docs(service('kubia', { clusterIP: '10.96.50.1', type: 'NodePort', nodePort: 30123 }), pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' } })))
    const { reason, list } = explain(s, { from: 'external', url: 'http://kubia.default.svc.cluster.local' })
    expect(reason).toBe('NXDOMAIN')
    expect(titles(list)).toEqual(['Cluster names do not resolve outside'])
    expect(list[0].fix).toContain(':30123')
  })

  it('a surprising success: with externalTrafficPolicy Cluster the pod sees a node address, not the client', () => {
    const s = build(docs(
      service('kubia', { clusterIP: '10.96.50.1', type: 'NodePort', nodePort: 30123 }),
      pod('kubia-a', { node: 'worker-2', ip: '10.244.2.10', labels: { app: 'kubia' } }),
    ))
    const { reason, list } = explain(s, { from: 'external', url: 'http://192.168.49.3:30123' })
    expect(reason).toBe('delivered')
    expect(titles(list)).toEqual(['The pod does not see the client address'])
    expect(list[0].explanation).toContain('not 203.0.113.10')
  })
})

describe('explain: DNS', () => {
  it('a short name from another namespace: suggest <svc>.<namespace>', () => {
    const s = build(docs(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop',
      service('kubia', { clusterIP: '10.96.50.1', namespace: 'shop' }),
      pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' }, namespace: 'shop' }),
      client,
    ))
    const { reason, list } = explain(s, { from: 'pod/client', url: 'http://kubia' })
    expect(reason).toBe('NXDOMAIN')
    expect(titles(list)).toEqual(['The short name looks in the pod\'s own namespace'])
    expect(list[0].explanation).toContain('kubia is in namespace shop, but client runs in default')
    expect(list[0].fix).toBe('Use kubia.shop (or kubia.shop.svc.cluster.local).')
  })

  it('a name no Service has, one letter off', () => {
    const s = build(docs(service('kubia', { clusterIP: '10.96.50.1' }), client))
    const { reason, list } = explain(s, { from: 'pod/client', url: 'http://kubai' })
    expect(reason).toBe('NXDOMAIN')
    expect(titles(list)).toEqual(['No Service has this name'])
    expect(list[0].fix).toBe('Use kubia in the URL, or create a Service named kubai.')
  })

  it('a node cannot resolve cluster names: the fix gives the ClusterIP', () => {
    const s = build(docs(service('kubia', { clusterIP: '10.96.50.1' }), pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' } })))
    const { reason, list } = explain(s, { from: 'node/worker-1', url: 'http://kubia' })
    expect(reason).toBe('NXDOMAIN')
    expect(titles(list)).toEqual(['A node cannot resolve cluster names'])
    expect(list[0].fix).toContain('http://10.96.50.1:80')
  })

  it('a headless Service without ready pods: NXDOMAIN, and why it has no endpoints', () => {
    const s = build(docs(
      service('hl', { clusterIP: 'None', selector: { app: 'hl' } }),
      pod('hl-a', { ip: '10.244.1.10', labels: { app: 'hl' }, notReady: true }),
      client,
    ))
    const { reason, list } = explain(s, { from: 'pod/client', url: 'http://hl' })
    expect(reason).toBe('NXDOMAIN')
    expect(titles(list)).toEqual(['A headless Service without ready pods has no address', 'No endpoint is ready'])
  })

  it('ExternalName leaves the cluster (a success worth explaining)', () => {
    const s = build(docs(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: external-service\nspec:\n  type: ExternalName\n  externalName: api.somecompany.com\n  ports:\n  - port: 80',
      client,
    ))
    const { reason, list } = explain(s, { from: 'pod/client', url: 'http://external-service' })
    expect(reason).toBe('left-cluster')
    expect(titles(list)).toEqual(['ExternalName leaves the cluster'])
    expect(list[0].explanation).toContain('CNAME to api.somecompany.com')
  })
})

describe('explain: Ingress', () => {
  const ingress = (name: string, host: string, backend: string, path = '/') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
spec:
  ingressClassName: nginx
  rules:
  - host: ${host}
    http:
      paths:
      - path: ${path}
        pathType: Prefix
        backend:
          service:
            name: ${backend}
            port:
              number: 80`
  const YAML = docs(
    service('kubia', { clusterIP: '10.96.50.1' }),
    pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' } }),
    service('empty', { clusterIP: '10.96.50.3' }),
    ingress('kubia', 'kubia.example.com', 'kubia', '/app'),
    ingress('empty', 'empty.example.com', 'empty'),
  )

  it('no Ingress rule for this host: lists the hosts and paths that exist', () => {
    const s = build(YAML)
    const { reason, list } = explain(s, { from: 'external', url: 'http://other.example.com/' })
    // The client's /etc/hosts only knows Ingress hosts: send to the controller with a Host header.
    expect(reason).toBe('NXDOMAIN')
    const lb = s.services.find((x) => x.name === 'ingress-nginx-controller')!.loadBalancerIngress[0]
    const r = explain(s, { from: 'external', url: `http://${lb}/`, headers: { Host: 'other.example.com' } })
    expect(r.reason).toBe('HTTP_404')
    expect(titles(r.list)).toEqual(['No Ingress rule for this host'])
    expect(r.list[0].explanation).toContain('No rule has host other.example.com')
    expect(r.list[0].explanation).toContain('kubia.example.com/app')
    expect(r.list[0].explanation).toContain('empty.example.com/')
    expect(list.length).toBe(1)
  })

  it('a known host but no matching path', () => {
    const s = build(YAML)
    const { reason, list } = explain(s, { from: 'external', url: 'http://kubia.example.com/other' })
    expect(reason).toBe('HTTP_404')
    expect(titles(list)).toEqual(['No path matches'])
    expect(list[0].explanation).toContain('/app (Prefix)')
  })

  it('a backend Service without endpoints: 503, and why it has none', () => {
    const s = build(YAML)
    const { reason, list } = explain(s, { from: 'external', url: 'http://empty.example.com/' })
    expect(reason).toBe('HTTP_503')
    expect(titles(list)).toEqual(['The backend Service has no endpoints', 'The selector matches no pod'])
    expect(s.serviceOf({ from: 'external', url: 'http://empty.example.com/' }, s.request({ from: 'external', url: 'http://empty.example.com/' }))).toEqual({ name: 'empty', namespace: 'default' })
  })
})

describe('explain: nothing to say, and serviceOf', () => {
  const KUBIA = docs(service('kubia', { clusterIP: '10.96.50.1' }), pod('kubia-a', { ip: '10.244.1.10', labels: { app: 'kubia' } }), client)

  it('a plain success from a pod has no explanation', () => {
    const { reason, list } = explain(build(KUBIA), { from: 'pod/client', url: 'http://kubia' })
    expect(reason).toBe('delivered')
    expect(list).toEqual([])
  })

  it('an unknown source is explained with the engine\'s message', () => {
    const { reason, list } = explain(build(KUBIA), { from: 'pod/nobody', url: 'http://kubia' })
    expect(reason).toBe('INVALID_REQUEST')
    expect(list[0].explanation).toBe('pod "nobody" not found in namespace default')
  })

  it('serviceOf names the Service the request went to, by name or by ClusterIP; none for a pod IP', () => {
    const s = build(KUBIA)
    for (const url of ['http://kubia', 'http://10.96.50.1', 'http://kubia:8080']) {
      const req = { from: 'pod/client', url }
      expect(s.serviceOf(req, s.request(req))).toEqual({ name: 'kubia', namespace: 'default' })
    }
    const req = { from: 'pod/client', url: 'http://10.244.1.10:8080' }
    expect(s.serviceOf(req, s.request(req))).toBeUndefined()
  })
})
