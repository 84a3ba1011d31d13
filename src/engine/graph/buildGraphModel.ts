/**
 * Simulation -> a plain graph with positions, in lanes that read left to
 * right: the outside world (the external client, load balancers), Ingresses,
 * Services (virtual, drawn dashed), then the nodes as boxes with their pods
 * inside. Edges: load balancer -> Service, Ingress -> backend Service,
 * Service -> the pods it sends traffic to (ready solid, not ready faded).
 * The layout is a pure function of the cluster ordered by stable keys, so
 * adding one pod only grows the box of the node it lands on. When a node
 * holds many pods of one controller, they are drawn as one group.
 */
import type { EndpointsView, IngressInfo, NodeInfo, PodInfo, ServiceInfo, Simulation } from '../api/types'

export type GraphNode =
  | { id: string; kind: 'external'; x: number; y: number; width: number; height: number; clientIP: string }
  | { id: string; kind: 'loadbalancer'; x: number; y: number; width: number; height: number; service: ServiceInfo }
  | { id: string; kind: 'ingress'; x: number; y: number; width: number; height: number; ingress: IngressInfo }
  | { id: string; kind: 'service'; x: number; y: number; width: number; height: number; service: ServiceInfo; endpointCount: { ready: number; notReady: number } }
  | { id: string; kind: 'node'; x: number; y: number; width: number; height: number; node: NodeInfo; podCount: number; nodePorts: number[]; proxyMode: string }
  | { id: string; kind: 'pod'; x: number; y: number; width: number; height: number; parent: string; pod: PodInfo }
  | { id: string; kind: 'podGroup'; x: number; y: number; width: number; height: number; parent: string; owner: string; pods: PodInfo[] }
  | { id: string; kind: 'pending'; x: number; y: number; width: number; height: number; pods: PodInfo[] }

export interface GraphEdge {
  id: string
  source: string
  target: string
  kind: 'endpoint' | 'loadbalancer' | 'ingress'
  ready: boolean
  /** True for the cluster's own Services (kubernetes, kube-dns): drawn faint. */
  system: boolean
  /** Ports the Service reaches the pod on, e.g. `8080`. */
  label: string
}

export interface GraphModel {
  nodes: GraphNode[]
  edges: GraphEdge[]
  /** Which graph element stands for a pod (the pod itself, or the group it is drawn in). */
  podElement: Record<string, string>
}

export const LAYOUT = {
  laneGap: 110,
  serviceWidth: 240,
  serviceHeight: 78,
  serviceGap: 18,
  outsideWidth: 200,
  outsideHeight: 70,
  ingressWidth: 220,
  ingressHeight: 78,
  nodeWidth: 256,
  nodeHeader: 96,
  nodePadding: 14,
  nodeGap: 40,
  podWidth: 228,
  podHeight: 66,
  podGap: 10,
  /** More pods than this of one controller on one node are drawn as a group. */
  groupThreshold: 6,
}

export const EXTERNAL_CLIENT_IP = '203.0.113.10'

export function serviceId(s: { namespace: string; name: string }): string {
  return `service/${s.namespace}/${s.name}`
}
export function podId(p: { namespace: string; name: string }): string {
  return `pod/${p.namespace}/${p.name}`
}
export function nodeId(n: { name: string }): string {
  return `node/${n.name}`
}

function byNamespaceName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)
}

type Input = Pick<Simulation, 'nodes' | 'pods' | 'services' | 'endpoints' | 'ingresses' | 'proxyMode'>

