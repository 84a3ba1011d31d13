/**
 * The endpoints and EndpointSlice controllers (k8s-semantics.md §2, §8):
 * ready vs not-ready addresses, named targetPorts resolved per pod,
 * publishNotReadyAddresses, readiness probes and the runtime actions that
 * flip them, selector-less Services fed by hand-written Endpoints or
 * EndpointSlices, namespace scoping, and which pods are candidates at all.
 */
import { describe, expect, it } from 'vitest'
import {
  act, docs, errors, namespaceYaml, podYaml, rcYaml, serviceYaml, sim, toYaml, userPods,
} from '../testing/builders'

const KIA_RC_READINESS = `apiVersion: v1
kind: ReplicationController
metadata:
  name: kubia
spec:
  replicas: 3
  selector:
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
        - name: http
          containerPort: 8080
        readinessProbe:
          exec:
            command:
            - ls
            - /var/ready
`
const KIA_SVC = serviceYaml('kubia', { ports: [{ port: 80, targetPort: 8080 }] })

const ips = (eps: { ip: string }[]) => eps.map((e) => e.ip)

describe('ready and not-ready addresses', () => {
  it('pods without a readiness probe are ready as soon as they run', () => {
    const s = sim(docs(rcYaml('kubia', 3, { ports: [{ containerPort: 8080 }] }), KIA_SVC))
    const view = s.endpoints('kubia')
    expect(view.notReady).toEqual([])
    expect(view.ready).toHaveLength(3)
    expect(view.ready.map((e) => e.port)).toEqual([8080, 8080, 8080])
    expect(ips(view.ready).sort()).toEqual(userPods(s).map((p) => p.ip).sort())
    for (const e of view.ready) {
      const pod = userPods(s).find((p) => p.ip === e.ip)!
      expect(e).toMatchObject({ pod: pod.name, node: pod.node })
    }
  })

  it("KIA readiness probe `ls /var/ready`: every pod is not ready until the file exists", () => {
    const s = sim(docs(KIA_RC_READINESS, KIA_SVC))
    expect(errors(s)).toEqual([])
    const pods = userPods(s)
    expect(pods.every((p) => p.phase === 'Running' && !p.ready)).toBe(true)
    expect(s.endpoints('kubia').ready).toEqual([])
    expect(ips(s.endpoints('kubia').notReady).sort()).toEqual(pods.map((p) => p.ip).sort())
  })

  it('`kubectl exec <pod> -- touch /var/ready` makes that pod (only) ready', () => {
    const s0 = sim(docs(KIA_RC_READINESS, KIA_SVC))
    const target = userPods(s0)[0]
    const s1 = act(s0, { type: 'exec', pod: target.name, command: ['touch', '/var/ready'] })
    expect(s1.actionLog[0].ok).toBe(true)
    expect(userPods(s1).find((p) => p.name === target.name)?.ready).toBe(true)
    expect(userPods(s1).filter((p) => p.ready)).toHaveLength(1)
    expect(s1.endpoints('kubia').ready).toEqual([expect.objectContaining({ ip: target.ip, port: 8080, pod: target.name })])
    expect(s1.endpoints('kubia').notReady).toHaveLength(2)
  })

  it('removing the file again makes the pod not ready', () => {
    const s0 = sim(docs(KIA_RC_READINESS, KIA_SVC))
    const name = userPods(s0)[0].name
    const s2 = act(act(s0, { type: 'exec', pod: name, command: ['touch', '/var/ready'] }), { type: 'exec', pod: name, command: ['rm', '/var/ready'] })
    expect(s2.endpoints('kubia').ready).toEqual([])
  })

  it('exec on an unknown pod is NotFound', () => {
    const s = act(sim(KIA_RC_READINESS), { type: 'exec', pod: 'nope', command: ['touch', '/var/ready'] })
    expect(s.actionLog[0]).toMatchObject({ ok: false, message: 'Error from server (NotFound): pods "nope" not found' })
  })

  it('the readiness toggle moves a pod between ready and not-ready', () => {
    const s0 = sim(docs(rcYaml('kubia', 2), KIA_SVC))
    const [a] = userPods(s0)
    const off = act(s0, { type: 'setReady', pod: a.name, ready: false })
    expect(ips(off.endpoints('kubia').notReady)).toEqual([a.ip])
    expect(ips(off.endpoints('kubia').ready)).not.toContain(a.ip)
    const on = act(off, { type: 'setReady', pod: a.name, ready: true })
    expect(ips(on.endpoints('kubia').ready)).toContain(a.ip)
    expect(on.endpoints('kubia').notReady).toEqual([])
  })
})

