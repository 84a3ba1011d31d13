/**
 * Seeded random clusters for the kernel test: 2-4 nodes (sometimes a tainted
 * control-plane node, which brings CoreDNS and the API server there), a client
 * pod pinned to each node, 1-3 Deployments (0-4 replicas, 1-2 named ports,
 * sometimes restricted to some nodes by a nodeSelector, sometimes in another
 * namespace), 1-2 Services per Deployment (ClusterIP, NodePort, LoadBalancer
 * with a MetalLB pool, headless; ETP Cluster/Local; ClientIP affinity; targetPort
 * by number, by name, or a port nobody listens on), and sometimes pods marked
 * not ready with `setReady`. Each cluster comes with its requests, planned from
 * the engine's view of it.
 */
import { createSimulation, type Action, type ServiceInfo, type Simulation } from '../src/engine'
import type { Probe } from './check'
import type { DnsProbe } from './dns'
import type { Scenario } from './scenarios'

/** mulberry32: a small seeded PRNG (the test's own; the engine has its own seed). */
export class Rng {
  private s: number
  constructor(seed: number) { this.s = seed >>> 0 }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0
    let t = this.s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(n: number): number { return Math.floor(this.next() * n) }
  bool(p: number): boolean { return this.next() < p }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)] }
  weighted<T>(xs: readonly [T, number][]): T {
    const total = xs.reduce((s, [, w]) => s + w, 0)
    let r = this.next() * total
    for (const [x, w] of xs) { if ((r -= w) < 0) return x }
    return xs[xs.length - 1][0]
  }
  shuffle<T>(xs: T[]): T[] {
    const a = xs.slice()
    for (let i = a.length - 1; i > 0; i--) { const j = this.int(i + 1); [a[i], a[j]] = [a[j], a[i]] }
    return a
  }
}

type SvcKind = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'headless'

interface GenService {
  name: string
  namespace: string
  kind: SvcKind
  etp?: 'Cluster' | 'Local'
  affinity: boolean
  ports: { name: string; port: number; targetPort: string | number }[]
  deployment: string
}

const NODE_NAMES = ['node-a', 'node-b', 'node-c', 'node-d']
const CONTAINER_PORTS = [8080, 3000, 5000, 9000, 8443]
const SERVICE_PORTS = [80, 8000, 443, 9090, 7070]
const NOT_LISTENING = 9999

export interface GenOptions {
  /** Plan a 200-connection spread probe in this cluster (when it has a 2-4 endpoint Service). */
  spread: boolean
  /** Also look the Services up through kube-dns from a client pod. */
  dns: boolean
}

