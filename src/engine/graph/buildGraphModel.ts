/**
 * Simulation -> a plain graph with positions: Services on the left (virtual,
 * drawn dashed), the nodes as boxes with their pods inside, endpoint edges
 * from each Service to the pods it sends traffic to. The layout is a pure
 * function of the cluster, ordered by stable keys, so adding one pod only
 * grows the box of the node it lands on.
 */
import type { EndpointsView, NodeInfo, PodInfo, ServiceInfo, Simulation } from '../api/types'

export type GraphNode =
  | { id: string; kind: 'service'; x: number; y: number; width: number; height: number; service: ServiceInfo; endpointCount: { ready: number; notReady: number } }
  | { id: string; kind: 'node'; x: number; y: number; width: number; height: number; node: NodeInfo; podCount: number }
  | { id: string; kind: 'pod'; x: number; y: number; width: number; height: number; parent: string; pod: PodInfo }
  | { id: string; kind: 'pending'; x: number; y: number; width: number; height: number; pods: PodInfo[] }

export interface GraphEdge {
  id: string
  source: string
  target: string
  kind: 'endpoint'
  ready: boolean
  /** True for the cluster's own Services (kubernetes, kube-dns): drawn faint. */
  system: boolean
  /** Ports the Service reaches the pod on, e.g. `8080`. */
  label: string
}

export interface GraphModel {
  nodes: GraphNode[]
  edges: GraphEdge[]
}

export const LAYOUT = {
  serviceWidth: 240,
  serviceHeight: 78,
  serviceGap: 18,
  laneGap: 140,
  nodeWidth: 256,
  nodeHeader: 82,
  nodePadding: 14,
  nodeGap: 40,
  podWidth: 228,
  podHeight: 66,
  podGap: 10,
}

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

export function buildGraphModel(sim: Pick<Simulation, 'nodes' | 'pods' | 'services' | 'endpoints'>): GraphModel {
  const nodes: GraphNode[] = []
  const edges: GraphEdge[] = []
  const L = LAYOUT

  // Services lane: user Services first (by namespace, name), the cluster's own after them.
  const services = sim.services.slice().sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || byNamespaceName(a, b))
  const views = new Map<string, EndpointsView>()
  services.forEach((s, i) => {
    const view = sim.endpoints(s.name, s.namespace)
    views.set(serviceId(s), view)
    nodes.push({
      id: serviceId(s), kind: 'service', x: 0, y: i * (L.serviceHeight + L.serviceGap), width: L.serviceWidth, height: L.serviceHeight,
      service: s, endpointCount: { ready: new Set(view.ready.map((e) => e.ip)).size, notReady: new Set(view.notReady.map((e) => e.ip)).size },
    })
  })

  // Nodes lane: one box per node, pods inside in creation order; workers first
  // (next to the Services), the control plane with CoreDNS last.
  const nodesX = L.serviceWidth + L.laneGap
  const isControlPlane = (n: NodeInfo): number => Number(n.roles.includes('control-plane') || n.roles.includes('master'))
  const orderedNodes = sim.nodes.map((n, i) => ({ n, i })).sort((a, b) => isControlPlane(a.n) - isControlPlane(b.n) || a.i - b.i).map((x) => x.n)
  orderedNodes.forEach((n, i) => {
    const pods = sim.pods.filter((p) => p.node === n.name).sort((a, b) => a.createdSeq - b.createdSeq || byNamespaceName(a, b))
    const height = L.nodeHeader + L.nodePadding + pods.length * (L.podHeight + L.podGap) + (pods.length ? 0 : 24)
    const x = nodesX + i * (L.nodeWidth + L.nodeGap)
    nodes.push({ id: nodeId(n), kind: 'node', x, y: 0, width: L.nodeWidth, height, node: n, podCount: pods.length })
    pods.forEach((p, j) => {
      nodes.push({
        id: podId(p), kind: 'pod', parent: nodeId(n), pod: p,
        x: L.nodePadding, y: L.nodeHeader + j * (L.podHeight + L.podGap), width: L.podWidth, height: L.podHeight,
      })
    })
  })
  const pending = sim.pods.filter((p) => !p.node)
  if (pending.length > 0) {
    nodes.push({
      id: 'pending', kind: 'pending', pods: pending,
      x: nodesX + sim.nodes.length * (L.nodeWidth + L.nodeGap), y: 0, width: L.nodeWidth, height: L.nodeHeader + pending.length * 22,
    })
  }

  // Endpoint edges: one per (Service, pod), ready solid, not ready faded.
  const podIds = new Set(sim.pods.map((p) => podId(p)))
  for (const s of services) {
    const view = views.get(serviceId(s))!
    for (const [list, ready] of [[view.ready, true], [view.notReady, false]] as const) {
      const ports = new Map<string, Set<number>>()
      for (const ep of list) {
        if (!ep.pod) continue
        const target = podId({ namespace: s.namespace, name: ep.pod })
        if (!podIds.has(target)) continue
        const set = ports.get(target) ?? new Set<number>()
        if (ep.port) set.add(ep.port)
        ports.set(target, set)
      }
      for (const [target, set] of ports) {
        edges.push({ id: `ep/${serviceId(s)}->${target}`, source: serviceId(s), target, kind: 'endpoint', ready, system: s.builtIn, label: [...set].sort((a, b) => a - b).join(',') })
      }
    }
  }
  return { nodes, edges }
}
