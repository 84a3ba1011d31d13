/**
 * Request traces (Simulation.request), one `describe` per bullet of the
 * traffic issue. Expected values come from k8s-semantics.md (§3 kube-proxy,
 * §6 Ingress, §7 LoadBalancer/MetalLB, §8 readiness, §9) and
 * kernel-notes.md (what a real kernel does with kube-proxy's rules on the
 * routed, Calico-style pod network), never from the engine's own output:
 *
 * - chain names are recomputed here with node:crypto (base32(sha256(...))[:16],
 *   §3.3), rule lines are written out in iptables-save's normal form
 *   (kernel-notes "iptables-save's normal form"), probabilities are the
 *   kernel-rounded 11-decimal values of §3.5;
 * - pod IPs, ClusterIPs, nodePorts and LoadBalancer IPs are pinned in the
 *   YAML (status.podIP, spec.clusterIP, nodePort, metallb.io/loadBalancerIPs),
 *   so every expected address is a literal.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index'
import type { Simulation, Trace, TraceStep, RequestSpec } from '../api/types'

// ---------------------------------------------------------------------------
// The default cluster (kubeadm/minikube style): one control plane, two workers.

const CP = { name: 'control-plane', ip: '192.168.49.2', podCIDR: '10.244.0.0/24' }
const W1 = { name: 'worker-1', ip: '192.168.49.3', podCIDR: '10.244.1.0/24' }
const W2 = { name: 'worker-2', ip: '192.168.49.4', podCIDR: '10.244.2.0/24' }
const CLUSTER_CIDR = '10.244.0.0/16'
const EXTERNAL_CLIENT = '203.0.113.10'

// ---------------------------------------------------------------------------
// kube-proxy's chain names, recomputed (§3.3).

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
function base32(buf: Buffer): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of buf) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31]
  return out
}
const h16 = (text: string): string => base32(createHash('sha256').update(text).digest()).slice(0, 16)
const svcChain = (spn: string, proto = 'tcp'): string => `KUBE-SVC-${h16(spn + proto)}`
const svlChain = (spn: string, proto = 'tcp'): string => `KUBE-SVL-${h16(spn + proto)}`
const extChain = (spn: string, proto = 'tcp'): string => `KUBE-EXT-${h16(spn + proto)}`
const sepChain = (spn: string, addr: string, proto = 'tcp'): string => `KUBE-SEP-${h16(spn + proto + addr)}`

// ---------------------------------------------------------------------------
// Rule lines in iptables-save's normal form (kernel-notes.md).

/** Kernel-rounded probabilities as iptables-save prints them (§3.5 table), by the number of remaining endpoints. */
const SAVED_P: Record<number, string> = { 2: '0.50000000000', 3: '0.33333333349', 4: '0.25000000000', 5: '0.20000000019' }
const q = (c: string): string => (/^[A-Za-z0-9_-]+$/.test(c) ? c : `"${c}"`)
const MASQ_LINE = '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully'

function dnatLine(spn: string, addr: string, affinity = false): string {
  const sep = sepChain(spn, addr)
  const recent = affinity ? ` -m recent --set --name ${sep} --mask 255.255.255.255 --rsource` : ''
  return `-A ${sep} -p tcp -m comment --comment ${q(spn)}${recent} -m tcp -j DNAT --to-destination ${addr}`
}
/** Rule i of n in KUBE-SVC/KUBE-SVL: statistic on all but the last (§3.4 item 9). */
function pickLine(chain: string, spn: string, addr: string, i: number, n: number): string {
  const stat = i < n - 1 ? ` -m statistic --mode random --probability ${SAVED_P[n - i]}` : ''
  return `-A ${chain} -m comment --comment "${spn} -> ${addr}"${stat} -j ${sepChain(spn, addr)}`
}
function rcheckLine(chain: string, spn: string, addr: string, seconds = 10800): string {
  const sep = sepChain(spn, addr)
  return `-A ${chain} -m comment --comment "${spn} -> ${addr}" -m recent --rcheck --seconds ${seconds} --reap --name ${sep} --mask 255.255.255.255 --rsource -j ${sep}`
}
const nodePortLine = (spn: string, nodePort: number): string =>
  `-A KUBE-NODEPORTS -p tcp -m comment --comment ${q(spn)} -m tcp --dport ${nodePort} -j ${extChain(spn)}`
const clusterIPLine = (spn: string, cip: string, port: number, target: string): string =>
  `-A KUBE-SERVICES -d ${cip}/32 -p tcp -m comment --comment "${spn} cluster IP" -m tcp --dport ${port} -j ${target}`
const svcMasqLine = (chain: string, spn: string, cip: string, port: number): string =>
  `-A ${chain} ! -s ${CLUSTER_CIDR} -d ${cip}/32 -p tcp -m comment --comment "${spn} cluster IP" -m tcp --dport ${port} -j KUBE-MARK-MASQ`
const rejectClusterIPLine = (spn: string, cip: string, port: number): string =>
  `-A KUBE-SERVICES -d ${cip}/32 -p tcp -m comment --comment "${spn} has no endpoints" -m tcp --dport ${port} -j REJECT --reject-with icmp-port-unreachable`
const rejectNodePortLine = (spn: string, nodePort: number): string =>
  `-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "${spn} has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport ${nodePort} -j REJECT --reject-with icmp-port-unreachable`
const dropNoLocalNodePortLine = (spn: string, nodePort: number): string =>
  `-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "${spn} has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport ${nodePort} -j DROP`
const dropNoLocalClusterIPLine = (spn: string, cip: string, port: number): string =>
  `-A KUBE-SERVICES -d ${cip}/32 -p tcp -m comment --comment "${spn} has no local endpoints" -m tcp --dport ${port} -j DROP`
const lbCaptureLine = (spn: string, ip: string, port: number): string =>
  `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "${spn} loadbalancer IP" -m tcp --dport ${port} -j ${extChain(spn)}`
const externalIPLine = (spn: string, ip: string, port: number): string =>
  `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "${spn} external IP" -m tcp --dport ${port} -j ${extChain(spn)}`
const extMasqLine = (spn: string): string =>
  `-A ${extChain(spn)} -m comment --comment "masquerade traffic for ${spn} external destinations" -j KUBE-MARK-MASQ`

/** The lines of one table (`*nat` … `COMMIT`) of an iptables-save dump. */
function tableLines(dump: string, table: 'filter' | 'nat'): string[] {
  const lines = dump.split('\n')
  const start = lines.indexOf(`*${table}`)
  if (start < 0) return []
  const end = lines.indexOf('COMMIT', start)
  return lines.slice(start + 1, end)
}

// ---------------------------------------------------------------------------
// YAML helpers (pods pinned to a node with a fixed IP).

