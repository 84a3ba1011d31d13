/**
 * Manifests -> desired state, as `kubectl apply` + the API server would take
 * them: kinds the playground does not simulate, kinds under the wrong
 * apiVersion, removed API versions (loaded with a warning by design), strict
 * decoding of unknown fields, metadata names, namespaces, duplicates, and the
 * LoadBalancer addresses MetalLB (or the playground's default pool) hands out.
 */
import { describe, expect, it } from 'vitest'
import {
  deploymentYaml, docs, errors, findDiag, messages, namespaceYaml, podYaml, serviceYaml, sim, toYaml, userPods, warnings,
} from '../testing/builders'

const RFC1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const RFC1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

describe('kinds', () => {
  it('a kind the playground does not simulate is a warning at `kind`, and the rest still loads', () => {
    const s = sim(docs('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n', serviceYaml('web')))
    const d = findDiag(s, 'kind ConfigMap is not simulated')
    expect(d).toMatchObject({ severity: 'warning', line: 2, column: 7 })
    expect(errors(s)).toEqual([])
    expect(s.services.map((x) => x.name)).toContain('web')
  })

  it('Deployment under apiVersion v1: no matches for kind "Deployment" in version "v1", at apiVersion', () => {
    const s = sim('apiVersion: v1\nkind: Deployment\nmetadata:\n  name: web\nspec: {}\n')
    const errs = errors(s)
    expect(errs).toHaveLength(1)
    expect(errs[0].message).toContain('no matches for kind "Deployment" in version "v1"')
    expect(errs[0]).toMatchObject({ line: 1, column: 13 })
    expect(userPods(s)).toEqual([])
  })

  it('Service under apps/v1 and Ingress under v1 are no-match errors too', () => {
    expect(messages(errors(sim('apiVersion: apps/v1\nkind: Service\nmetadata:\n  name: x\n')))[0]).toContain('no matches for kind "Service" in version "apps/v1"')
    expect(messages(errors(sim('apiVersion: v1\nkind: Ingress\nmetadata:\n  name: x\n')))[0]).toContain('no matches for kind "Ingress" in version "v1"')
  })
})

describe('removed API versions load with a warning (playground design) that says a real cluster refuses them', () => {
  const KIA_INGRESS = `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: kubia
spec:
  rules:
  - host: kubia.example.com
    http:
      paths:
      - path: /
        backend:
          serviceName: kubia-nodeport
          servicePort: 80
`
  it('extensions/v1beta1 Ingress (removed in 1.22) is converted to networking.k8s.io/v1', () => {
    const s = sim(KIA_INGRESS)
    expect(errors(s)).toEqual([])
    const w = warnings(s).filter((d) => d.code === 'API_VERSION_REMOVED')
    expect(w).toHaveLength(1)
    expect(w[0].line).toBe(1)
    expect(w[0].message).toContain('extensions/v1beta1')
    expect(w[0].message).toContain('Ingress')
    expect(w[0].message).toContain('1.22')
    expect(s.ingresses).toHaveLength(1)
    expect(s.ingresses[0].rules).toEqual([{
      host: 'kubia.example.com',
      paths: [{ path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'kubia-nodeport', port: { number: 80 } } } }],
    }])
  })

  it('apps/v1beta2 ReplicaSet (removed in 1.16) still makes its pods', () => {
    const s = sim(`apiVersion: apps/v1beta2
kind: ReplicaSet
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
`)
    expect(errors(s)).toEqual([])
    const w = warnings(s).filter((d) => d.code === 'API_VERSION_REMOVED')
    expect(w).toHaveLength(1)
    expect(w[0].message).toContain('apps/v1beta2')
    expect(w[0].message).toContain('1.16')
    expect(userPods(s)).toHaveLength(3)
  })
})

