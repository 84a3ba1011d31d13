import { memo } from 'react'
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react'
import { useTranslation } from '../../../i18n/useTranslation'
import { useHighlightClass } from '../highlightStore'
import type { ExternalNodeData, IngressNodeData, LoadBalancerNodeData } from '../toFlow'

function ExternalNodeImpl({ id, data, selected }: NodeProps<Node<ExternalNodeData, 'external'>>) {
  const lit = useHighlightClass(id)
  const { t } = useTranslation()
  return (
    <div className={`k-outside${selected ? ' selected' : ''}${lit && ` ${lit}`}`} data-testid="external-client">
      <div className="k-title"><span className="k-kind">{t('nodes.outside')}</span><span className="k-name">{t('nodes.externalClient')}</span></div>
      <div className="k-line mono">{data.clientIP}</div>
    </div>
  )
}
export const ExternalNode = memo(ExternalNodeImpl)

function LoadBalancerNodeImpl({ id, data, selected }: NodeProps<Node<LoadBalancerNodeData, 'loadbalancer'>>) {
  const lit = useHighlightClass(id)
  const { t } = useTranslation()
  const s = data.service
  const who = s.loadBalancerProvider === 'MetalLB' ? 'MetalLB' : s.loadBalancerProvider === 'cloud' ? t('nodes.cloudLB') : t('nodes.loadBalancer')
  return (
    <div className={`k-outside lb${selected ? ' selected' : ''}${lit && ` ${lit}`}`} data-testid={`loadbalancer-${s.namespace}-${s.name}`}>
      <div className="k-title"><span className="k-kind">{who}</span><span className="k-name" data-i18n-skip="">{s.name}</span></div>
      <div className="k-line mono">{s.externalIPs.length ? s.externalIPs.join(', ') : '<pending>'}</div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  )
}
export const LoadBalancerNode = memo(LoadBalancerNodeImpl)

function IngressNodeImpl({ id, data, selected }: NodeProps<Node<IngressNodeData, 'ingress'>>) {
  const lit = useHighlightClass(id)
  const { t } = useTranslation()
  const i = data.ingress
  const hosts = [...new Set(i.rules.map((r) => r.host ?? '*'))]
  return (
    <div className={`k-ingress${selected ? ' selected' : ''}${lit && ` ${lit}`}`} data-testid={`ingress-${i.namespace}-${i.name}`}>
      <div className="k-title"><span className="k-kind">ingress</span><span className="k-name" data-i18n-skip="">{i.name}</span></div>
      <div className="k-line mono" title={hosts.join(', ')} data-i18n-skip="">{hosts.join(', ') || '*'}</div>
      <div className="k-line small">
        {i.ingressClassName ? <span data-i18n-skip="">{i.ingressClassName}</span> : t('nodes.noClass')}
        {i.addresses.length ? ` · ${i.addresses.join(',')}` : ''}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  )
}
export const IngressNode = memo(IngressNodeImpl)