export function generateCluster(index: number, opts: GenOptions): Scenario {
  const seed = (0x5eed0000 + index * 7919) >>> 0
  const rng = new Rng(seed)
  const nodeCount = 2 + rng.int(3)
  const nodeNames = NODE_NAMES.slice(0, nodeCount)
  const controlPlane = nodeCount >= 3 && rng.bool(0.35)
  const zoned = new Set(nodeNames.filter((_n, i) => !(controlPlane && i === 0) && rng.bool(0.5)))
  const docs: string[] = []
  for (const [i, name] of nodeNames.entries()) {
    const labels: Record<string, string> = {}
    if (zoned.has(name)) labels.zone = 'z1'
    const cp = controlPlane && i === 0
    if (cp) {
      labels['node-role.kubernetes.io/control-plane'] = ''
      labels['node.kubernetes.io/exclude-from-external-load-balancers'] = ''
    }
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels)}
${cp ? 'spec:\n  taints:\n  - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}\n' : ''}`)
  }
  for (const name of nodeNames) {
    docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: client-${name.slice(5)}
  labels: {role: client}
spec:
  nodeName: ${name}
  containers:
  - name: client
    image: curlimages/curl
    command: ["sleep", "infinity"]
`)
  }
  const useNs2 = rng.bool(0.3)
  if (useNs2) docs.push('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n')

  const deployCount = 1 + rng.int(3)
  const services: GenService[] = []
  let svcSeq = 0
  for (let d = 0; d < deployCount; d++) {
    const name = `app${d}`
    const namespace = useNs2 && d === deployCount - 1 ? 'team' : 'default'
    const replicas = rng.int(5)
    const ports = rng.shuffle(CONTAINER_PORTS).slice(0, 1 + rng.int(2))
    const portNames = ['http', 'alt']
    const selectorZone = zoned.size > 0 && zoned.size < nodeCount && rng.bool(0.4)
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${selectorZone ? '      nodeSelector: {zone: z1}\n' : ''}      containers:
      - name: app
        image: example/app:1
        ports:
${ports.map((p, i) => `        - name: ${portNames[i]}\n          containerPort: ${p}\n`).join('')}`)
    const svcCount = 1 + (rng.bool(0.4) ? 1 : 0)
    for (let k = 0; k < svcCount; k++) {
      const kind = rng.weighted<SvcKind>([['ClusterIP', 3], ['NodePort', 3], ['LoadBalancer', 2], ['headless', 1]])
      const etp = kind === 'NodePort' || kind === 'LoadBalancer' ? rng.pick(['Cluster', 'Local'] as const) : undefined
      const affinity = kind !== 'headless' && rng.bool(0.25)
      const spCount = 1 + (rng.bool(0.3) ? 1 : 0)
      const sps = rng.shuffle(SERVICE_PORTS).slice(0, spCount).map((port, i) => {
        const choice = rng.weighted<'name' | 'number' | 'none'>([['name', 4], ['number', 4], ['none', 1]])
        const ci = rng.int(ports.length)
        const targetPort: string | number = choice === 'name' ? portNames[ci] : choice === 'number' ? ports[ci] : NOT_LISTENING
        return { name: `p${i}`, port: kind === 'headless' ? ports[ci] : port, targetPort: kind === 'headless' ? ports[ci] : targetPort }
      })
      const uniq = sps.filter((p, i) => sps.findIndex((q) => q.port === p.port) === i)
      services.push({ name: `s${svcSeq++}`, namespace, kind, etp, affinity, ports: uniq, deployment: name })
    }
  }
  for (const s of services) {
    const type = s.kind === 'headless' ? 'ClusterIP' : s.kind
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${s.name}
  namespace: ${s.namespace}
spec:
  type: ${type}
${s.kind === 'headless' ? '  clusterIP: None\n' : ''}${s.etp ? `  externalTrafficPolicy: ${s.etp}\n` : ''}${s.affinity ? '  sessionAffinity: ClientIP\n' : ''}  selector: {app: ${s.deployment}}
  ports:
${s.ports.map((p) => `  - name: ${p.name}\n    port: ${p.port}\n    targetPort: ${typeof p.targetPort === 'number' ? p.targetPort : p.targetPort}\n`).join('')}`)
  }
  if (services.some((s) => s.kind === 'LoadBalancer')) {
    docs.push(`apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata:
  name: pool
  namespace: metallb-system
spec:
  addresses: ["192.168.49.240-192.168.49.250"]
`)
  }
  const yaml = docs.join('---\n')

  // Readiness toggles: pick app pods from a first build of the cluster.
  const actions: Action[] = []
  const first = createSimulation(yaml, { seed })
  const appPods = first.pods.filter((p) => /^app\d/.test(p.name) && p.phase === 'Running')
  if (appPods.length > 0 && rng.bool(0.5)) {
    const toggled = rng.shuffle(appPods).slice(0, 1 + (rng.bool(0.3) ? 1 : 0))
    for (const p of toggled) actions.push({ type: 'setReady', pod: p.name, namespace: p.namespace, ready: false })
    if (toggled.length === 2 && rng.bool(0.5)) actions.push({ type: 'setReady', pod: toggled[1].name, namespace: toggled[1].namespace, ready: true })
  }

  const summary = `${nodeCount} nodes${controlPlane ? ' (control plane)' : ''}, ${deployCount} deployments, services: ${services.map((s) => `${s.name} ${s.kind}${s.etp ? `/${s.etp}` : ''}${s.affinity ? '/ClientIP' : ''}`).join(', ')}${actions.length ? `, ${actions.length} readiness toggles` : ''}`
  return {
    name: `generated #${index} (seed ${seed.toString(16)}): ${summary}`,
    kind: 'generated',
    yaml,
    seed,
    actions,
    probes: (sim) => planProbes(sim, new Rng(seed ^ 0xa5a5a5a5), services, opts),
    ...(opts.dns ? { dns: (sim: Simulation) => planDns(sim, services) } : {}),
  }
}

/**
 * The requests for a generated cluster, bounded: per Service a handful of
 * requests from pods, nodes and the external client to each way in (ClusterIP,
 * NodePort on every node and via 127.0.0.1, LB address), a port the Service does
 * not expose, the pods of headless Services; ClientIP-affinity Services get
 * sequential affinity probes only; at most one 200-connection spread probe.
 */