describe('strict decoding (kubectl --validate=strict, the default)', () => {
  it('KIA publishNotReadyEndpoints: unknown field error at the key, and the Service is refused', () => {
    const s = sim(`apiVersion: v1
kind: Service
metadata:
  name: kubia-all
spec:
  ports:
  - port: 80
    targetPort: 8080
  selector:
    app: kubia
  publishNotReadyEndpoints: true
`)
    const errs = errors(s).filter((e) => e.message.includes('strict decoding error'))
    expect(errs).toHaveLength(1)
    expect(errs[0].message).toContain('strict decoding error: unknown field "spec.publishNotReadyEndpoints"')
    expect(errs[0]).toMatchObject({ line: 11, column: 3 })
    expect(s.services.find((x) => x.name === 'kubia-all')).toBeUndefined()
  })

  it('a typo inside a list names the index: spec.ports[0].targetport', () => {
    const s = sim('apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: 80\n    targetport: 8080\n')
    expect(messages(errors(s)).join('\n')).toContain('unknown field "spec.ports[0].targetport"')
  })

  it('a typo deep in a Deployment template (containers[0].port instead of ports)', () => {
    const s = sim(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        port:
        - containerPort: 80
`)
    expect(messages(errors(s)).join('\n')).toContain('unknown field "spec.template.spec.containers[0].port"')
    expect(userPods(s)).toEqual([])
  })

  it('free-form maps (labels, annotations, selectors) never produce unknown-field errors', () => {
    const s = sim(serviceYaml('x', { annotations: { 'example.com/anything': 'yes' }, selector: { 'whatever.io/key': 'v' } }))
    expect(errors(s)).toEqual([])
  })

  it('the removed spec.ipFamily (pre-1.20 dual-stack example) is an unknown field', () => {
    const s = sim('apiVersion: v1\nkind: Service\nmetadata:\n  name: my-service\nspec:\n  ipFamily: IPv6\n  selector:\n    app: MyApp\n  ports:\n    - protocol: TCP\n      port: 80\n      targetPort: 9376\n')
    expect(messages(errors(s)).join('\n')).toContain('strict decoding error: unknown field "spec.ipFamily"')
  })
})

describe('metadata.name', () => {
  it('missing: Required value: name or generateName is required, and the object is refused', () => {
    const s = sim('apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    a: b\nspec:\n  ports:\n  - port: 80\n')
    const errs = errors(s)
    expect(errs).toHaveLength(1)
    expect(errs[0].message).toContain('metadata.name: Required value: name or generateName is required')
    expect(s.services.filter((x) => !x.builtIn)).toEqual([])
  })

  it('Pods use DNS-1123 subdomain names: kubia_manual is refused, kubia.manual and 1kubia are fine', () => {
    const bad = sim(podYaml('kubia_manual'))
    expect(messages(errors(bad))).toEqual([`The Pod "kubia_manual" is invalid: metadata.name: Invalid value: "kubia_manual": ${RFC1123_SUBDOMAIN}`])
    expect(errors(bad)[0]).toMatchObject({ line: 4 })
    expect(errors(sim(docs(podYaml('kubia.manual'), podYaml('1kubia'))))).toEqual([])
  })

  it('Namespaces use RFC 1123 label names', () => {
    expect(messages(errors(sim(namespaceYaml('My-NS'))))).toEqual([`The Namespace "My-NS" is invalid: metadata.name: Invalid value: "My-NS": ${RFC1123_LABEL}`])
    expect(errors(sim(namespaceYaml('team.a')))).toHaveLength(1)
  })

  it('label values are validated', () => {
    const s = sim(podYaml('p', { labels: { app: 'my app' } }))
    expect(messages(errors(s))[0]).toContain('The Pod "p" is invalid: metadata.labels: Invalid value: "my app": a valid label must be an empty string')
  })
})

describe('namespaces', () => {
  it('an object in a namespace that does not exist is refused (KIA custom-namespace)', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: kubia-manual
  namespace: custom-namespace
spec:
  containers:
  - image: luksa/kubia
    name: kubia
    ports:
    - containerPort: 8080
      protocol: TCP
`
    const s = sim(yaml)
    const errs = errors(s)
    expect(errs).toHaveLength(1)
    expect(errs[0].message).toContain('namespaces "custom-namespace" not found')
    expect(errs[0]).toMatchObject({ line: 5, column: 14 })
    expect(userPods(s)).toEqual([])
  })

  it('the built-in namespaces exist: default, kube-system, kube-public, kube-node-lease', () => {
    const s = sim(docs(...['default', 'kube-system', 'kube-public', 'kube-node-lease'].map((ns, i) => podYaml(`p${i}`, { namespace: ns }))))
    expect(errors(s)).toEqual([])
    expect(s.namespaces.map((n) => n.name)).toEqual(expect.arrayContaining(['default', 'kube-system', 'kube-public', 'kube-node-lease']))
  })

  it('a Namespace created earlier in the same file is usable', () => {
    const s = sim(docs(namespaceYaml('custom-namespace'), podYaml('kubia-manual', { namespace: 'custom-namespace' })))
    expect(errors(s)).toEqual([])
    expect(userPods(s).map((p) => `${p.namespace}/${p.name}`)).toEqual(['custom-namespace/kubia-manual'])
    expect(s.namespaces.find((n) => n.name === 'custom-namespace')).toEqual({ name: 'custom-namespace', builtIn: false })
  })

  it('kubectl apply creates objects in file order: a Namespace defined after its Pod is not there yet', () => {
    const s = sim(docs(podYaml('early', { namespace: 'later' }), namespaceYaml('later')))
    expect(messages(errors(s)).join('\n')).toContain('namespaces "later" not found')
    expect(userPods(s)).toEqual([])
  })
})

describe('duplicate objects', () => {
  it('the later document replaces the earlier one, with a warning at the second name', () => {
    const yaml = docs(
      serviceYaml('kubia', { ports: [{ port: 80 }] }),
      serviceYaml('kubia', { ports: [{ port: 8080 }] }),
    )
    const s = sim(yaml)
    const mine = s.services.filter((x) => x.name === 'kubia')
    expect(mine).toHaveLength(1)
    expect(mine[0].ports[0].port).toBe(8080)
    const w = warnings(s).filter((d) => d.code === 'DUPLICATE_OBJECT')
    expect(w).toHaveLength(1)
    const secondDocNameLine = yaml.split('\n').findIndex((l, i, all) => l === '  name: kubia' && all.slice(0, i).includes('---')) + 1
    expect(w[0].line).toBe(secondDocNameLine)
  })

  it('the same name in two namespaces, or for two kinds, is not a duplicate', () => {
    const s = sim(docs(namespaceYaml('other'), serviceYaml('kubia'), serviceYaml('kubia', { namespace: 'other' }), podYaml('kubia')))
    expect(warnings(s).filter((d) => d.code === 'DUPLICATE_OBJECT')).toEqual([])
    expect(s.services.filter((x) => x.name === 'kubia')).toHaveLength(2)
  })
})

describe('LoadBalancer addresses', () => {
  const pool = (name: string, addresses: string[], extra: Record<string, unknown> = {}) =>
    toYaml({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: 'metallb-system' }, spec: { addresses, ...extra } })
  const l2 = toYaml({ apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { name: 'l2', namespace: 'metallb-system' } })
  const lb = (name: string, o: Parameters<typeof serviceYaml>[1] = {}) => serviceYaml(name, { type: 'LoadBalancer', ...o })
  const ingressOf = (s: ReturnType<typeof sim>, name: string) => s.services.find((x) => x.name === name)!.loadBalancerIngress

  it('MetalLB hands out the first free address of the pool, in order (a CIDR starts at its first address)', () => {
    const s = sim(docs(pool('first-pool', ['192.168.10.0/24']), l2, lb('a'), lb('b')))
    expect(errors(s)).toEqual([])
    expect(ingressOf(s, 'a')).toEqual(['192.168.10.0'])
    expect(ingressOf(s, 'b')).toEqual(['192.168.10.1'])
  })

  it('avoidBuggyIPs skips .0 and .255', () => {
    const s = sim(docs(pool('p', ['192.168.10.0/24'], { avoidBuggyIPs: true }), lb('a')))
    expect(ingressOf(s, 'a')).toEqual(['192.168.10.1'])
  })

  it('a range pool (kind docs 172.18.255.200-172.18.255.250)', () => {
    const s = sim(docs(pool('kind', ['172.18.255.200-172.18.255.250']), lb('a'), lb('b')))
    expect(ingressOf(s, 'a')).toEqual(['172.18.255.200'])
    expect(ingressOf(s, 'b')).toEqual(['172.18.255.201'])
    expect(s.services.find((x) => x.name === 'a')!.externalIPs).toEqual(['172.18.255.200'])
  })

  it('autoAssign: false pools are skipped unless asked for by annotation', () => {
    const s = sim(docs(
      pool('reserved', ['10.0.0.10-10.0.0.20'], { autoAssign: false }),
      pool('public', ['192.168.20.0/24']),
      lb('auto'),
      lb('asked', { annotations: { 'metallb.io/address-pool': 'reserved' } }),
    ))
    expect(ingressOf(s, 'auto')).toEqual(['192.168.20.0'])
    expect(ingressOf(s, 'asked')).toEqual(['10.0.0.10'])
  })

  it('spec.loadBalancerIP and the metallb.io/loadBalancerIPs annotation are honoured', () => {
    const s = sim(docs(
      pool('p', ['192.168.10.0/24']),
      lb('by-field', { extra: { loadBalancerIP: '192.168.10.50' } }),
      lb('by-annotation', { annotations: { 'metallb.io/loadBalancerIPs': '192.168.10.60' } }),
      lb('dynamic'),
    ))
    expect(ingressOf(s, 'by-field')).toEqual(['192.168.10.50'])
    expect(ingressOf(s, 'by-annotation')).toEqual(['192.168.10.60'])
    expect(ingressOf(s, 'dynamic')).toEqual(['192.168.10.0'])
  })

  it('a requested address outside every pool leaves the Service pending, with a warning', () => {
    const s = sim(docs(pool('p', ['192.168.10.0/24']), lb('lost', { extra: { loadBalancerIP: '10.9.9.9' } })))
    expect(ingressOf(s, 'lost')).toEqual([])
    expect(warnings(s).some((w) => w.message.includes('10.9.9.9'))).toBe(true)
    expect(s.kubectl('get svc').split('\n').find((l) => l.startsWith('lost'))).toMatch(/<pending>/)
  })

  it('an exhausted pool leaves the next Service pending', () => {
    const s = sim(docs(pool('tiny', ['192.168.10.10-192.168.10.11']), lb('a'), lb('b'), lb('c')))
    expect([ingressOf(s, 'a'), ingressOf(s, 'b'), ingressOf(s, 'c')]).toEqual([['192.168.10.10'], ['192.168.10.11'], []])
  })

  it('MetalLB objects are accepted in metallb-system without a Namespace document', () => {
    const s = sim(docs(pool('p', ['192.168.10.0/24']), l2))
    expect(errors(s)).toEqual([])
  })

  it('without any pool the playground cloud assigns from 192.168.49.200-250', () => {
    const s = sim(docs(lb('a'), lb('b')))
    expect(ingressOf(s, 'a')).toEqual(['192.168.49.200'])
    expect(ingressOf(s, 'b')).toEqual(['192.168.49.201'])
  })

  it('a pasted status.loadBalancer.ingress IP is honoured and not handed out again', () => {
    const s = sim(docs(
      lb('pasted', { status: { loadBalancer: { ingress: [{ ip: '192.168.49.200' }] } } }),
      lb('fresh'),
    ))
    expect(ingressOf(s, 'pasted')).toEqual(['192.168.49.200'])
    expect(ingressOf(s, 'fresh')).toEqual(['192.168.49.201'])
  })

  it('non-LoadBalancer Services never get a load-balancer address', () => {
    const s = sim(docs(serviceYaml('np', { type: 'NodePort' }), serviceYaml('c')))
    expect(ingressOf(s, 'np')).toEqual([])
    expect(ingressOf(s, 'c')).toEqual([])
  })
})

describe('other objects', () => {
  it('a Deployment in a fresh namespace with a Service: everything accepted', () => {
    const s = sim(docs(namespaceYaml('shop'), deploymentYaml('web', 2, { namespace: 'shop' }), serviceYaml('web', { namespace: 'shop' })))
    expect(errors(s)).toEqual([])
    expect(userPods(s)).toHaveLength(2)
  })
})