interface PortDecl { name?: string; containerPort: number }
function pod(name: string, node: string, ip: string, labels: Record<string, string>, ports: PortDecl[] | null = [{ containerPort: 8080 }], namespace = 'default'): string {
  const portsYaml = ports === null || ports.length === 0
    ? ''
    : `\n    ports:\n${ports.map((p) => `    - ${p.name ? `name: ${p.name}\n      ` : ''}containerPort: ${p.containerPort}`).join('\n')}`
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
${Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`).join('\n') || '    none: none'}
spec:
  nodeName: ${node}
  containers:
  - name: app
    image: luksa/kubia${portsYaml}
status:
  phase: Running
  podIP: ${ip}
`
}
const client = pod('client', W1.name, '10.244.1.5', { role: 'client' }, null)
const client2 = pod('client2', W2.name, '10.244.2.5', { role: 'client' }, null)
const docs = (...parts: string[]): string => parts.map((p) => p.replace(/\n+$/, '')).join('\n---\n') + '\n'

function build(yaml: string, seed = 1): Simulation {
  const s = createSimulation(yaml, { seed })
  const errs = s.diagnostics.filter((d) => d.severity === 'error')
  expect(errs, errs.map((d) => d.message).join('\n')).toEqual([])
  return s
}

// ---------------------------------------------------------------------------
// Trace helpers.

const kinds = (t: Trace): string[] => t.steps.map((s) => s.kind)
function only(t: Trace, kind: TraceStep['kind']): TraceStep {
  const hits = t.steps.filter((s) => s.kind === kind)
  expect(hits.length, `exactly one ${kind} step in ${kinds(t).join(',')}`).toBe(1)
  return hits[0]
}
/** The first step after `s` that carries a packet: it shows the packet after s's rewrite. */
function nextPacket(t: Trace, s: TraceStep): { src: string; dst: string } | undefined {
  const i = t.steps.indexOf(s)
  return t.steps.slice(i + 1).find((x) => x.packet)?.packet
}
/** Sends until `done(trace)` holds (deterministic: the seed fixes the sequence). */
function until(s: Simulation, req: RequestSpec, done: (t: Trace) => boolean, max = 60): Trace {
  for (let i = 0; i < max; i++) {
    const t = s.request(req)
    if (done(t)) return t
  }
  throw new Error(`no request out of ${max} satisfied the condition`)
}
const deliveredTo = (name: string) => (t: Trace): boolean => t.outcome.status === 'delivered' && t.outcome.pod === name
const deliveredPod = (t: Trace): string => (t.outcome.status === 'delivered' ? t.outcome.pod : `<${t.outcome.status}>`)
const ipOf = (hp: string): string => hp.split(':')[0]

/** The DNAT step: at the node, with the exact DNAT line of the endpoint, a line of that node's nat dump. */
function expectDnat(s: Simulation, t: Trace, o: { node: string; spn: string; before: string; to: string; affinity?: boolean }): TraceStep {
  const d = only(t, 'dnat')
  const line = dnatLine(o.spn, o.to, o.affinity)
  expect(d.at).toBe(`node/${o.node}`)
  expect(d.rule).toBe(line)
  expect(tableLines(s.iptablesSave(o.node), 'nat')).toContain(line)
  expect(d.packet?.dst).toBe(o.before)
  expect(nextPacket(t, d)?.dst).toBe(o.to)
  return d
}

// ---------------------------------------------------------------------------
// Scenarios.

/** §3.8-style Service: two endpoints on two workers, sorted 10.244.1.10:8080 < 10.244.2.10:8080. */
const WEB = docs(
  `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: 10.96.100.10
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080`,
  pod('web-a', W1.name, '10.244.1.10', { app: 'web' }),
  pod('web-b', W2.name, '10.244.2.10', { app: 'web' }),
  client,
  client2,
)

describe('setup: the default cluster the expected values assume', () => {
  it('has control-plane/worker-1/worker-2 at 192.168.49.2-4 with 10.244.N.0/24 pod CIDRs, and the pinned pods', () => {
    const s = build(WEB)
    expect(s.nodes.map((n) => ({ name: n.name, ip: n.ip, podCIDR: n.podCIDR }))).toEqual([CP, W1, W2])
    const byName = Object.fromEntries(s.pods.map((p) => [p.name, p]))
    expect([byName['web-a'].node, byName['web-a'].ip, byName['web-a'].ready]).toEqual([W1.name, '10.244.1.10', true])
    expect([byName['web-b'].node, byName['web-b'].ip, byName['web-b'].ready]).toEqual([W2.name, '10.244.2.10', true])
    expect(s.services.find((x) => x.name === 'web')?.clusterIP).toBe('10.96.100.10')
  })

  it('recomputed chain names match the verified values of §3.3', () => {
    expect(svcChain('default/kubia')).toBe('KUBE-SVC-XCCRWSFD2BRL7CRI')
    expect(sepChain('default/kubia', '10.244.1.5:8080')).toBe('KUBE-SEP-Q4DEJ5S5KAKWIJEW')
    expect(sepChain('default/kubia', '10.244.2.7:8080')).toBe('KUBE-SEP-NVA3MVU74KFKQBN6')
    expect(svcChain('kube-system/kube-dns:dns', 'udp')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU')
    expect(sepChain('ns1/svc1:p80', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ')
  })
})

describe('ClusterIP from a pod: DNS, KUBE-SERVICES → KUBE-SVC → KUBE-SEP, DNAT, routing, delivery', () => {
  const SPN = 'default/web'
  const A = '10.244.1.10:8080'
  const B = '10.244.2.10:8080'

  it('endpoint on the client\'s own node: dns, send, dnat, deliver; the pod sees the client pod IP', () => {
    const s = build(WEB)
    const t = until(s, { from: 'pod/client', url: 'http://web' }, deliveredTo('web-a'))
    expect(kinds(t)).toEqual(['dns', 'send', 'dnat', 'deliver'])
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'web-a', namespace: 'default', ip: '10.244.1.10', port: 8080, sourceIP: '10.244.1.5' })
    const dns = only(t, 'dns')
    expect(dns.at).toBe('coredns')
    const send = only(t, 'send')
    expect(send.at).toBe('pod/default/client')
    expect(ipOf(send.packet!.src)).toBe('10.244.1.5')
    expect(send.packet!.dst).toBe('10.96.100.10:80')
    const d = expectDnat(s, t, { node: W1.name, spn: SPN, before: '10.96.100.10:80', to: A })
    expect(d.packet!.src).toBe(send.packet!.src)
    // The chain walk: ClusterIP capture, then the first statistic rule (p = 1/2 of 2 endpoints).
    expect(d.rules).toContain(clusterIPLine(SPN, '10.96.100.10', 80, svcChain(SPN)))
    expect(d.rules).toContain(pickLine(svcChain(SPN), SPN, A, 0, 2))
    const deliver = only(t, 'deliver')
    expect(deliver.at).toBe('pod/default/web-a')
    expect(deliver.packet).toEqual({ src: send.packet!.src, dst: A })
  })

  it('endpoint on another node: a route step to worker-2 with the DNATed packet, no SNAT (pod IP preserved)', () => {
    const s = build(WEB)
    const t = until(s, { from: 'pod/client', url: 'http://web' }, deliveredTo('web-b'))
    expect(kinds(t)).toEqual(['dns', 'send', 'dnat', 'route', 'deliver'])
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'web-b', namespace: 'default', ip: '10.244.2.10', port: 8080, sourceIP: '10.244.1.5' })
    const send = only(t, 'send')
    const d = expectDnat(s, t, { node: W1.name, spn: SPN, before: '10.96.100.10:80', to: B })
    // The last endpoint is taken by the unconditional rule.
    expect(d.rules).toContain(pickLine(svcChain(SPN), SPN, B, 1, 2))
    const route = only(t, 'route')
    expect(route.at).toBe(`node/${W2.name}`)
    expect(route.packet).toEqual({ src: send.packet!.src, dst: B })
    expect(t.steps.some((x) => x.kind === 'snat')).toBe(false)
  })

  it('the DNAT line of each endpoint is in the client node\'s nat table, with the SVC rules of §3.8', () => {
    const s = build(WEB)
    const nat = tableLines(s.iptablesSave(W1.name), 'nat')
    expect(nat).toContain(clusterIPLine(SPN, '10.96.100.10', 80, svcChain(SPN)))
    expect(nat).toContain(svcMasqLine(svcChain(SPN), SPN, '10.96.100.10', 80))
    expect(nat).toContain(pickLine(svcChain(SPN), SPN, A, 0, 2))
    expect(nat).toContain(pickLine(svcChain(SPN), SPN, B, 1, 2))
    expect(nat).toContain(`-A ${sepChain(SPN, A)} -s 10.244.1.10/32 -m comment --comment "${SPN}" -j KUBE-MARK-MASQ`)
    expect(nat).toContain(dnatLine(SPN, A))
    expect(nat).toContain(dnatLine(SPN, B))
  })

  it.each([
    ['web'],
    ['web.default'],
    ['web.default.svc'],
    ['web.default.svc.cluster.local'],
    ['10.96.100.10'],
  ])('url http://%s reaches an endpoint through the ClusterIP', (host) => {
    const s = build(WEB)
    const t = s.request({ from: 'pod/client', url: `http://${host}` })
    expect(t.outcome.status).toBe('delivered')
    expect(only(t, 'dnat').packet!.dst).toBe('10.96.100.10:80')
    expect(t.steps.some((x) => x.kind === 'dns')).toBe(host !== '10.96.100.10')
  })

  it('pod/<namespace>/<name> names the same client', () => {
    const s = build(WEB)
    const t = s.request({ from: 'pod/default/client2', url: 'http://web' })
    expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: '10.244.2.5' })
    expect(only(t, 'dnat').at).toBe(`node/${W2.name}`)
  })

  it('the DNS step is the pod\'s query to kube-dns 10.96.0.10:53', () => {
    const s = build(WEB)
    const t = s.request({ from: 'pod/client', url: 'http://web' })
    const dns = only(t, 'dns')
    expect(ipOf(dns.packet!.src)).toBe('10.244.1.5')
    expect(dns.packet!.dst).toBe('10.96.0.10:53')
  })

  it('from another namespace the short name does not resolve (§4.4), <svc>.<ns> does', () => {
    const s = build(docs(WEB, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other', pod('other-client', W2.name, '10.244.2.6', { role: 'client' }, null, 'other')))
    expect(s.request({ from: 'pod/other/other-client', url: 'http://web' }).outcome).toMatchObject({ status: 'failed', reason: 'NXDOMAIN' })
    const t = s.request({ from: 'pod/other/other-client', url: 'http://web.default' })
    expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: '10.244.2.6' })
    expect(only(t, 'dnat').packet!.dst).toBe('10.96.100.10:80')
  })

  it('a Service selects pods of its own namespace only (§9): same labels elsewhere give no endpoints → REJECT', () => {
    const s = build(docs(WEB, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other', `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: other
spec:
  clusterIP: 10.96.100.13
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080`))
    const t = s.request({ from: 'pod/client', url: 'http://web.other' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'CONNECTION_REFUSED' })
    expect(only(t, 'reject').rule).toBe(rejectClusterIPLine('other/web', '10.96.100.13', 80))
  })

  it('https://kubernetes reaches the API server on the control plane (10.96.0.1:443 → 192.168.49.2:6443, host network)', () => {
    const s = build(WEB)
    const t = s.request({ from: 'pod/client', url: 'https://kubernetes' })
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'kube-apiserver-control-plane', namespace: 'kube-system', ip: CP.ip, port: 6443, sourceIP: '10.244.1.5' })
    expectDnat(s, t, { node: W1.name, spn: 'default/kubernetes:https', before: '10.96.0.1:443', to: `${CP.ip}:6443` })
  })

  it('a name no Service has: NXDOMAIN, no packet is sent', () => {
    const s = build(WEB)
    const t = s.request({ from: 'pod/client', url: 'http://nope' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'NXDOMAIN' })
    expect(t.steps.some((x) => x.kind === 'send')).toBe(false)
  })

  it('a ClusterIP is unreachable from external: TIMEOUT, never DNATed', () => {
    const s = build(WEB)
    const t = s.request({ from: 'external', url: 'http://10.96.100.10' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'TIMEOUT' })
    expect(t.steps.some((x) => x.kind === 'dnat' || x.kind === 'deliver')).toBe(false)
  })

  it('hairpin: a pod reaching itself through its Service is masqueraded to its node IP (kernel-notes 3)', () => {
    const s = build(WEB)
    const t = until(s, { from: 'pod/web-a', url: 'http://web' }, deliveredTo('web-a'))
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'web-a', namespace: 'default', ip: '10.244.1.10', port: 8080, sourceIP: W1.ip })
    const d = expectDnat(s, t, { node: W1.name, spn: SPN, before: '10.96.100.10:80', to: A })
    expect(d.rules).toContain(`-A ${sepChain(SPN, A)} -s 10.244.1.10/32 -m comment --comment "${SPN}" -j KUBE-MARK-MASQ`)
    const snat = only(t, 'snat')
    expect(snat.at).toBe(`node/${W1.name}`)
    expect(snat.rule).toBe(MASQ_LINE)
    expect(ipOf(snat.packet!.src)).toBe('10.244.1.10')
    expect(ipOf(nextPacket(t, snat)!.src)).toBe(W1.ip)
  })

  it('the same pod reaching the other endpoint is not masqueraded', () => {
    const s = build(WEB)
    const t = until(s, { from: 'pod/web-a', url: 'http://web' }, deliveredTo('web-b'))
    expect(t.outcome).toMatchObject({ pod: 'web-b', sourceIP: '10.244.1.10' })
  })

  it('from a node process (outside the cluster CIDR) the endpoint sees the node IP (§3.9, ! -s clusterCIDR masquerade)', () => {
    const s = build(WEB)
    for (const target of ['web-a', 'web-b']) {
      const t = until(s, { from: `node/${W1.name}`, url: 'http://10.96.100.10' }, deliveredTo(target))
      expect(t.outcome).toMatchObject({ status: 'delivered', pod: target, sourceIP: W1.ip })
      expect(only(t, 'dnat').rules).toContain(svcMasqLine(svcChain(SPN), SPN, '10.96.100.10', 80))
    }
  })
})

describe('ports: unexposed port TIMEOUT, pod not listening CONNECTION_REFUSED, no declared ports = any port', () => {
  const YAML = docs(
    WEB,
    `apiVersion: v1
kind: Service
metadata:
  name: wrong-target
spec:
  clusterIP: 10.96.100.11
  selector:
    app: wt
  ports:
  - port: 80
    targetPort: 9090`,
    pod('wt-a', W2.name, '10.244.2.11', { app: 'wt' }, [{ containerPort: 8080 }]),
    `apiVersion: v1
kind: Service
metadata:
  name: anyport
spec:
  clusterIP: 10.96.100.12
  selector:
    app: anyport
  ports:
  - port: 80
    targetPort: 7777`,
    pod('any-a', W2.name, '10.244.2.12', { app: 'anyport' }, null),
  )

  it('a port the Service does not expose: no rule captures it, TIMEOUT (§9, kernel-notes 8)', () => {
    const s = build(YAML)
    const t = s.request({ from: 'pod/client', url: 'http://web:8080' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'TIMEOUT' })
    expect(t.steps.some((x) => x.kind === 'dnat' || x.kind === 'reject')).toBe(false)
    expect(t.steps[t.steps.length - 1].kind).toBe('drop')
  })

  it('a pod that does not listen on the targetPort: DNAT happens, then CONNECTION_REFUSED at the pod', () => {
    const s = build(YAML)
    const t = s.request({ from: 'pod/client', url: 'http://wrong-target' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'CONNECTION_REFUSED' })
    expectDnat(s, t, { node: W1.name, spn: 'default/wrong-target', before: '10.96.100.11:80', to: '10.244.2.11:9090' })
    const last = t.steps[t.steps.length - 1]
    expect(last.kind).toBe('reject')
    expect(last.at).toBe('pod/default/wt-a')
  })

  it('a pod whose containers declare no ports listens on any port', () => {
    const s = build(YAML)
    const t = s.request({ from: 'pod/client', url: 'http://anyport' })
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'any-a', namespace: 'default', ip: '10.244.2.12', port: 7777, sourceIP: '10.244.1.5' })
  })
})

describe('a Service with no ready endpoints: filter REJECT, DNS still resolves (§3.4 item 1, §8, kernel-notes 7)', () => {
  const YAML = docs(
    `apiVersion: v1
kind: Service
metadata:
  name: empty
spec:
  type: NodePort
  clusterIP: 10.96.100.20
  selector:
    app: nothing
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30020`,
    client,
  )
  const SPN = 'default/empty'

  it('ClusterIP from a pod: DNS answers the ClusterIP, filter KUBE-SERVICES REJECT → CONNECTION_REFUSED', () => {
    const s = build(YAML)
    expect(s.resolve('empty', 'default/client').answers.map((a) => [a.type, a.data])).toEqual([['A', '10.96.100.20']])
    const t = s.request({ from: 'pod/client', url: 'http://empty' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'CONNECTION_REFUSED' })
    expect(kinds(t)).toEqual(['dns', 'send', 'reject'])
    const r = only(t, 'reject')
    expect(r.at).toBe(`node/${W1.name}`)
    expect(r.rule).toBe(rejectClusterIPLine(SPN, '10.96.100.20', 80))
    expect(r.packet?.dst).toBe('10.96.100.20:80')
    expect(tableLines(s.iptablesSave(W1.name), 'filter')).toContain(r.rule)
    expect(tableLines(s.iptablesSave(W1.name), 'nat').some((l) => l.includes(svcChain(SPN)))).toBe(false)
  })

  it('NodePort from outside: KUBE-EXTERNAL-SERVICES REJECT → CONNECTION_REFUSED', () => {
    const s = build(YAML)
    const t = s.request({ from: 'external', url: `http://${W2.ip}:30020` })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'CONNECTION_REFUSED' })
    const r = only(t, 'reject')
    expect(r.at).toBe(`node/${W2.name}`)
    expect(r.rule).toBe(rejectNodePortLine(SPN, 30020))
    expect(tableLines(s.iptablesSave(W2.name), 'filter')).toContain(r.rule)
  })
})