function planProbes(sim: Simulation, rng: Rng, gen: GenService[], opts: GenOptions): Probe[] {
  const out: Probe[] = []
  const clients = sim.pods.filter((p) => p.name.startsWith('client-') && p.phase === 'Running')
  const nodes = sim.nodes
  let svc: Probe['svc']
  const p = (what: string, from: string, host: string, port: number, count: number, mode: Probe['mode'] = 'each'): void => {
    out.push({ what, from, host, port, count, mode, ...(mode === 'affinity' && svc ? { svc } : {}) })
  }
  const client = () => rng.pick(clients)
  const fromClient = (c: { name: string }) => `pod/default/${c.name}`
  let spreadLeft = opts.spread ? 1 : 0

  for (const g of gen) {
    const s = sim.services.find((x) => x.name === g.name && x.namespace === g.namespace) as ServiceInfo
    if (g.kind === 'headless') {
      const selected = sim.pods.filter((x) => x.namespace === g.namespace && x.labels.app === g.deployment && x.phase === 'Running' && x.ip)
      for (const pod of rng.shuffle(selected).slice(0, 3)) {
        const port = g.ports[0].port
        const c = client()
        p(`headless ${g.name}: pod ${pod.name} (${pod.ready ? 'ready' : 'not ready'}) directly`, fromClient(c), pod.ip, port, 2)
      }
      continue
    }
    const ready = sim.endpoints(g.name, g.namespace).ready
    svc = { name: g.name, namespace: g.namespace, port: s.ports[0].port }
    const aff = g.affinity
    const mode = aff ? 'affinity' : 'each'
    const tag = `${g.name} (${g.kind}${g.etp ? ` ETP ${g.etp}` : ''}${aff ? ', ClientIP' : ''}, ${ready.length} ready endpoints)`
    for (const [i, sp] of s.ports.entries()) {
      svc = { name: g.name, namespace: g.namespace, port: sp.port }
      const c = client()
      const eps = ready.filter((e) => e.portName === sp.name)
      if (!aff && spreadLeft > 0 && i === 0 && eps.length >= 2 && eps.length <= 4 && new Set(eps.map((e) => e.ip)).size === eps.length) {
        spreadLeft--
        p(`${tag} ClusterIP port ${sp.port}: spread`, fromClient(c), s.clusterIP, sp.port, 200, 'spread')
      } else {
        p(`${tag} ClusterIP port ${sp.port} from ${c.name}`, fromClient(c), s.clusterIP, sp.port, aff ? 6 : 3, mode)
      }
      if (i === 0) {
        const n = rng.pick(nodes)
        p(`${tag} ClusterIP from ${n.name}`, `node/${n.name}`, s.clusterIP, sp.port, aff ? 5 : 3, mode)
      }
    }
    svc = { name: g.name, namespace: g.namespace, port: s.ports[0].port }
    const unused = Math.max(...s.ports.map((x) => x.port)) + 1
    p(`${tag} ClusterIP port ${unused}, not exposed`, fromClient(client()), s.clusterIP, unused, 1)

    const np = s.ports[0].nodePort
    if (np) {
      if (aff) {
        const n = rng.pick(nodes)
        p(`${tag} NodePort from outside via ${n.name}`, 'external', n.ip, np, 6, 'affinity')
      } else {
        for (const n of nodes) p(`${tag} NodePort from outside via ${n.name}`, 'external', n.ip, np, 3)
        const n = rng.pick(nodes)
        p(`${tag} NodePort from ${n.name} to its own IP`, `node/${n.name}`, n.ip, np, 2)
        p(`${tag} NodePort from ${n.name} to 127.0.0.1`, `node/${n.name}`, '127.0.0.1', np, 2)
        const c = client()
        const own = nodes.find((x) => x.name === c.node)!
        const other = rng.pick(nodes.filter((x) => x !== own))
        p(`${tag} NodePort from ${c.name} to its own node`, fromClient(c), own.ip, np, 2)
        p(`${tag} NodePort from ${c.name} to ${other.name}`, fromClient(c), other.ip, np, 2)
      }
    }
    const lb = s.loadBalancerIngress[0]
    if (lb) {
      const port = s.ports[0].port
      if (aff) {
        p(`${tag} LB ${lb} from outside`, 'external', lb, port, 6, 'affinity')
      } else {
        p(`${tag} LB ${lb} from outside`, 'external', lb, port, 4)
        const c = client()
        p(`${tag} LB ${lb} from ${c.name}`, fromClient(c), lb, port, 2)
        const n = rng.pick(nodes)
        p(`${tag} LB ${lb} from ${n.name}`, `node/${n.name}`, lb, port, 2)
      }
    }
  }
  svc = undefined
  // Cluster-wide: the kubernetes Service (API server on a control-plane node, or no endpoints),
  // an unused node port, a pod IP from outside.
  p('kubernetes Service 10.96.0.1:443', fromClient(client()), '10.96.0.1', 443, 2)
  const used = new Set(sim.services.flatMap((x) => x.ports.map((q) => q.nodePort ?? 0)))
  let free = 31999
  while (used.has(free) && free > 30000) free--
  p('a node port no Service uses', 'external', rng.pick(nodes).ip, free, 1)
  const anyPod = sim.pods.find((x) => /^app\d/.test(x.name) && x.phase === 'Running' && x.ip && x.ports.length > 0)
  if (anyPod) p(`a pod IP (${anyPod.name}) from outside`, 'external', anyPod.ip, anyPod.ports[0].containerPort, 1)
  return out
}

/** Lookups from the first client pod: each Service by short name, name.namespace and FQDN, and a name nobody has. */
function planDns(sim: Simulation, gen: GenService[]): DnsProbe[] {
  const client = sim.pods.find((p) => p.name.startsWith('client-') && p.phase === 'Running')
  if (!client) return []
  const from = `pod/default/${client.name}`
  const out: DnsProbe[] = []
  for (const g of gen) {
    const names = [`${g.name}.${g.namespace}`, `${g.name}.${g.namespace}.svc.cluster.local`]
    names.unshift(g.name) // from the default namespace: found only when the Service is in default
    for (const name of names) out.push({ what: `${name} (${g.kind})`, from, name })
  }
  out.push({ what: 'a name nobody has', from, name: 'no-such-service' })
  return out
}
