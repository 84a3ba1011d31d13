/** Entry points for kube-proxy's view of the cluster, per node. */
import type { ClusterState } from '../cluster/state'
import { buildNodeRules, type NodeRules } from './iptables/buildRules'
import { iptablesSaveText } from './iptables/iptablesSave'
import { clusterCidr, proxyServicePorts } from './servicePorts'

export function nodeRules(state: ClusterState, node: string): NodeRules | undefined {
  if (!state.nodes.some((n) => n.name === node)) return undefined
  return buildNodeRules(proxyServicePorts(state), node, clusterCidr(state.nodes))
}

export function iptablesSave(state: ClusterState, node: string): string {
  const rules = nodeRules(state, node)
  if (!rules) return ''
  return iptablesSaveText([rules.filter, rules.nat])
}