describe('no endpoints behind external addresses (§3.4 item 1, §7.2)', () => {
  it('an external IP of a Service without endpoints: KUBE-EXTERNAL-SERVICES REJECT → CONNECTION_REFUSED', () => {
    const s = build(docs(`apiVersion: v1
kind: Service
metadata:
  name: eip-empty
spec:
  clusterIP: 10.96.100.21
  externalIPs:
  - 198.51.100.60
  selector:
    app: nothing
  ports:
  - port: 80
    targetPort: 8080`))
    const t = s.request({ from: 'external', url: 'http://198.51.100.60' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'CONNECTION_REFUSED' })
    const r = only(t, 'reject')
    const line = '-A KUBE-EXTERNAL-SERVICES -d 198.51.100.60/32 -p tcp -m comment --comment "default/eip-empty has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable'
    expect(r.rule).toBe(line)
    expect(tableLines(s.iptablesSave(r.at.slice('node/'.length)), 'filter')).toContain(line)
  })

  it('MetalLB L2, ETP Cluster, no ready endpoint: no speaker announces the address (ShouldAnnounce: activeEndpointExists) → TIMEOUT', () => {
    const s = build(docs(`apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata:
  name: pool
  namespace: metallb-system
spec:
  addresses:
  - 192.168.49.100-192.168.49.110`, `apiVersion: metallb.io/v1beta1
kind: L2Advertisement
metadata:
  name: l2
  namespace: metallb-system`, `apiVersion: v1
kind: Service
metadata:
  name: lb-empty
spec:
  type: LoadBalancer
  selector:
    app: nothing
  ports:
  - port: 80
    targetPort: 8080`))
    expect(s.services.find((x) => x.name === 'lb-empty')!.loadBalancerIngress).toEqual(['192.168.49.100'])
    const t = s.request({ from: 'external', url: 'http://192.168.49.100' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'TIMEOUT' })
    expect(t.steps.some((x) => x.kind === 'reject' || x.kind === 'dnat')).toBe(false)
  })
})

describe('NodePort, externalTrafficPolicy Cluster: any node → KUBE-NODEPORTS → KUBE-EXT → SNAT to the node IP', () => {
  const YAML = docs(
    `apiVersion: v1
kind: Service
metadata:
  name: web-np
spec:
  type: NodePort
  clusterIP: 10.96.100.40
  selector:
    app: np
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30080`,
    pod('np-a', W1.name, '10.244.1.40', { app: 'np' }),
    client2,
  )
  const SPN = 'default/web-np'
  const EP = '10.244.1.40:8080'

  it.each([
    { node: W2, expectedKinds: ['send', 'nodeport', 'dnat', 'snat', 'route', 'deliver'] },
    { node: CP, expectedKinds: ['send', 'nodeport', 'dnat', 'snat', 'route', 'deliver'] },
    { node: W1, expectedKinds: ['send', 'nodeport', 'dnat', 'snat', 'deliver'] },
  ])('external → $node.name:30080: the pod sees that node\'s IP', ({ node, expectedKinds }) => {
    const s = build(YAML)
    const t = s.request({ from: 'external', url: `http://${node.ip}:30080` })
    expect(kinds(t)).toEqual(expectedKinds)
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'np-a', namespace: 'default', ip: '10.244.1.40', port: 8080, sourceIP: node.ip })
    const send = only(t, 'send')
    expect(send.at).toBe('external')
    expect(ipOf(send.packet!.src)).toBe(EXTERNAL_CLIENT)
    const np = only(t, 'nodeport')
    expect(np.at).toBe(`node/${node.name}`)
    expect(np.rule).toBe(nodePortLine(SPN, 30080))
    expect(np.packet?.dst).toBe(`${node.ip}:30080`)
    expect(tableLines(s.iptablesSave(node.name), 'nat')).toContain(np.rule)
    const d = expectDnat(s, t, { node: node.name, spn: SPN, before: `${node.ip}:30080`, to: EP })
    expect(d.rules).toContain(extMasqLine(SPN))
    expect(d.rules).toContain(`-A ${extChain(SPN)} -j ${svcChain(SPN)}`)
    const snat = only(t, 'snat')
    expect(snat.at).toBe(`node/${node.name}`)
    expect(snat.rule).toBe(MASQ_LINE)
    expect(ipOf(snat.packet!.src)).toBe(EXTERNAL_CLIENT)
    expect(ipOf(nextPacket(t, snat)!.src)).toBe(node.ip)
    if (node !== W1) {
      const route = only(t, 'route')
      expect(route.at).toBe(`node/${W1.name}`)
      expect(route.packet?.dst).toBe(EP)
      expect(ipOf(route.packet!.src)).toBe(node.ip)
    }
  })

  it('another client address is SNATed the same way', () => {
    const s = build(YAML)
    const t = s.request({ from: 'external', url: `http://${W2.ip}:30080`, clientIP: '198.51.100.7' })
    expect(ipOf(only(t, 'send').packet!.src)).toBe('198.51.100.7')
    expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: W2.ip })
  })

  it('a port that is no NodePort on the node: the node\'s TCP stack refuses (kernel-notes 6/7)', () => {
    const s = build(YAML)
    const t = s.request({ from: 'external', url: `http://${W2.ip}:30099` })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'CONNECTION_REFUSED' })
    expect(t.steps.some((x) => x.kind === 'dnat')).toBe(false)
  })

  it('a pod → another node\'s IP:nodePort is forwarded and handled there; the endpoint sees that node\'s IP (kernel-notes 9)', () => {
    const s = build(YAML)
    const t = s.request({ from: 'pod/client2', url: `http://${W1.ip}:30080` })
    expect(only(t, 'nodeport').at).toBe(`node/${W1.name}`)
    expect(only(t, 'dnat').at).toBe(`node/${W1.name}`)
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'np-a', namespace: 'default', ip: '10.244.1.40', port: 8080, sourceIP: W1.ip })
  })

  it('127.0.0.1:nodePort from the node itself works (route_localnet + KUBE-EXT mark, kernel-notes 10); the pod sees the node IP', () => {
    const s = build(YAML)
    const t = s.request({ from: `node/${W2.name}`, url: 'http://127.0.0.1:30080' })
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'np-a', namespace: 'default', ip: '10.244.1.40', port: 8080, sourceIP: W2.ip })
    expect(only(t, 'nodeport').rule).toBe(nodePortLine(SPN, 30080))
  })

  it('external → a pod IP: pod IPs are not routed from outside, TIMEOUT', () => {
    const s = build(YAML)
    const t = s.request({ from: 'external', url: 'http://10.244.1.40:8080' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'TIMEOUT' })
  })

  it('the ClusterIP of a NodePort Service still works from a pod, without SNAT', () => {
    const s = build(YAML)
    const t = s.request({ from: 'pod/client2', url: 'http://web-np' })
    expect(t.outcome).toMatchObject({ status: 'delivered', pod: 'np-a', sourceIP: '10.244.2.5' })
  })
})