describe('readiness probes', () => {
  const probePod = (name: string, probe: Record<string, unknown>) =>
    podYaml(name, { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: probe })
  const svc = serviceYaml('web', { ports: [{ port: 80, targetPort: 'http' }] })

  it('httpGet on the declared port passes', () => {
    const s = sim(docs(probePod('p', { httpGet: { path: '/', port: 8080 } }), svc))
    expect(userPods(s)[0].ready).toBe(true)
  })

  it('tcpSocket on the declared port name passes', () => {
    const s = sim(docs(probePod('p', { tcpSocket: { port: 'http' } }), svc))
    expect(userPods(s)[0].ready).toBe(true)
  })

  it('httpGet on a port the container does not listen on fails', () => {
    const s = sim(docs(probePod('p', { httpGet: { path: '/', port: 9999 } }), svc))
    const p = userPods(s)[0]
    expect(p.ready).toBe(false)
    expect(s.endpoints('web').ready).toEqual([])
    expect(ips(s.endpoints('web').notReady)).toEqual([p.ip])
  })

  it('exec `test -f /tmp/healthy` fails until the file is touched', () => {
    const s0 = sim(docs(probePod('p', { exec: { command: ['test', '-f', '/tmp/healthy'] } }), svc))
    expect(userPods(s0)[0].ready).toBe(false)
    const s1 = act(s0, { type: 'exec', pod: 'p', command: ['touch', '/tmp/healthy'] })
    expect(userPods(s1)[0].ready).toBe(true)
  })

  it('kubectl get pods shows READY 0/1 for a running pod that fails its probe', () => {
    const s = sim(docs(KIA_RC_READINESS))
    expect(s.kubectl('get pods -o wide').split('\n').slice(1).every((l) => /\s0\/1\s+Running\s/.test(l))).toBe(true)
  })
})

