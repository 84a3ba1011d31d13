/**
 * MetalLB in L2 mode: which node answers ARP for a load balancer address.
 * Candidates are the ready nodes not excluded from external load balancers;
 * with externalTrafficPolicy Local only nodes with a ready local endpoint;
 * with no ready endpoint at all, nobody announces the address
 * (speaker/layer2_controller.go ShouldAnnounce). The election is a stable
 * hash of node and address, as MetalLB's is.
 */
import type { ClusterState, NodeState, ServiceState } from '../cluster/state'
import { fnv1a32 } from '../rng'

export const EXCLUDE_FROM_LB = 'node.kubernetes.io/exclude-from-external-load-balancers'

export function lbCandidateNodes(state: ClusterState, svc: ServiceState): NodeState[] {
  const view = state.endpoints.get(`${svc.obj.meta.namespace}/${svc.obj.meta.name}`)
  const ready = state.nodes.filter((n) => n.ready && !(EXCLUDE_FROM_LB in n.labels))
  if (svc.obj.externalTrafficPolicy !== 'Local') return ready
  const withLocal = new Set((view?.ready ?? []).map((e) => e.node).filter(Boolean))
  return ready.filter((n) => withLocal.has(n.name))
}

/** The node that announces `ip` for this Service, or undefined when none does. */
export function electedSpeaker(state: ClusterState, svc: ServiceState, ip: string): NodeState | undefined {
  const anyReady = (state.endpoints.get(`${svc.obj.meta.namespace}/${svc.obj.meta.name}`)?.ready.length ?? 0) > 0
  if (!anyReady) return undefined
  return lbCandidateNodes(state, svc).slice().sort((a, b) => fnv1a32(`${a.name}#${ip}`) - fnv1a32(`${b.name}#${ip}`))[0]
}