describe('NodePort, externalTrafficPolicy Local: client IP preserved, DROP (TIMEOUT) without a local endpoint', () => {
  const YAML = docs(
    `apiVersion: v1
kind: Service
metadata:
  name: web-local
spec:
  type: NodePort
  externalTrafficPolicy: Local
  clusterIP: 10.96.100.50
  selector:
    app: loc
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30081`,
    pod('loc-a', W1.name, '10.244.1.50', { app: 'loc' }),
    pod('loc-b', W1.name, '10.244.1.51', { app: 'loc' }),
    pod('loc-c', W2.name, '10.244.2.52', { app: 'loc' }),
    pod('client-cp', CP.name, '10.244.0.5', { role: 'client' }, null),
  )
  const SPN = 'default/web-local'

  it('external → a node with local endpoints: KUBE-EXT → KUBE-SVL, no SNAT, the pod sees 203.0.113.10', () => {
    const s = build(YAML)
    const t = until(s, { from: 'external', url: `http://${W1.ip}:30081` }, deliveredTo('loc-a'))
    expect(kinds(t)).toEqual(['send', 'nodeport', 'dnat', 'deliver'])
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'loc-a', namespace: 'default', ip: '10.244.1.50', port: 8080, sourceIP: EXTERNAL_CLIENT })
    expect(only(t, 'nodeport').rule).toBe(nodePortLine(SPN, 30081))
    const d = expectDnat(s, t, { node: W1.name, spn: SPN, before: `${W1.ip}:30081`, to: '10.244.1.50:8080' })
    expect(d.rules).toContain(`-A ${extChain(SPN)} -j ${svlChain(SPN)}`)
    // KUBE-SVL holds only worker-1's two endpoints: p = 1/2 for the first.
    expect(d.rules).toContain(pickLine(svlChain(SPN), SPN, '10.244.1.50:8080', 0, 2))
    expect(d.rules).not.toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000')
  })

  it.each([
    { node: W1, pods: ['loc-a', 'loc-b'] },
    { node: W2, pods: ['loc-c'] },
  ])('external → $node.name: only that node\'s endpoints, never a hop to another node', ({ node, pods }) => {
    const s = build(YAML)
    const seen = new Set<string>()
    for (let i = 0; i < 30; i++) {
      const t = s.request({ from: 'external', url: `http://${node.ip}:30081` })
      expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: EXTERNAL_CLIENT })
      expect(t.steps.some((x) => x.kind === 'route' || x.kind === 'snat')).toBe(false)
      seen.add(deliveredPod(t))
    }
    expect([...seen].sort()).toEqual(pods)
  })

  it('127.0.0.1:nodePort from a node without a local endpoint: "masquerade LOCAL traffic" gives the mark, so it works (kernel-notes 10/11)', () => {
    const s = build(YAML)
    const t = s.request({ from: `node/${CP.name}`, url: 'http://127.0.0.1:30081' })
    expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: CP.ip })
  })

  it('a second client address is preserved too', () => {
    const s = build(YAML)
    const t = s.request({ from: 'external', url: `http://${W1.ip}:30081`, clientIP: '198.51.100.7' })
    expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: '198.51.100.7' })
  })

  it('external → control-plane (no local endpoint): filter DROP → TIMEOUT (kernel-notes 6)', () => {
    const s = build(YAML)
    const t = s.request({ from: 'external', url: `http://${CP.ip}:30081` })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'TIMEOUT' })
    const drop = only(t, 'drop')
    expect(drop.at).toBe(`node/${CP.name}`)
    expect(drop.rule).toBe(dropNoLocalNodePortLine(SPN, 30081))
    expect(tableLines(s.iptablesSave(CP.name), 'filter')).toContain(drop.rule)
    expect(tableLines(s.iptablesSave(W1.name), 'filter')).not.toContain(drop.rule)
    expect(t.steps.some((x) => x.kind === 'dnat' || x.kind === 'deliver')).toBe(false)
  })

  it('from a pod to its own node\'s NodePort (no local endpoint there): short-circuit to KUBE-SVC, no SNAT, the pod IP is seen (kernel-notes 11)', () => {
    const s = build(YAML)
    const seen = new Set<string>()
    for (let i = 0; i < 30; i++) {
      const t = s.request({ from: 'pod/client-cp', url: `http://${CP.ip}:30081` })
      expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: '10.244.0.5' })
      const d = only(t, 'dnat')
      expect(d.at).toBe(`node/${CP.name}`)
      expect(d.rules).toContain(`-A ${extChain(SPN)} -s ${CLUSTER_CIDR} -m comment --comment "pod traffic for ${SPN} external destinations" -j ${svcChain(SPN)}`)
      seen.add(deliveredPod(t))
    }
    expect([...seen].sort()).toEqual(['loc-a', 'loc-b', 'loc-c'])
  })

  it('from the node itself: masquerade LOCAL traffic + KUBE-SVC, the pod sees the node IP even without a local endpoint (kernel-notes 11)', () => {
    const s = build(YAML)
    const t = s.request({ from: `node/${CP.name}`, url: `http://${CP.ip}:30081` })
    expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: CP.ip })
    const d = only(t, 'dnat')
    expect(d.rules).toContain(`-A ${extChain(SPN)} -m comment --comment "masquerade LOCAL traffic for ${SPN} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`)
    expect(d.rules).toContain(`-A ${extChain(SPN)} -m comment --comment "route LOCAL traffic for ${SPN} external destinations" -m addrtype --src-type LOCAL -j ${svcChain(SPN)}`)
  })
})

describe('internalTrafficPolicy Local: only endpoints on the client\'s node, DROP where there is none (§3.4 item 2, §3.9)', () => {
  const YAML = docs(
    `apiVersion: v1
kind: Service
metadata:
  name: web-itp
spec:
  internalTrafficPolicy: Local
  clusterIP: 10.96.100.30
  selector:
    app: itp
  ports:
  - port: 80
    targetPort: 8080`,
    pod('itp-a', W1.name, '10.244.1.30', { app: 'itp' }),
    pod('itp-b', W1.name, '10.244.1.31', { app: 'itp' }),
    client,
    client2,
  )
  const SPN = 'default/web-itp'

  it('a client on a node with local endpoints: KUBE-SERVICES → KUBE-SVL, client IP unchanged', () => {
    const s = build(YAML)
    const seen = new Set<string>()
    for (let i = 0; i < 30; i++) {
      const t = s.request({ from: 'pod/client', url: 'http://web-itp' })
      expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: '10.244.1.5' })
      const d = only(t, 'dnat')
      expect(d.rules).toContain(clusterIPLine(SPN, '10.96.100.30', 80, svlChain(SPN)))
      seen.add(deliveredPod(t))
    }
    expect([...seen].sort()).toEqual(['itp-a', 'itp-b'])
  })

  it('a client on a node without local endpoints: filter DROP "has no local endpoints" → TIMEOUT', () => {
    const s = build(YAML)
    const t = s.request({ from: 'pod/client2', url: 'http://web-itp' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'TIMEOUT' })
    const drop = only(t, 'drop')
    expect(drop.at).toBe(`node/${W2.name}`)
    expect(drop.rule).toBe(dropNoLocalClusterIPLine(SPN, '10.96.100.30', 80))
    expect(tableLines(s.iptablesSave(W2.name), 'filter')).toContain(drop.rule)
  })

  it('KUBE-SVL, the internal traffic chain, starts with the off-cluster masquerade rule (§3.4 item 7: "KUBE-SVC / KUBE-SVL first rule")', () => {
    const s = build(YAML)
    const t = s.request({ from: `node/${W1.name}`, url: 'http://10.96.100.30' })
    expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: W1.ip })
    expect(only(t, 'dnat').rules).toContain(svcMasqLine(svlChain(SPN), SPN, '10.96.100.30', 80))
  })
})

describe('externalIPs: captured on any node, KUBE-EXT masquerades (§3.4 item 3)', () => {
  const YAML = docs(
    `apiVersion: v1
kind: Service
metadata:
  name: web-eip
spec:
  clusterIP: 10.96.100.60
  externalIPs:
  - 198.51.100.50
  selector:
    app: eip
  ports:
  - port: 80
    targetPort: 8080`,
    pod('eip-a', W2.name, '10.244.2.60', { app: 'eip' }),
    client,
  )
  const SPN = 'default/web-eip'

  it('external → 198.51.100.50:80 reaches the pod; it sees the IP of the node that took the packet', () => {
    const s = build(YAML)
    const t = s.request({ from: 'external', url: 'http://198.51.100.50' })
    expect(t.outcome).toMatchObject({ status: 'delivered', pod: 'eip-a', port: 8080 })
    const d = only(t, 'dnat')
    const node = d.at.slice('node/'.length)
    const nodeIP = s.nodes.find((n) => n.name === node)!.ip
    expect(d.rules).toContain(externalIPLine(SPN, '198.51.100.50', 80))
    expect(d.rules).toContain(extMasqLine(SPN))
    expect(d.rule).toBe(dnatLine(SPN, '10.244.2.60:8080'))
    expect(t.outcome).toMatchObject({ sourceIP: nodeIP })
  })

  it('from a pod, the external IP is captured on the pod\'s own node and masqueraded to that node\'s IP', () => {
    const s = build(YAML)
    const t = s.request({ from: 'pod/client', url: 'http://198.51.100.50' })
    expect(t.outcome).toMatchObject({ status: 'delivered', pod: 'eip-a', sourceIP: W1.ip })
    expect(only(t, 'dnat').at).toBe(`node/${W1.name}`)
  })
})