describe('named targetPorts resolve per pod', () => {
  const yaml = docs(
    podYaml('a', { labels: { app: 'web' }, ports: [{ name: 'web', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }),
    podYaml('b', { labels: { app: 'web' }, ports: [{ name: 'web', containerPort: 9090 }] }),
    podYaml('c', { labels: { app: 'web' }, ports: [{ name: 'metrics', containerPort: 9100 }] }),
    serviceYaml('web', { ports: [{ name: 'http', port: 80, targetPort: 'web' }, { name: 'metrics', port: 9100, targetPort: 'metrics' }] }),
  )
  const s = sim(yaml)
  const pod = (n: string) => userPods(s).find((p) => p.name === n)!

  it('each pod contributes its own number for the name; a pod lacking the name is skipped for that port only', () => {
    expect(errors(s)).toEqual([])
    const view = s.endpoints('web')
    const http = view.ready.filter((e) => e.portName === 'http').map((e) => [e.pod, e.port]).sort()
    const metrics = view.ready.filter((e) => e.portName === 'metrics').map((e) => [e.pod, e.port]).sort()
    expect(http).toEqual([['a', 8080], ['b', 9090]])
    expect(metrics).toEqual([['a', 9100], ['c', 9100]])
    expect(view.notReady).toEqual([])
    expect(view.ready.find((e) => e.pod === 'b')?.ip).toBe(pod('b').ip)
  })

  it('the port name must match with the same protocol (a TCP port does not serve a UDP Service port)', () => {
    const t = sim(docs(
      podYaml('dns', { labels: { app: 'dns' }, ports: [{ name: 'dns', containerPort: 53, protocol: 'TCP' }] }),
      serviceYaml('dns', { ports: [{ port: 53, targetPort: 'dns', protocol: 'UDP' }] }),
    ))
    expect(t.endpoints('dns').ready).toEqual([])
    expect(t.endpoints('dns').notReady).toEqual([])
  })

  it('a numeric targetPort is used as is, declared or not', () => {
    const t = sim(docs(podYaml('p', { labels: { app: 'x' } }), serviceYaml('x', { ports: [{ port: 80, targetPort: 3000 }] })))
    expect(t.endpoints('x').ready.map((e) => e.port)).toEqual([3000])
  })

  it('EndpointSlices group endpoints by their resolved ports: one slice per distinct port set', () => {
    const t = sim(docs(
      podYaml('a', { labels: { app: 'web' }, ports: [{ name: 'web', containerPort: 8080 }] }),
      podYaml('b', { labels: { app: 'web' }, ports: [{ name: 'web', containerPort: 9090 }] }),
      serviceYaml('web', { ports: [{ port: 80, targetPort: 'web' }] }),
    ))
    const slices = t.endpointSlices('web')
    const byPort = Object.fromEntries(slices.map((sl) => [sl.ports.map((p) => p.port).join(','), sl.endpoints.map((e) => e.targetRef?.name)]))
    expect(byPort).toEqual({ 8080: ['a'], 9090: ['b'] })
  })
})

describe('publishNotReadyAddresses', () => {
  const svc = serviceYaml('kubia-all', { ports: [{ port: 80, targetPort: 8080 }], selector: { app: 'kubia' }, extra: { publishNotReadyAddresses: true } })

  it('puts not-ready pods in addresses', () => {
    const s = sim(docs(KIA_RC_READINESS, svc))
    expect(s.endpoints('kubia-all').ready).toHaveLength(3)
    expect(s.endpoints('kubia-all').notReady).toEqual([])
  })

  it('their EndpointSlice endpoints are ready: true but serving: false (serving = pod Ready)', () => {
    const s = sim(docs(KIA_RC_READINESS, svc))
    const eps = s.endpointSlices('kubia-all').flatMap((sl) => sl.endpoints)
    expect(eps).toHaveLength(3)
    for (const e of eps) expect(e.conditions).toEqual({ ready: true, serving: false, terminating: false })
  })

  it('without it, not-ready pods are ready: false, serving: false in the slice', () => {
    const s = sim(docs(KIA_RC_READINESS, KIA_SVC))
    const eps = s.endpointSlices('kubia').flatMap((sl) => sl.endpoints)
    expect(eps).toHaveLength(3)
    for (const e of eps) expect(e.conditions).toEqual({ ready: false, serving: false, terminating: false })
  })
})

describe('EndpointSlices of a selector Service', () => {
  const s = sim(docs(rcYaml('kubia', 3, { ports: [{ containerPort: 8080 }] }), KIA_SVC))

  it('one IPv4 slice named <svc>-<suffix>, managed by the endpointslice controller, with the pods as endpoints', () => {
    const slices = s.endpointSlices('kubia')
    expect(slices).toHaveLength(1)
    const sl = slices[0]
    expect(sl.name).toMatch(/^kubia-[a-z0-9]{5}$/)
    expect(sl).toMatchObject({ namespace: 'default', service: 'kubia', addressType: 'IPv4', managedBy: 'endpointslice-controller.k8s.io' })
    expect(sl.ports).toEqual([{ port: 8080, protocol: 'TCP' }])
    expect(sl.endpoints.map((e) => e.addresses[0]).sort()).toEqual(userPods(s).map((p) => p.ip).sort())
    for (const e of sl.endpoints) {
      const pod = userPods(s).find((p) => p.ip === e.addresses[0])!
      expect(e).toEqual({ addresses: [pod.ip], conditions: { ready: true, serving: true, terminating: false }, nodeName: pod.node, targetRef: { kind: 'Pod', name: pod.name, namespace: 'default' } })
    }
  })

  it('named Service ports keep their names in the slice', () => {
    const t = sim(docs(rcYaml('kubia', 1), serviceYaml('kubia', { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 8443 }] })))
    expect(t.endpointSlices('kubia')[0].ports.map((p) => [p.name, p.port, p.protocol]).sort()).toEqual([['http', 8080, 'TCP'], ['https', 8443, 'TCP']])
  })
})

