import ClusterNode from './nodes/ClusterNode'
import { ExternalNode, IngressNode, LoadBalancerNode } from './nodes/OutsideNodes'
import PendingNode from './nodes/PendingNode'
import PodGroupNode from './nodes/PodGroupNode'
import PodNode from './nodes/PodNode'
import ServiceNode from './nodes/ServiceNode'
import PortEdge from './PortEdge'

/** Module-scope constant: React Flow must not see a new object on every render. */
export const nodeTypes = {
  service: ServiceNode,
  clusterNode: ClusterNode,
  pod: PodNode,
  podGroup: PodGroupNode,
  pending: PendingNode,
  external: ExternalNode,
  loadbalancer: LoadBalancerNode,
  ingress: IngressNode,
}

/** Edges: one type, with its port label sized without measuring (PortEdge.tsx). */
export const edgeTypes = { port: PortEdge }