describe('LoadBalancer: MetalLB L2 (the elected node keeps the destination) and the default cloud pool (NodePort)', () => {
  const POOL = `apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata:
  name: pool
  namespace: metallb-system
spec:
  addresses:
  - 192.168.49.100-192.168.49.110
---
apiVersion: metallb.io/v1beta1
kind: L2Advertisement
metadata:
  name: l2
  namespace: metallb-system`
  const lbService = (name: string, ip: string | undefined, app: string, etp: 'Cluster' | 'Local', nodePort: number, cip: string): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}${ip ? `\n  annotations:\n    metallb.io/loadBalancerIPs: ${ip}` : ''}
spec:
  type: LoadBalancer
  externalTrafficPolicy: ${etp}
  clusterIP: ${cip}
  selector:
    app: ${app}
  ports:
  - port: 80
    targetPort: 8080
    nodePort: ${nodePort}`
  const METALLB = docs(
    POOL,
    lbService('web-lb', '192.168.49.100', 'lb', 'Cluster', 30090, '10.96.100.70'),
    lbService('web-lbl', '192.168.49.101', 'lbl', 'Local', 30091, '10.96.100.71'),
    lbService('web-lbe', '192.168.49.102', 'nothing', 'Local', 30092, '10.96.100.72'),
    pod('lb-a', W1.name, '10.244.1.70', { app: 'lb' }),
    pod('lb-b', W2.name, '10.244.2.70', { app: 'lb' }),
    pod('lbl-a', W2.name, '10.244.2.71', { app: 'lbl' }),
    client,
  )

  it('MetalLB assigns the requested pool addresses', () => {
    const s = build(METALLB)
    const lb = (n: string) => s.services.find((x) => x.name === n)!.loadBalancerIngress
    expect(lb('web-lb')).toEqual(['192.168.49.100'])
    expect(lb('web-lbl')).toEqual(['192.168.49.101'])
  })

  it('ETP Cluster: loadbalancer step, then the elected node captures the LB IP (destination unchanged), SNAT to that node', () => {
    const s = build(METALLB)
    const SPN = 'default/web-lb'
    const electedNodes = new Set<string>()
    const pods = new Set<string>()
    for (let i = 0; i < 20; i++) {
      const t = s.request({ from: 'external', url: 'http://192.168.49.100' })
      expect(t.outcome.status).toBe('delivered')
      const lb = only(t, 'loadbalancer')
      expect(lb.at).toBe('loadbalancer/default/web-lb')
      expect(lb.packet?.dst).toBe('192.168.49.100:80')
      expect(nextPacket(t, lb)?.dst).toBe('192.168.49.100:80')
      const d = only(t, 'dnat')
      expect(d.packet?.dst).toBe('192.168.49.100:80')
      expect(d.rules).toContain(lbCaptureLine(SPN, '192.168.49.100', 80))
      expect(d.rules).toContain(extMasqLine(SPN))
      expect(t.steps.some((x) => x.kind === 'nodeport')).toBe(false)
      const node = d.at.slice('node/'.length)
      electedNodes.add(node)
      expect(tableLines(s.iptablesSave(node), 'nat')).toContain(d.rule)
      expect(only(t, 'snat').at).toBe(d.at)
      expect(t.outcome).toMatchObject({ sourceIP: s.nodes.find((n) => n.name === node)!.ip })
      pods.add(deliveredPod(t))
    }
    // L2 mode: one node answers ARP for the address; kube-proxy there balances over all pods.
    expect(electedNodes.size).toBe(1)
    expect([...pods].sort()).toEqual(['lb-a', 'lb-b'])
  })

  it('ETP Local: only a node with a ready local endpoint is elected, and the pod sees the client IP (§7.2)', () => {
    const s = build(METALLB)
    const SPN = 'default/web-lbl'
    for (let i = 0; i < 5; i++) {
      const t = s.request({ from: 'external', url: 'http://192.168.49.101' })
      expect(t.outcome).toEqual({ status: 'delivered', pod: 'lbl-a', namespace: 'default', ip: '10.244.2.71', port: 8080, sourceIP: EXTERNAL_CLIENT })
      const d = expectDnat(s, t, { node: W2.name, spn: SPN, before: '192.168.49.101:80', to: '10.244.2.71:8080' })
      expect(d.rules).toContain(`-A ${extChain(SPN)} -j ${svlChain(SPN)}`)
      expect(t.steps.some((x) => x.kind === 'snat')).toBe(false)
    }
  })

  it('ETP Local with no ready endpoint anywhere: no node announces the address → TIMEOUT', () => {
    const s = build(METALLB)
    const t = s.request({ from: 'external', url: 'http://192.168.49.102' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'TIMEOUT' })
    expect(t.steps.some((x) => x.kind === 'dnat' || x.kind === 'deliver')).toBe(false)
  })

  it('the LB IP from a pod (ETP Cluster) is captured on the pod\'s node; the endpoint sees the client pod\'s node IP (kernel-notes 12)', () => {
    const s = build(METALLB)
    for (const target of ['lb-a', 'lb-b']) {
      const t = until(s, { from: 'pod/client', url: 'http://192.168.49.100' }, deliveredTo(target))
      expect(t.outcome).toMatchObject({ status: 'delivered', sourceIP: W1.ip })
      expect(only(t, 'dnat').at).toBe(`node/${W1.name}`)
      expect(t.steps.some((x) => x.kind === 'loadbalancer')).toBe(false)
    }
  })

  it('the LB IP of an ETP Local Service from a pod on a node without a local endpoint: pod short-circuit to KUBE-SVC, pod IP kept (kernel-notes 11)', () => {
    const s = build(METALLB)
    const t = s.request({ from: 'pod/client', url: 'http://192.168.49.101' })
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'lbl-a', namespace: 'default', ip: '10.244.2.71', port: 8080, sourceIP: '10.244.1.5' })
    expect(only(t, 'dnat').at).toBe(`node/${W1.name}`)
  })

  it('loadBalancerSourceRanges: a client outside the ranges is dropped (KUBE-FW → KUBE-PROXY-FIREWALL, §3.4 item 4), one inside gets through', () => {
    const s = build(docs(METALLB, `apiVersion: v1
kind: Service
metadata:
  name: web-lbsr
  annotations:
    metallb.io/loadBalancerIPs: 192.168.49.103
spec:
  type: LoadBalancer
  loadBalancerSourceRanges:
  - 198.51.100.0/24
  selector:
    app: lb
  ports:
  - port: 80
    targetPort: 8080`))
    expect(s.request({ from: 'external', url: 'http://192.168.49.103', clientIP: '198.51.100.7' }).outcome.status).toBe('delivered')
    const t = s.request({ from: 'external', url: 'http://192.168.49.103' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'TIMEOUT' })
  })

  const CLOUD = docs(
    lbService('web-cloud', undefined, 'cl', 'Cluster', 30093, '10.96.100.73'),
    lbService('web-cloudl', undefined, 'cll', 'Local', 30094, '10.96.100.74'),
    pod('cl-a', W1.name, '10.244.1.73', { app: 'cl' }),
    pod('cll-a', W2.name, '10.244.2.74', { app: 'cll' }),
  )

  it('default pool: an address from 192.168.49.200-250', () => {
    const s = build(CLOUD)
    for (const n of ['web-cloud', 'web-cloudl']) {
      const [ip] = s.services.find((x) => x.name === n)!.loadBalancerIngress
      const last = Number(ip.split('.')[3])
      expect(ip.startsWith('192.168.49.')).toBe(true)
      expect(last >= 200 && last <= 250).toBe(true)
    }
  })

  it('default pool, ETP Cluster: the cloud LB forwards to a node\'s NodePort; KUBE-NODEPORTS; SNAT to that node', () => {
    const s = build(CLOUD)
    const SPN = 'default/web-cloud'
    const [lbIP] = s.services.find((x) => x.name === 'web-cloud')!.loadBalancerIngress
    const t = s.request({ from: 'external', url: `http://${lbIP}` })
    expect(kinds(t).slice(0, 4)).toEqual(['send', 'loadbalancer', 'nodeport', 'dnat'])
    const lb = only(t, 'loadbalancer')
    expect(lb.at).toBe('loadbalancer/default/web-cloud')
    expect(lb.packet?.dst).toBe(`${lbIP}:80`)
    const np = only(t, 'nodeport')
    const node = s.nodes.find((n) => `node/${n.name}` === np.at)!
    expect(np.packet?.dst).toBe(`${node.ip}:30093`)
    expect(ipOf(np.packet!.src)).toBe(EXTERNAL_CLIENT)
    expect(np.rule).toBe(nodePortLine(SPN, 30093))
    expectDnat(s, t, { node: node.name, spn: SPN, before: `${node.ip}:30093`, to: '10.244.1.73:8080' })
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'cl-a', namespace: 'default', ip: '10.244.1.73', port: 8080, sourceIP: node.ip })
  })

  it('default pool, ETP Local: only nodes with a local endpoint receive traffic; the client IP is preserved', () => {
    const s = build(CLOUD)
    const [lbIP] = s.services.find((x) => x.name === 'web-cloudl')!.loadBalancerIngress
    for (let i = 0; i < 6; i++) {
      const t = s.request({ from: 'external', url: `http://${lbIP}` })
      expect(only(t, 'nodeport').at).toBe(`node/${W2.name}`)
      expect(t.outcome).toEqual({ status: 'delivered', pod: 'cll-a', namespace: 'default', ip: '10.244.2.74', port: 8080, sourceIP: EXTERNAL_CLIENT })
    }
  })
})

describe('sessionAffinity: ClientIP sticks until state resets, None spreads, a cookie changes nothing (L4)', () => {
  const svc = (name: string, affinity: string, app: string, cip: string): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  clusterIP: ${cip}
  sessionAffinity: ${affinity}${affinity === 'ClientIP' && name.endsWith('60') ? '\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 60' : ''}
  selector:
    app: ${app}
  ports:
  - port: 80
    targetPort: 8080`
  const YAML = docs(
    svc('sticky', 'ClientIP', 'aff', '10.96.100.80'),
    svc('sticky60', 'ClientIP', 'aff', '10.96.100.81'),
    svc('spread', 'None', 'aff', '10.96.100.82'),
    `apiVersion: v1
kind: Service
metadata:
  name: sticky-np
spec:
  type: NodePort
  clusterIP: 10.96.100.83
  sessionAffinity: ClientIP
  selector:
    app: aff
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30110`,
    pod('aff-a', W1.name, '10.244.1.80', { app: 'aff' }),
    pod('aff-b', W2.name, '10.244.2.80', { app: 'aff' }),
    pod('aff-c', W2.name, '10.244.2.81', { app: 'aff' }),
    client,
    client2,
  )
  const SPN = 'default/sticky'
  const ADDRS = ['10.244.1.80:8080', '10.244.2.80:8080', '10.244.2.81:8080']

  it('20 requests from one pod → one endpoint; the first is picked by statistic, the rest by the recent list', () => {
    const s = build(YAML)
    const traces = Array.from({ length: 20 }, () => s.request({ from: 'pod/client', url: 'http://sticky' }))
    const pods = new Set(traces.map(deliveredPod))
    expect(pods.size).toBe(1)
    const first = traces[0]
    expect(first.outcome.status).toBe('delivered')
    const addr = `${(first.outcome as { ip: string }).ip}:8080`
    const i = ADDRS.indexOf(addr)
    const d0 = expectDnat(s, first, { node: W1.name, spn: SPN, before: '10.96.100.80:80', to: addr, affinity: true })
    expect(d0.rules).toContain(pickLine(svcChain(SPN), SPN, addr, i, 3))
    expect(d0.rules).not.toContain(rcheckLine(svcChain(SPN), SPN, addr))
    for (const t of traces.slice(1)) {
      const d = only(t, 'dnat')
      expect(d.rule).toBe(dnatLine(SPN, addr, true))
      expect(d.rules).toContain(rcheckLine(svcChain(SPN), SPN, addr))
    }
    expect(tableLines(s.iptablesSave(W1.name), 'nat')).toContain(rcheckLine(svcChain(SPN), SPN, addr))
  })

  it('sessionAffinityConfig.clientIP.timeoutSeconds appears as --rcheck --seconds 60', () => {
    const s = build(YAML)
    const nat = tableLines(s.iptablesSave(W1.name), 'nat')
    for (const a of ADDRS) expect(nat).toContain(rcheckLine(svcChain('default/sticky60'), 'default/sticky60', a, 60))
  })

  it('affinity is per client address: another pod starts with a statistic pick of its own', () => {
    const s = build(YAML)
    for (let i = 0; i < 5; i++) s.request({ from: 'pod/client', url: 'http://sticky' })
    const t = s.request({ from: 'pod/client2', url: 'http://sticky' })
    const d = only(t, 'dnat')
    expect(d.rules!.some((l) => l.includes('--rcheck'))).toBe(false)
  })

  it('apply starts a new state: the first request after it is picked by statistic again', () => {
    const s = build(YAML)
    for (let i = 0; i < 3; i++) s.request({ from: 'pod/client', url: 'http://sticky' })
    expect(only(s.request({ from: 'pod/client', url: 'http://sticky' }), 'dnat').rules!.some((l) => l.includes('--rcheck'))).toBe(true)
    const next = s.apply({ type: 'setReady', pod: 'client', ready: true })
    const t = next.request({ from: 'pod/client', url: 'http://sticky' })
    expect(t.outcome.status).toBe('delivered')
    expect(only(t, 'dnat').rules!.some((l) => l.includes('--rcheck'))).toBe(false)
  })

  it('via a NodePort: keyed by the client address in each node\'s own xt_recent lists (kernel-notes 13)', () => {
    const s = build(YAML)
    const usedRecent = (t: Trace): boolean => only(t, 'dnat').rules!.some((l) => l.includes('--rcheck'))
    const first = s.request({ from: 'external', url: `http://${W2.ip}:30110` })
    expect(usedRecent(first)).toBe(false)
    const traces = Array.from({ length: 15 }, () => s.request({ from: 'external', url: `http://${W2.ip}:30110` }))
    for (const t of traces) {
      expect(usedRecent(t)).toBe(true)
      expect(deliveredPod(t)).toBe(deliveredPod(first))
      expect(t.outcome).toMatchObject({ sourceIP: W2.ip })
    }
    // Another client address on the same node, and the same client on another node, start afresh.
    expect(usedRecent(s.request({ from: 'external', url: `http://${W2.ip}:30110`, clientIP: '198.51.100.7' }))).toBe(false)
    expect(usedRecent(s.request({ from: 'external', url: `http://${W1.ip}:30110` }))).toBe(false)
  })

  it('xt_recent keeps 100 addresses per list (ip_list_tot, kernel-notes 13): the 101st client evicts the oldest', () => {
    const s = build(docs(`apiVersion: v1
kind: Service
metadata:
  name: one-np
spec:
  type: NodePort
  sessionAffinity: ClientIP
  selector:
    app: one
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30111`, pod('one-a', W1.name, '10.244.1.85', { app: 'one' })))
    const usedRecent = (t: Trace): boolean => only(t, 'dnat').rules!.some((l) => l.includes('--rcheck'))
    const req = (i: number): Trace => s.request({ from: 'external', url: `http://${W1.ip}:30111`, clientIP: `198.51.100.${i}` })
    expect(usedRecent(req(1))).toBe(false)
    expect(usedRecent(req(1))).toBe(true)
    for (let i = 2; i <= 101; i++) req(i)
    // 198.51.100.1 was the oldest of 101 entries in KUBE-SEP-…'s list: forgotten.
    expect(usedRecent(req(1))).toBe(false)
    expect(usedRecent(req(101))).toBe(true)
  })

  it('None spreads over all endpoints, with or without a Cookie header', () => {
    const s = build(YAML)
    const plain = new Set(Array.from({ length: 30 }, () => deliveredPod(s.request({ from: 'pod/client', url: 'http://spread' }))))
    expect([...plain].sort()).toEqual(['aff-a', 'aff-b', 'aff-c'])
    const cookie = new Set(Array.from({ length: 30 }, () => deliveredPod(s.request({ from: 'pod/client', url: 'http://spread', headers: { Cookie: 'session=abc123' } }))))
    expect([...cookie].sort()).toEqual(['aff-a', 'aff-b', 'aff-c'])
  })

  it('ClientIP with a Cookie header still sticks by address, not by cookie', () => {
    const s = build(YAML)
    const pods = new Set(Array.from({ length: 10 }, (_, i) => deliveredPod(s.request({ from: 'pod/client', url: 'http://sticky', headers: { Cookie: `session=${i}` } }))))
    expect(pods.size).toBe(1)
  })
})

