import { memo } from 'react'
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react'
import { useTranslation } from '../../../i18n/useTranslation'
import { useHighlightClass } from '../highlightStore'
import type { PodGroupData } from '../toFlow'

function PodGroupNode({ id, data, selected }: NodeProps<Node<PodGroupData, 'podGroup'>>) {
  const lit = useHighlightClass(id)
  const { t } = useTranslation()
  const ready = data.pods.filter((p) => p.ready).length
  const owner = data.owner.split('/').pop()
  return (
    <div className={`k-pod group${selected ? ' selected' : ''}${lit && ` ${lit}`}`} data-testid={`podgroup-${owner}`} title={data.pods.map((p) => `${p.name} ${p.ip}`).join('\n')}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="k-title">
        <span className="k-name" data-i18n-skip="">{owner}-… ×{data.pods.length}</span>
      </div>
      <div className="k-line small">{t('nodes.groupReady', { ready, total: data.pods.length })}</div>
    </div>
  )
}

export default memo(PodGroupNode)
