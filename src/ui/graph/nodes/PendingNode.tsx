import { memo } from 'react'
import { useHighlightClass } from '../highlightStore'
import type { Node, NodeProps } from '@xyflow/react'
import { useTranslation } from '../../../i18n/useTranslation'
import type { PendingNodeData } from '../toFlow'

function PendingNode({ id, data }: NodeProps<Node<PendingNodeData, 'pending'>>) {
  const { t } = useTranslation()
  const lit = useHighlightClass(id)
  return (
    <div className={`k-pending${lit && ` ${lit}`}`} data-testid="pending-pods">
      <div className="k-title">
        {/* The pod phase, as kubectl prints it. */}
        <span className="k-kind">Pending</span>
        <span className="k-name">{t('nodes.notScheduled')}</span>
      </div>
      {data.pods.map((p) => (
        <div key={`${p.namespace}/${p.name}`} className="k-line small mono" title={p.notReadyReason} data-i18n-skip="">
          {p.name}
        </div>
      ))}
    </div>
  )
}

export default memo(PendingNode)