describe('multi-port Services and named targetPorts resolved per pod (§2.3, §9)', () => {
  const YAML = docs(
    `apiVersion: v1
kind: Service
metadata:
  name: multi
spec:
  clusterIP: 10.96.100.90
  selector:
    app: multi
  ports:
  - name: http
    port: 80
    targetPort: web
  - name: metrics
    port: 9100
    targetPort: metrics`,
    pod('mp-a', W1.name, '10.244.1.90', { app: 'multi' }, [{ name: 'web', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }]),
    pod('mp-b', W2.name, '10.244.2.90', { app: 'multi' }, [{ name: 'web', containerPort: 8081 }, { name: 'metrics', containerPort: 9101 }]),
    pod('mp-c', W2.name, '10.244.2.91', { app: 'multi' }, [{ name: 'web', containerPort: 8082 }]),
    client,
  )
  const HTTP = 'default/multi:http'
  const METRICS = 'default/multi:metrics'

  it('port 80 (http → "web"): each pod\'s own number, chain hashed from "default/multi:http"', () => {
    const s = build(YAML)
    const expected: Record<string, string> = { 'mp-a': '10.244.1.90:8080', 'mp-b': '10.244.2.90:8081', 'mp-c': '10.244.2.91:8082' }
    const seen = new Set<string>()
    for (let i = 0; i < 40; i++) {
      const t = s.request({ from: 'pod/client', url: 'http://multi' })
      const name = deliveredPod(t)
      seen.add(name)
      expectDnat(s, t, { node: W1.name, spn: HTTP, before: '10.96.100.90:80', to: expected[name] })
      expect(only(t, 'dnat').rules).toContain(clusterIPLine(HTTP, '10.96.100.90', 80, svcChain(HTTP)))
    }
    expect([...seen].sort()).toEqual(['mp-a', 'mp-b', 'mp-c'])
  })

  it('port 9100 (metrics → "metrics"): the pod without that port name is skipped for this port only', () => {
    const s = build(YAML)
    const expected: Record<string, string> = { 'mp-a': '10.244.1.90:9100', 'mp-b': '10.244.2.90:9101' }
    const seen = new Set<string>()
    for (let i = 0; i < 30; i++) {
      const t = s.request({ from: 'pod/client', url: 'http://multi:9100' })
      const name = deliveredPod(t)
      seen.add(name)
      expect(expected[name]).toBeDefined()
      expectDnat(s, t, { node: W1.name, spn: METRICS, before: '10.96.100.90:9100', to: expected[name] })
    }
    expect([...seen].sort()).toEqual(['mp-a', 'mp-b'])
    const nat = tableLines(s.iptablesSave(W1.name), 'nat')
    expect(nat).toContain(pickLine(svcChain(METRICS), METRICS, '10.244.1.90:9100', 0, 2))
    expect(nat).toContain(pickLine(svcChain(METRICS), METRICS, '10.244.2.90:9101', 1, 2))
  })
})

describe('headless Service: DNS returns pod IPs, no DNAT (§4.1, §1.4)', () => {
  const YAML = docs(
    `apiVersion: v1
kind: Service
metadata:
  name: hl
spec:
  clusterIP: None
  selector:
    app: hl
  ports:
  - port: 80
    targetPort: 8080`,
    `apiVersion: v1
kind: Service
metadata:
  name: hl-empty
spec:
  clusterIP: None
  selector:
    app: nothing
  ports:
  - port: 80`,
    pod('hl-a', W1.name, '10.244.1.100', { app: 'hl' }),
    pod('hl-b', W2.name, '10.244.2.100', { app: 'hl' }),
    client,
  )

  it('http://hl:8080: straight to a pod IP, no kube-proxy rule involved, the pod sees the client IP', () => {
    const s = build(YAML)
    expect(s.resolve('hl', 'default/client').answers.filter((a) => a.type === 'A').map((a) => a.data).sort()).toEqual(['10.244.1.100', '10.244.2.100'])
    const seen = new Set<string>()
    for (let i = 0; i < 30; i++) {
      const t = s.request({ from: 'pod/client', url: 'http://hl:8080' })
      expect(t.steps.some((x) => x.kind === 'dnat' || x.kind === 'snat')).toBe(false)
      expect(t.steps[0].kind).toBe('dns')
      const send = only(t, 'send')
      expect(['10.244.1.100:8080', '10.244.2.100:8080']).toContain(send.packet!.dst)
      expect(t.outcome).toMatchObject({ status: 'delivered', port: 8080, sourceIP: '10.244.1.5', ip: ipOf(send.packet!.dst) })
      seen.add(deliveredPod(t))
    }
    expect([...seen].sort()).toEqual(['hl-a', 'hl-b'])
  })

  it('http://hl (port 80): nothing maps 80 to the targetPort, the pod refuses', () => {
    const s = build(YAML)
    const t = s.request({ from: 'pod/client', url: 'http://hl' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'CONNECTION_REFUSED' })
    expect(t.steps.some((x) => x.kind === 'dnat')).toBe(false)
  })

  it('no kube-proxy rules for a headless Service', () => {
    const s = build(YAML)
    for (const n of [CP, W1, W2]) expect(s.iptablesSave(n.name)).not.toContain('default/hl')
  })

  it('a headless Service with no ready endpoints: NXDOMAIN (§8)', () => {
    const s = build(YAML)
    const t = s.request({ from: 'pod/client', url: 'http://hl-empty' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'NXDOMAIN' })
  })
})

describe('ExternalName: CNAME, traffic leaves the cluster (KIA external-service-externalname.yaml)', () => {
  const YAML = docs(readFileSync(new URL('../__fixtures__/tutorials/kia1/external-service-externalname.yaml', import.meta.url), 'utf8'), client)

  it('http://external-service → left-cluster to api.somecompany.com:80 after a CNAME answer', () => {
    const s = build(YAML)
    const t = s.request({ from: 'pod/client', url: 'http://external-service' })
    expect(t.outcome).toEqual({ status: 'left-cluster', host: 'api.somecompany.com', port: 80 })
    expect(only(t, 'dns').at).toBe('coredns')
    expect(t.steps.some((x) => x.kind === 'dnat')).toBe(false)
    const answers = s.resolve('external-service', 'default/client').answers
    expect(answers.some((a) => a.type === 'CNAME' && a.data.replace(/\.$/, '') === 'api.somecompany.com')).toBe(true)
  })

  it('no kube-proxy rules for an ExternalName Service', () => {
    const s = build(YAML)
    expect(s.iptablesSave(W1.name)).not.toContain('default/external-service')
  })
})

describe('selector-less Service with manual Endpoints (KIA external-service 11.11.11.11 / 22.22.22.22)', () => {
  const kia = (f: string): string => readFileSync(new URL(`../__fixtures__/tutorials/kia1/${f}`, import.meta.url), 'utf8')
  const YAML = docs(kia('external-service.yaml'), kia('external-service-endpoints.yaml'), client)
  const SPN = 'default/external-service'

  it('DNAT to either address, then the packet leaves the cluster (left-cluster)', () => {
    const s = build(YAML)
    const cip = s.services.find((x) => x.name === 'external-service')!.clusterIP
    const seen = new Set<string>()
    for (let i = 0; i < 30; i++) {
      const t = s.request({ from: 'pod/client', url: 'http://external-service' })
      expect(t.outcome.status).toBe('left-cluster')
      const o = t.outcome as { host: string; ip?: string; port: number }
      expect(['11.11.11.11', '22.22.22.22']).toContain(o.ip)
      expect(o).toEqual({ status: 'left-cluster', host: o.ip, ip: o.ip, port: 80 })
      expectDnat(s, t, { node: W1.name, spn: SPN, before: `${cip}:80`, to: `${o.ip}:80` })
      seen.add(o.ip!)
    }
    expect([...seen].sort()).toEqual(['11.11.11.11', '22.22.22.22'])
    const nat = tableLines(s.iptablesSave(W1.name), 'nat')
    expect(nat).toContain(pickLine(svcChain(SPN), SPN, '11.11.11.11:80', 0, 2))
    expect(nat).toContain(pickLine(svcChain(SPN), SPN, '22.22.22.22:80', 1, 2))
  })

  it('manual Endpoints inside the pod network are delivered to that pod', () => {
    const s = build(docs(
      `apiVersion: v1
kind: Service
metadata:
  name: manual
spec:
  clusterIP: 10.96.100.110
  ports:
  - port: 80`,
      `apiVersion: v1
kind: Endpoints
metadata:
  name: manual
subsets:
- addresses:
  - ip: 10.244.2.110
  ports:
  - port: 8080`,
      pod('target', W2.name, '10.244.2.110', { app: 'unselected' }),
      client,
    ))
    const t = s.request({ from: 'pod/client', url: 'http://manual' })
    expect(t.outcome).toEqual({ status: 'delivered', pod: 'target', namespace: 'default', ip: '10.244.2.110', port: 8080, sourceIP: '10.244.1.5' })
    expectDnat(s, t, { node: W1.name, spn: 'default/manual', before: '10.96.100.110:80', to: '10.244.2.110:8080' })
  })

  it('Endpoints whose port name does not match the Service port: no endpoints → REJECT (§2.5)', () => {
    const s = build(docs(
      `apiVersion: v1
kind: Service
metadata:
  name: misnamed
spec:
  clusterIP: 10.96.100.111
  ports:
  - name: http
    port: 80`,
      `apiVersion: v1
kind: Endpoints
metadata:
  name: misnamed
subsets:
- addresses:
  - ip: 11.11.11.11
  ports:
  - name: web
    port: 80`,
      client,
    ))
    const t = s.request({ from: 'pod/client', url: 'http://misnamed' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'CONNECTION_REFUSED' })
    expect(only(t, 'reject').rule).toBe(rejectClusterIPLine('default/misnamed:http', '10.96.100.111', 80))
  })
})

