import { memo } from 'react'
import type { Node, NodeProps } from '@xyflow/react'
import type { PendingNodeData } from '../toFlow'

function PendingNode({ data }: NodeProps<Node<PendingNodeData, 'pending'>>) {
  return (
    <div className="k-pending" data-testid="pending-pods">
      <div className="k-title">
        <span className="k-kind">Pending</span>
        <span className="k-name">not scheduled</span>
      </div>
      {data.pods.map((p) => (
        <div key={`${p.namespace}/${p.name}`} className="k-line small mono" title={p.notReadyReason}>
          {p.name}
        </div>
      ))}
    </div>
  )
}

export default memo(PendingNode)
