/** The engine's GraphModel -> React Flow nodes and edges. */
import type { Edge, Node } from '@xyflow/react'
import type { GraphModel, GraphNode, IngressInfo, NodeInfo, PodInfo, ServiceInfo } from '../../engine'

export type ServiceNodeData = { service: ServiceInfo; ready: number; notReady: number }
export type ClusterNodeData = { node: NodeInfo; podCount: number; nodePorts: number[]; proxyMode: string }
export type PodNodeData = { pod: PodInfo }
export type PodGroupData = { owner: string; pods: PodInfo[] }
export type PendingNodeData = { pods: PodInfo[] }
export type ExternalNodeData = { clientIP: string }
export type LoadBalancerNodeData = { service: ServiceInfo }
export type IngressNodeData = { ingress: IngressInfo }

export type FlowNode =
  | Node<ServiceNodeData, 'service'>
  | Node<ClusterNodeData, 'clusterNode'>
  | Node<PodNodeData, 'pod'>
  | Node<PodGroupData, 'podGroup'>
  | Node<PendingNodeData, 'pending'>
  | Node<ExternalNodeData, 'external'>
  | Node<LoadBalancerNodeData, 'loadbalancer'>
  | Node<IngressNodeData, 'ingress'>

function toNode(n: GraphNode, selected: string | null): FlowNode {
  const base = { id: n.id, position: { x: n.x, y: n.y }, width: n.width, height: n.height, selected: n.id === selected, draggable: false }
  switch (n.kind) {
    case 'service':
      return { ...base, type: 'service', data: { service: n.service, ready: n.endpointCount.ready, notReady: n.endpointCount.notReady } }
    case 'node':
      return { ...base, type: 'clusterNode', data: { node: n.node, podCount: n.podCount, nodePorts: n.nodePorts, proxyMode: n.proxyMode } }
    case 'pod':
      return { ...base, type: 'pod', parentId: n.parent, extent: 'parent', data: { pod: n.pod } }
    case 'podGroup':
      return { ...base, type: 'podGroup', parentId: n.parent, extent: 'parent', data: { owner: n.owner, pods: n.pods } }
    case 'pending':
      return { ...base, type: 'pending', data: { pods: n.pods } }
    case 'external':
      return { ...base, type: 'external', data: { clientIP: n.clientIP } }
    case 'loadbalancer':
      return { ...base, type: 'loadbalancer', data: { service: n.service } }
    case 'ingress':
      return { ...base, type: 'ingress', data: { ingress: n.ingress } }
  }
}

export function toFlow(model: GraphModel, selected: string | null): { nodes: FlowNode[]; edges: Edge[] } {
  return {
    nodes: model.nodes.map((n) => toNode(n, selected)),
    edges: model.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      className: `edge-${e.kind}${e.ready ? '' : ' not-ready'}${e.system ? ' system' : ''}`,
      type: 'port',
      label: e.system ? undefined : e.label || undefined,
      data: { ready: e.ready },
      focusable: false,
    })),
  }
}