export function buildGraphModel(sim: Input): GraphModel {
  const nodes: GraphNode[] = []
  const edges: GraphEdge[] = []
  const podElement: Record<string, string> = {}
  const L = LAYOUT

  // Lane 1: the outside world.
  let x = 0
  nodes.push({ id: 'external', kind: 'external', x, y: 0, width: L.outsideWidth, height: L.outsideHeight, clientIP: EXTERNAL_CLIENT_IP })
  const lbs = sim.services.filter((s) => s.type === 'LoadBalancer').sort(byNamespaceName)
  lbs.forEach((s, i) => {
    const id = `loadbalancer/${s.namespace}/${s.name}`
    nodes.push({ id, kind: 'loadbalancer', x, y: (i + 1) * (L.outsideHeight + L.serviceGap) + 20, width: L.outsideWidth, height: L.outsideHeight, service: s })
    edges.push({ id: `lb/${id}`, source: id, target: serviceId(s), kind: 'loadbalancer', ready: s.externalIPs.length > 0, system: s.builtIn, label: '' })
  })
  x += L.outsideWidth + L.laneGap

  // Lane 2: Ingresses (only when there are any).
  const ingresses = sim.ingresses.slice().sort(byNamespaceName)
  if (ingresses.length > 0) {
    ingresses.forEach((ing, i) => {
      const id = `ingress/${ing.namespace}/${ing.name}`
      nodes.push({ id, kind: 'ingress', x, y: i * (L.ingressHeight + L.serviceGap), width: L.ingressWidth, height: L.ingressHeight, ingress: ing })
      const backends = new Set<string>()
      for (const r of ing.rules) for (const p of r.paths) if (p.backend.service) backends.add(p.backend.service.name)
      if (ing.defaultBackend?.service) backends.add(ing.defaultBackend.service.name)
      for (const b of [...backends].sort()) {
        const target = serviceId({ namespace: ing.namespace, name: b })
        if (sim.services.some((s) => serviceId(s) === target)) edges.push({ id: `ing/${id}->${target}`, source: id, target, kind: 'ingress', ready: true, system: false, label: '' })
      }
    })
    x += L.ingressWidth + L.laneGap
  }

  // Lane 3: Services, user Services first, the cluster's own after them.
  const services = sim.services.slice().sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || byNamespaceName(a, b))
  const views = new Map<string, EndpointsView>()
  services.forEach((s, i) => {
    const view = sim.endpoints(s.name, s.namespace)
    views.set(serviceId(s), view)
    nodes.push({
      id: serviceId(s), kind: 'service', x, y: i * (L.serviceHeight + L.serviceGap), width: L.serviceWidth, height: L.serviceHeight,
      service: s, endpointCount: { ready: new Set(view.ready.map((e) => e.ip)).size, notReady: new Set(view.notReady.map((e) => e.ip)).size },
    })
  })
  x += L.serviceWidth + L.laneGap

  // Lane 4: nodes, workers first (next to the Services), the control plane with CoreDNS last.
  const nodePorts = [...new Set(sim.services.flatMap((s) => s.ports.map((p) => p.nodePort).filter((n): n is number => !!n)))].sort((a, b) => a - b)
  const isControlPlane = (n: NodeInfo): number => Number(n.roles.includes('control-plane') || n.roles.includes('master'))
  const orderedNodes = sim.nodes.map((n, i) => ({ n, i })).sort((a, b) => isControlPlane(a.n) - isControlPlane(b.n) || a.i - b.i).map((v) => v.n)
  orderedNodes.forEach((n, i) => {
    const pods = sim.pods.filter((p) => p.node === n.name).sort((a, b) => a.createdSeq - b.createdSeq || byNamespaceName(a, b))
    // Group the pods of one controller when there are many of them on this node.
    const byOwner = new Map<string, PodInfo[]>()
    for (const p of pods) {
      const key = p.ownerName ? `${p.namespace}/${p.ownerKind}/${p.ownerName}` : `${p.namespace}/Pod/${p.name}`
      byOwner.set(key, [...(byOwner.get(key) ?? []), p])
    }
    const items: ({ kind: 'pod'; pod: PodInfo } | { kind: 'group'; owner: string; pods: PodInfo[] })[] = []
    const grouped = new Set<string>()
    for (const p of pods) {
      const key = p.ownerName ? `${p.namespace}/${p.ownerKind}/${p.ownerName}` : `${p.namespace}/Pod/${p.name}`
      const members = byOwner.get(key)!
      if (members.length > L.groupThreshold) {
        if (!grouped.has(key)) items.push({ kind: 'group', owner: key, pods: members })
        grouped.add(key)
      } else items.push({ kind: 'pod', pod: p })
    }
    const height = L.nodeHeader + L.nodePadding + items.length * (L.podHeight + L.podGap) + (items.length ? 0 : 24)
    const nx = x + i * (L.nodeWidth + L.nodeGap)
    nodes.push({ id: nodeId(n), kind: 'node', x: nx, y: 0, width: L.nodeWidth, height, node: n, podCount: pods.length, nodePorts, proxyMode: sim.proxyMode })
    items.forEach((item, j) => {
      const y = L.nodeHeader + j * (L.podHeight + L.podGap)
      if (item.kind === 'pod') {
        nodes.push({ id: podId(item.pod), kind: 'pod', parent: nodeId(n), pod: item.pod, x: L.nodePadding, y, width: L.podWidth, height: L.podHeight })
        podElement[podId(item.pod)] = podId(item.pod)
      } else {
        const id = `group/${n.name}/${item.owner}`
        nodes.push({ id, kind: 'podGroup', parent: nodeId(n), owner: item.owner, pods: item.pods, x: L.nodePadding, y, width: L.podWidth, height: L.podHeight })
        for (const p of item.pods) podElement[podId(p)] = id
      }
    })
  })
  const pending = sim.pods.filter((p) => !p.node)
  if (pending.length > 0) {
    nodes.push({
      id: 'pending', kind: 'pending', pods: pending,
      x: x + sim.nodes.length * (L.nodeWidth + L.nodeGap), y: 0, width: L.nodeWidth, height: 64 + pending.length * 22,
    })
  }

  // Endpoint edges: one per (Service, drawn pod or group), ready solid, not ready faded.
  for (const s of services) {
    const view = views.get(serviceId(s))!
    for (const [list, ready] of [[view.ready, true], [view.notReady, false]] as const) {
      const ports = new Map<string, Set<number>>()
      for (const ep of list) {
        if (!ep.pod) continue
        const target = podElement[podId({ namespace: s.namespace, name: ep.pod })]
        if (!target) continue
        const set = ports.get(target) ?? new Set<number>()
        if (ep.port) set.add(ep.port)
        ports.set(target, set)
      }
      for (const [target, set] of ports) {
        edges.push({ id: `ep/${serviceId(s)}->${target}${ready ? '' : '/not-ready'}`, source: serviceId(s), target, kind: 'endpoint', ready, system: s.builtIn, label: [...set].sort((a, b) => a - b).join(',') })
      }
    }
  }
  return { nodes, edges, podElement }
}

/** The graph element a trace step happens at (`coredns` is drawn as the kube-dns Service). */
export function elementForStep(model: GraphModel, at: string): string | undefined {
  if (at === 'coredns') return 'service/kube-system/kube-dns'
  if (at.startsWith('pod/')) return model.podElement[at]
  return model.nodes.some((n) => n.id === at) ? at : undefined
}
