import { memo } from 'react'
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react'
import type { ExternalNodeData, IngressNodeData, LoadBalancerNodeData } from '../toFlow'

function ExternalNodeImpl({ data, selected }: NodeProps<Node<ExternalNodeData, 'external'>>) {
  return (
    <div className={`k-outside${selected ? ' selected' : ''}`} data-testid="external-client">
      <div className="k-title"><span className="k-kind">outside</span><span className="k-name">external client</span></div>
      <div className="k-line mono">{data.clientIP}</div>
    </div>
  )
}
export const ExternalNode = memo(ExternalNodeImpl)

function LoadBalancerNodeImpl({ data, selected }: NodeProps<Node<LoadBalancerNodeData, 'loadbalancer'>>) {
  const s = data.service
  const who = s.loadBalancerProvider === 'MetalLB' ? 'MetalLB' : s.loadBalancerProvider === 'cloud' ? 'cloud LB' : 'load balancer'
  return (
    <div className={`k-outside lb${selected ? ' selected' : ''}`} data-testid={`loadbalancer-${s.namespace}-${s.name}`}>
      <div className="k-title"><span className="k-kind">{who}</span><span className="k-name">{s.name}</span></div>
      <div className="k-line mono">{s.externalIPs.length ? s.externalIPs.join(', ') : '<pending>'}</div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  )
}
export const LoadBalancerNode = memo(LoadBalancerNodeImpl)

function IngressNodeImpl({ data, selected }: NodeProps<Node<IngressNodeData, 'ingress'>>) {
  const i = data.ingress
  const hosts = [...new Set(i.rules.map((r) => r.host ?? '*'))]
  return (
    <div className={`k-ingress${selected ? ' selected' : ''}`} data-testid={`ingress-${i.namespace}-${i.name}`}>
      <div className="k-title"><span className="k-kind">ingress</span><span className="k-name">{i.name}</span></div>
      <div className="k-line mono" title={hosts.join(', ')}>{hosts.join(', ') || '*'}</div>
      <div className="k-line small">{i.ingressClassName ?? 'no class'}{i.addresses.length ? ` · ${i.addresses.join(',')}` : ''}</div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  )
}
export const IngressNode = memo(IngressNodeImpl)