describe('Services without a selector (KIA external-service)', () => {
  const KIA_EXTERNAL_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: external-service
spec:
  ports:
  - port: 80
`
  const KIA_EXTERNAL_ENDPOINTS = `apiVersion: v1
kind: Endpoints
metadata:
  name: external-service
subsets:
  - addresses:
    - ip: 11.11.11.11
    - ip: 22.22.22.22
    ports:
    - port: 80 
`

  it('alone, the Service has no endpoints', () => {
    const s = sim(KIA_EXTERNAL_SERVICE)
    expect(s.endpoints('external-service')).toEqual({ ready: [], notReady: [] })
    expect(s.endpointSlices('external-service')).toEqual([])
  })

  it('the Endpoints object of the same name supplies 11.11.11.11:80 and 22.22.22.22:80', () => {
    const s = sim(docs(KIA_EXTERNAL_SERVICE, KIA_EXTERNAL_ENDPOINTS))
    expect(errors(s)).toEqual([])
    expect(s.endpoints('external-service').ready.map((e) => `${e.ip}:${e.port}`)).toEqual(['11.11.11.11:80', '22.22.22.22:80'])
  })

  it('the mirroring controller copies them into a slice labelled for the Service', () => {
    const s = sim(docs(KIA_EXTERNAL_SERVICE, KIA_EXTERNAL_ENDPOINTS))
    const slices = s.endpointSlices('external-service')
    expect(slices).toHaveLength(1)
    expect(slices[0].name.startsWith('external-service-')).toBe(true)
    expect(slices[0].managedBy).toBe('endpointslicemirroring-controller.k8s.io')
    expect(slices[0].endpoints.map((e) => e.addresses[0])).toEqual(['11.11.11.11', '22.22.22.22'])
    expect(slices[0].ports.map((p) => p.port)).toEqual([80])
  })

  it('an Endpoints object with another name is not used', () => {
    const s = sim(docs(KIA_EXTERNAL_SERVICE, KIA_EXTERNAL_ENDPOINTS.replace('name: external-service', 'name: other')))
    expect(s.endpoints('external-service').ready).toEqual([])
  })

  it('a hand-written EndpointSlice is linked by the kubernetes.io/service-name label, not by its name (docs blocks 3 + 4)', () => {
    const slice = (name: string, label: string | undefined) => toYaml({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name, labels: label ? { 'kubernetes.io/service-name': label } : {} },
      addressType: 'IPv4',
      ports: [{ name: '', appProtocol: 'http', protocol: 'TCP', port: 9376 }],
      endpoints: [{ addresses: ['10.4.5.6'] }, { addresses: ['10.1.2.3'] }],
    })
    const svc = serviceYaml('my-service', { selector: null, ports: [{ protocol: 'TCP', port: 80, targetPort: 9376 }] })
    const linked = sim(docs(svc, slice('my-service-1', 'my-service')))
    expect(errors(linked)).toEqual([])
    expect(linked.endpoints('my-service').ready.map((e) => `${e.ip}:${e.port}`).sort()).toEqual(['10.1.2.3:9376', '10.4.5.6:9376'])
    const unlabelled = sim(docs(svc, slice('my-service', undefined)))
    expect(unlabelled.endpoints('my-service').ready).toEqual([])
    const other = sim(docs(svc, slice('my-service-1', 'other-service')))
    expect(other.endpoints('my-service').ready).toEqual([])
  })

  it('slice endpoints with ready: false are not ready', () => {
    const s = sim(docs(
      serviceYaml('m', { selector: null, ports: [{ port: 80 }] }),
      toYaml({
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'm-1', labels: { 'kubernetes.io/service-name': 'm' } },
        addressType: 'IPv4', ports: [{ port: 80 }],
        endpoints: [{ addresses: ['10.9.9.9'], conditions: { ready: false } }, { addresses: ['10.9.9.8'] }],
      }),
    ))
    expect(ips(s.endpoints('m').ready)).toEqual(['10.9.9.8'])
    expect(ips(s.endpoints('m').notReady)).toEqual(['10.9.9.9'])
  })
})

describe('which pods a Service selects', () => {
  it('only pods in its own namespace', () => {
    const s = sim(docs(
      namespaceYaml('other'),
      rcYaml('kubia', 2),
      rcYaml('kubia', 2, { namespace: 'other' }),
      KIA_SVC,
    ))
    const defaultIPs = userPods(s).filter((p) => p.namespace === 'default').map((p) => p.ip).sort()
    expect(defaultIPs).toHaveLength(2)
    expect(ips(s.endpoints('kubia').ready).sort()).toEqual(defaultIPs)
    expect(s.endpoints('kubia', 'other')).toEqual({ ready: [], notReady: [] })
  })

  it('terminal pods (Succeeded, Failed) and pods without an IP are left out', () => {
    const s = sim(docs(
      podYaml('done', { labels: { app: 'x' }, nodeName: 'worker-1', status: { phase: 'Succeeded', podIP: '10.244.1.50' } }),
      podYaml('broken', { labels: { app: 'x' }, nodeName: 'worker-1', status: { phase: 'Failed', podIP: '10.244.1.51' } }),
      podYaml('lost', { labels: { app: 'x' }, nodeName: 'nowhere' }),
      podYaml('ok', { labels: { app: 'x' } }),
      serviceYaml('x', { ports: [{ port: 80 }] }),
    ))
    const okIP = userPods(s).find((p) => p.name === 'ok')!.ip
    expect(ips(s.endpoints('x').ready)).toEqual([okIP])
    expect(s.endpoints('x').notReady).toEqual([])
  })

  it('a pasted pod whose Ready condition is False is a not-ready address', () => {
    const s = sim(docs(
      podYaml('p', { labels: { app: 'x' }, nodeName: 'worker-1', status: { phase: 'Running', podIP: '10.244.1.60', conditions: [{ type: 'Ready', status: 'False' }] } }),
      serviceYaml('x', { ports: [{ port: 80 }] }),
    ))
    expect(ips(s.endpoints('x').notReady)).toEqual(['10.244.1.60'])
    expect(s.endpoints('x').ready).toEqual([])
  })

  it('ExternalName Services get no endpoints even with a selector', () => {
    const s = sim(docs(rcYaml('kubia', 1), serviceYaml('ext', { type: 'ExternalName', selector: { app: 'kubia' }, extra: { externalName: 'api.example.com' } })))
    expect(s.endpoints('ext')).toEqual({ ready: [], notReady: [] })
    expect(s.endpointSlices('ext')).toEqual([])
  })

  it('a headless Service without ports lists bare addresses', () => {
    const s = sim(docs(rcYaml('kubia', 2), serviceYaml('hl', { clusterIP: 'None', ports: [], selector: { app: 'kubia' } })))
    expect(s.endpoints('hl').ready).toHaveLength(2)
    expect(ips(s.endpoints('hl').ready).sort()).toEqual(userPods(s).map((p) => p.ip).sort())
  })

  it('the kubernetes Service points at the API server on the control plane, 192.168.49.2:6443', () => {
    const s = sim('')
    expect(s.endpoints('kubernetes').ready.map((e) => [e.ip, e.port, e.portName])).toEqual([['192.168.49.2', 6443, 'https']])
  })
})
