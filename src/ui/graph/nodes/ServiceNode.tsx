import { memo } from 'react'
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react'
import { useHighlightClass } from '../highlightStore'
import type { TFunction } from '../../../i18n'
import { useTranslation } from '../../../i18n/useTranslation'
import type { ServiceNodeData } from '../toFlow'

function portsText(d: ServiceNodeData, t: TFunction): string {
  const s = d.service
  if (s.type === 'ExternalName') return `CNAME ${s.externalName ?? ''}`
  return s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(', ') || t('nodes.noPorts')
}

function ServiceNode({ id, data, selected }: NodeProps<Node<ServiceNodeData, 'service'>>) {
  const lit = useHighlightClass(id)
  const { t } = useTranslation()
  const s = data.service
  const address = s.type === 'ExternalName' ? '' : s.clusterIP === 'None' ? t('nodes.headless') : s.clusterIP
  return (
    <div className={`k-service${selected ? ' selected' : ''}${s.builtIn ? ' built-in' : ''}${lit && ` ${lit}`}`} data-testid={`service-${s.namespace}-${s.name}`}>
      <div className="k-title">
        <span className="k-kind">svc</span>
        <span className="k-name" title={`${s.namespace}/${s.name}`} data-i18n-skip="">{s.name}{s.namespace === 'kube-system' && s.name === 'kube-dns' ? ' (CoreDNS)' : ''}</span>
        <span className="k-type">{s.type}</span>
      </div>
      <div className="k-line mono" title={t('nodes.addressTitle')}>
        {address && <span>{address}</span>} <span data-i18n-skip={s.type === 'ExternalName' ? '' : undefined}>{portsText(data, t)}</span>
      </div>
      <div className="k-line small">
        {s.namespace !== 'default' && <span className="k-ns" data-i18n-skip="">{s.namespace} · </span>}
        {data.notReady > 0 ? t('nodes.readyNotReady', { ready: data.ready, notReady: data.notReady }) : t('nodes.ready', { ready: data.ready })}
        {s.externalIPs.length > 0 && <span className="mono"> · {t('nodes.externalIPs', { ips: s.externalIPs.join(',') })}</span>}
        {s.type === 'LoadBalancer' && s.externalIPs.length === 0 && <span> · &lt;pending&gt;</span>}
      </div>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  )
}

export default memo(ServiceNode)
