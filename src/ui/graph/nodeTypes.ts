import ClusterNode from './nodes/ClusterNode'
import PendingNode from './nodes/PendingNode'
import PodNode from './nodes/PodNode'
import ServiceNode from './nodes/ServiceNode'

/** Module-scope constant: React Flow must not see a new object on every render. */
export const nodeTypes = { service: ServiceNode, clusterNode: ClusterNode, pod: PodNode, pending: PendingNode }