// ---------------------------------------------------------------------------
// Ingress.

const backend = (name: string, app: string, cip: string): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  clusterIP: ${cip}
  selector:
    app: ${app}
  ports:
  - port: 80
    targetPort: 8080`
interface PathRow { path: string; pathType: 'Exact' | 'Prefix'; svc: string }
function ingressYaml(name: string, rules: { host?: string; paths: PathRow[] }[], extra: { annotations?: Record<string, string>; defaultBackend?: string; noClass?: boolean } = {}): string {
  const ann = extra.annotations ? `\n  annotations:\n${Object.entries(extra.annotations).map(([k, v]) => `    ${k}: "${v}"`).join('\n')}` : ''
  const cls = extra.noClass ? '' : '\n  ingressClassName: nginx'
  const db = extra.defaultBackend ? `\n  defaultBackend:\n    service:\n      name: ${extra.defaultBackend}\n      port:\n        number: 80` : ''
  const rulesYaml = rules.length === 0 ? '' : `\n  rules:\n${rules.map((r) => `  - ${r.host ? `host: "${r.host}"\n    ` : ''}http:
      paths:
${r.paths.map((p) => `      - path: ${p.path}
        pathType: ${p.pathType}
        backend:
          service:
            name: ${p.svc}
            port:
              number: 80`).join('\n')}`).join('\n')}`
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}${ann}
spec:${cls}${db}${rulesYaml}`
}

const BACKENDS = docs(
  backend('s1', 's1', '10.96.101.1'),
  backend('s2', 's2', '10.96.101.2'),
  backend('s3', 's3', '10.96.101.3'),
  backend('s-empty', 'nothing', '10.96.101.4'),
  pod('s1-a', W1.name, '10.244.1.201', { app: 's1' }),
  pod('s2-a', W2.name, '10.244.2.202', { app: 's2' }),
  pod('s3-a', W2.name, '10.244.2.203', { app: 's3' }),
  client,
)
const TO_POD: Record<string, string> = { s1: 's1-a', s2: 's2-a', s3: 's3-a' }

/** k8s-semantics.md §6.2 docs table, one host per row, plus §6.3 host matching. */
const PATH_TABLE: { name: string; host: string; paths: PathRow[]; requests: [string, string][] }[] = [
  { name: 'Prefix / matches any path', host: 'r1.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 's1' }], requests: [['/anything', 's1'], ['/', 's1']] },
  { name: 'Exact /foo', host: 'r2.example.com', paths: [{ path: '/foo', pathType: 'Exact', svc: 's1' }], requests: [['/foo', 's1'], ['/bar', '404'], ['/foo/', '404']] },
  { name: 'Exact /foo/', host: 'r3.example.com', paths: [{ path: '/foo/', pathType: 'Exact', svc: 's1' }], requests: [['/foo', '404'], ['/foo/', 's1']] },
  { name: 'Prefix /foo', host: 'r4.example.com', paths: [{ path: '/foo', pathType: 'Prefix', svc: 's1' }], requests: [['/foo', 's1'], ['/foo/', 's1']] },
  { name: 'Prefix /foo/', host: 'r5.example.com', paths: [{ path: '/foo/', pathType: 'Prefix', svc: 's1' }], requests: [['/foo', 's1'], ['/foo/', 's1']] },
  { name: 'Prefix /aaa/bb', host: 'r6.example.com', paths: [{ path: '/aaa/bb', pathType: 'Prefix', svc: 's1' }], requests: [['/aaa/bbb', '404']] },
  { name: 'Prefix /aaa/bbb', host: 'r7.example.com', paths: [{ path: '/aaa/bbb', pathType: 'Prefix', svc: 's1' }], requests: [['/aaa/bbb', 's1'], ['/aaa/bbb/', 's1'], ['/aaa/bbb/ccc', 's1'], ['/aaa/bbbxyz', '404']] },
  { name: 'Prefix /aaa/bbb/', host: 'r8.example.com', paths: [{ path: '/aaa/bbb/', pathType: 'Prefix', svc: 's1' }], requests: [['/aaa/bbb', 's1']] },
  { name: 'Prefix /, /aaa', host: 'r9.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 's1' }, { path: '/aaa', pathType: 'Prefix', svc: 's2' }], requests: [['/aaa/ccc', 's2']] },
  {
    name: 'Prefix /, /aaa, /aaa/bbb', host: 'r10.example.com',
    paths: [{ path: '/', pathType: 'Prefix', svc: 's1' }, { path: '/aaa', pathType: 'Prefix', svc: 's2' }, { path: '/aaa/bbb', pathType: 'Prefix', svc: 's3' }],
    requests: [['/aaa/bbb', 's3'], ['/ccc', 's1'], ['/aaa/x', 's2']],
  },
  { name: 'Prefix /aaa only', host: 'r11.example.com', paths: [{ path: '/aaa', pathType: 'Prefix', svc: 's1' }], requests: [['/ccc', '404']] },
  {
    name: 'Prefix /foo + Exact /foo: Exact wins the tie', host: 'r12.example.com',
    paths: [{ path: '/foo', pathType: 'Prefix', svc: 's1' }, { path: '/foo', pathType: 'Exact', svc: 's2' }],
    requests: [['/foo', 's2'], ['/foo/bar', 's1']],
  },
  { name: 'wildcard *.foo.com is one label', host: '*.foo.com', paths: [{ path: '/', pathType: 'Prefix', svc: 's1' }], requests: [] },
  { name: 'exact host beats wildcard', host: 'a.w.com', paths: [{ path: '/', pathType: 'Prefix', svc: 's2' }], requests: [] },
  { name: 'wildcard *.w.com', host: '*.w.com', paths: [{ path: '/', pathType: 'Prefix', svc: 's1' }], requests: [] },
  { name: 'backend without endpoints', host: 'empty.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 's-empty' }], requests: [] },
]
const INGRESS = docs(BACKENDS, ...PATH_TABLE.map((r, i) => ingressYaml(`ing${i + 1}`, [{ host: r.host, paths: r.paths }])))

function controllerOf(s: Simulation): { name: string; ip: string; lbIP: string } {
  const p = s.pods.find((x) => x.namespace === 'ingress-nginx')
  const svc = s.services.find((x) => x.namespace === 'ingress-nginx' && x.name === 'ingress-nginx-controller')
  expect(p, 'the built-in ingress-nginx controller pod').toBeDefined()
  expect(svc?.type).toBe('LoadBalancer')
  return { name: p!.name, ip: p!.ip, lbIP: svc!.loadBalancerIngress[0] }
}

function expectIngressResult(s: Simulation, t: Trace, expected: string, ingress?: string): void {
  const ctl = controllerOf(s)
  if (expected === '404') {
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'HTTP_404' })
    return
  }
  if (expected === '503') {
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'HTTP_503' })
    return
  }
  const podName = TO_POD[expected]
  const p = s.pods.find((x) => x.name === podName)!
  expect(t.outcome).toEqual({ status: 'delivered', pod: podName, namespace: 'default', ip: p.ip, port: 8080, sourceIP: ctl.ip })
  const ing = only(t, 'ingress')
  if (ingress) expect(ing.at).toBe(`ingress/default/${ingress}`)
  // Straight to the endpoint: the controller's connection is addressed to podIP:8080 and never DNATed.
  const after = t.steps.slice(t.steps.indexOf(ing) + 1)
  expect(after.some((x) => x.kind === 'dnat')).toBe(false)
  const send = after.find((x) => x.kind === 'send')!
  expect(send.at).toBe(`pod/ingress-nginx/${ctl.name}`)
  expect(send.packet?.dst).toBe(`${p.ip}:8080`)
  expect(ipOf(send.packet!.src)).toBe(ctl.ip)
}

