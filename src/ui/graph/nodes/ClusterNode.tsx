import { memo } from 'react'
import { useHighlightClass } from '../highlightStore'
import type { Node, NodeProps } from '@xyflow/react'
import { useTranslation } from '../../../i18n/useTranslation'
import type { ClusterNodeData } from '../toFlow'

function ClusterNode({ id, data, selected }: NodeProps<Node<ClusterNodeData, 'clusterNode'>>) {
  const { t } = useTranslation()
  const n = data.node
  const lit = useHighlightClass(id)
  // kubectl's STATUS column: not translated.
  const status = `${n.ready ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''}`
  return (
    <div className={`k-node${selected ? ' selected' : ''}${n.unschedulable ? ' cordoned' : ''}${lit && ` ${lit}`}`} data-testid={`node-${n.name}`}>
      <div className="k-title">
        <span className="k-kind">node</span>
        <span className="k-name" data-i18n-skip="">{n.name}</span>
        <span className={`k-status ${n.ready ? 'ok' : 'bad'}`}>{status}</span>
      </div>
      <div className="k-line mono">{n.ip}</div>
      <div className="k-line small">{t('nodes.podCIDR')} <span className="mono">{n.podCIDR}</span></div>
      <div className="k-line small" title={t('nodes.kubeProxyTitle')}>
        {t('nodes.kubeProxy', { mode: data.proxyMode })}{data.nodePorts.length > 0 && <> · {t('nodes.nodePorts')} <span className="mono">{data.nodePorts.join(', ')}</span></>}
      </div>
      {data.podCount === 0 && <div className="k-empty">{t('nodes.noPods')}</div>}
    </div>
  )
}

export default memo(ClusterNode)
