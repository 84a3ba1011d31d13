/** The engine's GraphModel -> React Flow nodes and edges. */
import type { Edge, Node } from '@xyflow/react'
import type { GraphModel, GraphNode, NodeInfo, PodInfo, ServiceInfo } from '../../engine'

export type ServiceNodeData = { service: ServiceInfo; ready: number; notReady: number }
export type ClusterNodeData = { node: NodeInfo; podCount: number }
export type PodNodeData = { pod: PodInfo }
export type PendingNodeData = { pods: PodInfo[] }

export type FlowNode =
  | Node<ServiceNodeData, 'service'>
  | Node<ClusterNodeData, 'clusterNode'>
  | Node<PodNodeData, 'pod'>
  | Node<PendingNodeData, 'pending'>

function toNode(n: GraphNode, selected: string | null): FlowNode {
  const base = { id: n.id, position: { x: n.x, y: n.y }, width: n.width, height: n.height, selected: n.id === selected, draggable: false }
  switch (n.kind) {
    case 'service':
      return { ...base, type: 'service', data: { service: n.service, ready: n.endpointCount.ready, notReady: n.endpointCount.notReady } }
    case 'node':
      return { ...base, type: 'clusterNode', data: { node: n.node, podCount: n.podCount }, selectable: true }
    case 'pod':
      return { ...base, type: 'pod', parentId: n.parent, extent: 'parent', data: { pod: n.pod } }
    case 'pending':
      return { ...base, type: 'pending', data: { pods: n.pods } }
  }
}

export function toFlow(model: GraphModel, selected: string | null): { nodes: FlowNode[]; edges: Edge[] } {
  return {
    nodes: model.nodes.map((n) => toNode(n, selected)),
    edges: model.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      className: `edge-endpoint${e.ready ? '' : ' not-ready'}${e.system ? ' system' : ''}`,
      label: e.system ? undefined : e.label || undefined,
      labelBgPadding: [4, 2] as [number, number],
      data: { ready: e.ready },
      focusable: false,
    })),
  }
}