describe('Ingress (L7): host/path matching, default backend, 404/503, cookie affinity (§6)', () => {
  it('the built-in ingress-nginx controller runs in ingress-nginx behind a LoadBalancer Service; Ingresses get its address', () => {
    const s = build(INGRESS)
    const ctl = controllerOf(s)
    expect(ctl.lbIP).toMatch(/^192\.168\.49\.(2[0-4][0-9]|250)$/)
    for (const ing of s.ingresses) expect(ing.addresses).toEqual([ctl.lbIP])
  })

  it('external, URL host = a rule host: DNS gives the controller address; the backend pod sees the controller pod IP', () => {
    const s = build(INGRESS)
    const ctl = controllerOf(s)
    const t = s.request({ from: 'external', url: 'http://r1.example.com/x' })
    const dns = only(t, 'dns')
    expect(dns.at).toBe('external')
    expect(t.steps.find((x) => x.kind === 'send')!.packet?.dst).toBe(`${ctl.lbIP}:80`)
    expect(t.steps.find((x) => x.kind === 'loadbalancer')!.at).toBe('loadbalancer/ingress-nginx/ingress-nginx-controller')
    expectIngressResult(s, t, 's1', 'ing1')
  })

  it('headers.Host overrides the URL host', () => {
    const s = build(INGRESS)
    const t = s.request({ from: 'external', url: 'http://r1.example.com/aaa/ccc', headers: { Host: 'r9.example.com' } })
    expectIngressResult(s, t, 's2', 'ing9')
  })

  it('from a pod through the controller Service, with a Host header', () => {
    const s = build(INGRESS)
    const t = s.request({ from: 'pod/client', url: 'http://ingress-nginx-controller.ingress-nginx/foo', headers: { Host: 'r12.example.com' } })
    expectIngressResult(s, t, 's2', 'ing12')
  })

  const rows = PATH_TABLE.flatMap((r, i) => r.requests.map(([path, want]) => ({ label: `${r.name}: ${path} → ${want}`, host: r.host, path, want, ing: `ing${i + 1}` })))
  it.each(rows)('§6.2 $label', ({ host, path, want, ing }) => {
    const s = build(INGRESS)
    const ctl = controllerOf(s)
    const t = s.request({ from: 'external', url: `http://${ctl.lbIP}${path}`, headers: { Host: host } })
    expectIngressResult(s, t, want, want === '404' ? undefined : ing)
  })

  it.each([
    ['bar.foo.com', 's1'],
    ['baz.bar.foo.com', '404'],
    ['foo.com', '404'],
    ['a.w.com', 's2'],
    ['b.w.com', 's1'],
    ['unknown.example.com', '404'],
  ])('§6.3 Host %s → %s', (host, want) => {
    const s = build(INGRESS)
    const ctl = controllerOf(s)
    const t = s.request({ from: 'external', url: `http://${ctl.lbIP}/`, headers: { Host: host } })
    expectIngressResult(s, t, want)
  })

  it('https (port 443) reaches the controller too and is routed the same way', () => {
    const s = build(INGRESS)
    expectIngressResult(s, s.request({ from: 'external', url: 'https://r1.example.com/x' }), 's1', 'ing1')
  })

  it('from external, a name that is no Ingress host does not resolve (cluster names exist only inside)', () => {
    const s = build(INGRESS)
    expect(s.request({ from: 'external', url: 'http://s1.default.svc.cluster.local/' }).outcome).toMatchObject({ status: 'failed', reason: 'NXDOMAIN' })
  })

  it('a backend Service without endpoints: HTTP_503', () => {
    const s = build(INGRESS)
    const t = s.request({ from: 'external', url: 'http://empty.example.com/' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'HTTP_503' })
  })

  it('a backend whose only pod is unready: HTTP_503 (ingress-nginx skips not-ready endpoints)', () => {
    const s = build(INGRESS).apply({ type: 'setReady', pod: 's1-a', ready: false })
    const t = s.request({ from: 'external', url: 'http://r1.example.com/' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'HTTP_503' })
  })

  it('spec.defaultBackend takes what no rule matches; a rule without host takes every Host', () => {
    const s = build(docs(BACKENDS,
      ingressYaml('with-default', [{ host: 'd.example.com', paths: [{ path: '/aaa', pathType: 'Prefix', svc: 's1' }] }], { defaultBackend: 's3' }),
    ))
    const ctl = controllerOf(s)
    expectIngressResult(s, s.request({ from: 'external', url: `http://${ctl.lbIP}/aaa`, headers: { Host: 'd.example.com' } }), 's1', 'with-default')
    expectIngressResult(s, s.request({ from: 'external', url: `http://${ctl.lbIP}/ccc`, headers: { Host: 'd.example.com' } }), 's3', 'with-default')
    expectIngressResult(s, s.request({ from: 'external', url: `http://${ctl.lbIP}/`, headers: { Host: 'other.example.com' } }), 's3', 'with-default')

    const s2 = build(docs(BACKENDS, ingressYaml('no-host', [{ paths: [{ path: '/', pathType: 'Prefix', svc: 's2' }] }])))
    const ctl2 = controllerOf(s2)
    expectIngressResult(s2, s2.request({ from: 'external', url: `http://${ctl2.lbIP}/x`, headers: { Host: 'anything.example.org' } }), 's2', 'no-host')
  })

  it('an Ingress without ingressClassName is served by the default class (KIA-style)', () => {
    const s = build(docs(BACKENDS, ingressYaml('classless', [{ host: 'kubia.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 's1' }] }], { noClass: true })))
    expectIngressResult(s, s.request({ from: 'external', url: 'http://kubia.example.com/' }), 's1', 'classless')
  })

  const STICKY = docs(
    backend('sticky', 'st', '10.96.101.10'),
    `apiVersion: v1
kind: Service
metadata:
  name: clientip
spec:
  clusterIP: 10.96.101.11
  sessionAffinity: ClientIP
  selector:
    app: st
  ports:
  - port: 80
    targetPort: 8080`,
    pod('st-a', W1.name, '10.244.1.210', { app: 'st' }),
    pod('st-b', W2.name, '10.244.2.210', { app: 'st' }),
    pod('st-c', W2.name, '10.244.2.211', { app: 'st' }),
    ingressYaml('cookie', [{ host: 'sticky.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'sticky' }] }], { annotations: { 'nginx.ingress.kubernetes.io/affinity': 'cookie' } }),
    ingressYaml('plain', [{ host: 'plain.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'sticky' }] }]),
    ingressYaml('bypass', [{ host: 'bypass.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'clientip' }] }]),
  )

  it('cookie affinity: the Set-Cookie value sent back as headers.Cookie pins the endpoint', () => {
    const s = build(STICKY)
    const first = s.request({ from: 'external', url: 'http://sticky.example.com/' })
    expect(first.outcome.status).toBe('delivered')
    const text = only(first, 'ingress').text
    const m = /INGRESSCOOKIE=([^\s;,)]+)/.exec(text)
    expect(m, `a Set-Cookie INGRESSCOOKIE in: ${text}`).not.toBeNull()
    const cookie = `INGRESSCOOKIE=${m![1]}`
    for (let i = 0; i < 10; i++) {
      const t = s.request({ from: 'external', url: 'http://sticky.example.com/', headers: { Cookie: cookie } })
      expect(deliveredPod(t)).toBe(deliveredPod(first))
    }
    // Without the cookie the requests are balanced again.
    const spread = new Set(Array.from({ length: 9 }, () => deliveredPod(s.request({ from: 'external', url: 'http://sticky.example.com/' }))))
    expect(spread.size).toBeGreaterThan(1)
  })

  it('session-cookie-name renames the affinity cookie', () => {
    const s = build(docs(STICKY, ingressYaml('named-cookie', [{ host: 'named.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'sticky' }] }], {
      annotations: { 'nginx.ingress.kubernetes.io/affinity': 'cookie', 'nginx.ingress.kubernetes.io/session-cookie-name': 'route' },
    })))
    const first = s.request({ from: 'external', url: 'http://named.example.com/' })
    const m = /\broute=([^\s;,)]+)/.exec(only(first, 'ingress').text)
    expect(m).not.toBeNull()
    for (let i = 0; i < 5; i++) {
      expect(deliveredPod(s.request({ from: 'external', url: 'http://named.example.com/', headers: { Cookie: `route=${m![1]}` } }))).toBe(deliveredPod(first))
    }
  })

  it('service-upstream: "true" sends the controller\'s connection to the ClusterIP, where kube-proxy DNATs it (§6.5)', () => {
    const s = build(docs(STICKY, ingressYaml('via-svc', [{ host: 'via.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'sticky' }] }], {
      annotations: { 'nginx.ingress.kubernetes.io/service-upstream': 'true' },
    })))
    const t = s.request({ from: 'external', url: 'http://via.example.com/' })
    expect(t.outcome.status).toBe('delivered')
    const ing = only(t, 'ingress')
    const after = t.steps.slice(t.steps.indexOf(ing) + 1)
    expect(after.find((x) => x.kind === 'send')?.packet?.dst).toBe('10.96.101.10:80')
    expect(after.some((x) => x.kind === 'dnat')).toBe(true)
  })

  it('an ExternalName Service as backend: the controller proxies to the external name (§6.5) → left-cluster', () => {
    const s = build(docs(STICKY, `apiVersion: v1
kind: Service
metadata:
  name: ext
spec:
  type: ExternalName
  externalName: api.somecompany.com
  ports:
  - port: 80`, ingressYaml('to-ext', [{ host: 'ext.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'ext' }] }])))
    const t = s.request({ from: 'external', url: 'http://ext.example.com/' })
    expect(t.outcome).toMatchObject({ status: 'left-cluster', host: 'api.somecompany.com', port: 80 })
  })

  it('default balancing is round robin over the ready endpoints (§6.5): 6 requests → each of 3 pods twice', () => {
    const s = build(STICKY)
    const counts: Record<string, number> = {}
    for (let i = 0; i < 6; i++) {
      const p = deliveredPod(s.request({ from: 'external', url: 'http://plain.example.com/' }))
      counts[p] = (counts[p] ?? 0) + 1
    }
    expect(counts).toEqual({ 'st-a': 2, 'st-b': 2, 'st-c': 2 })
  })

  it('the Service\'s ClientIP affinity is bypassed by the ingress (it goes to endpoints, not the ClusterIP)', () => {
    const s = build(STICKY)
    const seen = new Set(Array.from({ length: 6 }, () => deliveredPod(s.request({ from: 'external', url: 'http://bypass.example.com/' }))))
    expect(seen.size).toBe(3)
  })
})

describe('readiness: an unready pod gets no new connections through any path (§8)', () => {
  const YAML = docs(
    `apiVersion: v1
kind: Service
metadata:
  name: rd
spec:
  type: NodePort
  clusterIP: 10.96.102.1
  selector:
    app: rd
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30100`,
    `apiVersion: v1
kind: Service
metadata:
  name: rd-hl
spec:
  clusterIP: None
  selector:
    app: rd
  ports:
  - port: 8080`,
    pod('rd-a', W1.name, '10.244.1.150', { app: 'rd' }),
    pod('rd-b', W2.name, '10.244.2.150', { app: 'rd' }),
    pod('rd-c', W2.name, '10.244.2.151', { app: 'rd' }),
    ingressYaml('rd', [{ host: 'rd.example.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'rd' }] }]),
    client,
  )
  const unready = (): Simulation => build(YAML).apply({ type: 'setReady', pod: 'rd-b', ready: false })

  it('the unready pod leaves the Endpoints and the rules (2 endpoints left: p = 0.5)', () => {
    const s = unready()
    expect(s.pods.find((p) => p.name === 'rd-b')!.ready).toBe(false)
    const nat = tableLines(s.iptablesSave(W1.name), 'nat')
    expect(nat.some((l) => l.includes('10.244.2.150'))).toBe(false)
    expect(nat).toContain(pickLine(svcChain('default/rd'), 'default/rd', '10.244.1.150:8080', 0, 2))
  })

  it.each([
    ['ClusterIP from a pod', { from: 'pod/client', url: 'http://rd' }],
    ['NodePort from external', { from: 'external', url: `http://${W2.ip}:30100` }],
    ['headless DNS from a pod', { from: 'pod/client', url: 'http://rd-hl:8080' }],
    ['Ingress', { from: 'external', url: 'http://rd.example.com/' }],
  ] as [string, RequestSpec][])('%s: 40 requests never reach rd-b, both ready pods do', (_label, req) => {
    const s = unready()
    const seen = new Set(Array.from({ length: 40 }, () => deliveredPod(s.request(req))))
    expect([...seen].sort()).toEqual(['rd-a', 'rd-c'])
  })

  it('every pod unready: ClusterIP REJECT → CONNECTION_REFUSED', () => {
    const s = build(YAML)
      .apply({ type: 'setReady', pod: 'rd-a', ready: false })
      .apply({ type: 'setReady', pod: 'rd-b', ready: false })
      .apply({ type: 'setReady', pod: 'rd-c', ready: false })
    const t = s.request({ from: 'pod/client', url: 'http://rd' })
    expect(t.outcome).toMatchObject({ status: 'failed', reason: 'CONNECTION_REFUSED' })
    expect(only(t, 'reject').rule).toBe(rejectClusterIPLine('default/rd', '10.96.102.1', 80))
  })

  it('readiness is about Services only: the unready pod still answers on its own IP', () => {
    const s = unready()
    const t = s.request({ from: 'pod/client', url: 'http://10.244.2.150:8080' })
    expect(t.outcome).toMatchObject({ status: 'delivered', pod: 'rd-b', sourceIP: '10.244.1.5' })
  })

  it('publishNotReadyAddresses: true keeps the unready pod in the rules (§8)', () => {
    const s = build(docs(YAML, `apiVersion: v1
kind: Service
metadata:
  name: rd-pna
spec:
  clusterIP: 10.96.102.2
  publishNotReadyAddresses: true
  selector:
    app: rd
  ports:
  - port: 80
    targetPort: 8080`)).apply({ type: 'setReady', pod: 'rd-b', ready: false })
    const seen = new Set(Array.from({ length: 40 }, () => deliveredPod(s.request({ from: 'pod/client', url: 'http://rd-pna' }))))
    expect([...seen].sort()).toEqual(['rd-a', 'rd-b', 'rd-c'])
  })

  it('setReady true brings it back', () => {
    const s = unready().apply({ type: 'setReady', pod: 'rd-b', ready: true })
    const seen = new Set(Array.from({ length: 40 }, () => deliveredPod(s.request({ from: 'pod/client', url: 'http://rd' }))))
    expect([...seen].sort()).toEqual(['rd-a', 'rd-b', 'rd-c'])
  })
})
