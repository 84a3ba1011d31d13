import { memo } from 'react'
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react'
import { useHighlightClass } from '../highlightStore'
import type { PodNodeData } from '../toFlow'

function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .filter(([k]) => k !== 'pod-template-hash')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')
}

function PodNode({ id, data, selected }: NodeProps<Node<PodNodeData, 'pod'>>) {
  const p = data.pod
  // The phase or readiness in kubectl's words: not translated. Nothing on the card is the UI's
  // own words (name, addresses, status, labels, the engine's reason), hence data-i18n-skip.
  const lit = useHighlightClass(id)
  const state = p.phase !== 'Running' ? p.phase : p.ready ? 'Ready' : 'NotReady'
  return (
    <div
      className={`k-pod${selected ? ' selected' : ''}${p.ready ? '' : ' not-ready'}${lit && ` ${lit}`}`}
      data-testid={`pod-${p.namespace}-${p.name}`}
      title={p.notReadyReason ?? `${p.namespace}/${p.name}`}
      data-i18n-skip=""
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="k-title">
        <span className={`k-dot ${p.ready ? 'ok' : 'bad'}`} aria-hidden="true" />
        <span className="k-name">{p.name}</span>
      </div>
      <div className="k-line">
        <span className="mono">
          {p.ip || '<none>'}
          {p.ports.length > 0 && ` :${p.ports.map((x) => x.containerPort).join(',')}`}
        </span>{' '}
        <span className={`k-status ${p.ready ? 'ok' : 'bad'}`}>{state}</span>
      </div>
      <div className="k-line small k-labels">{labelsText(p.labels)}</div>
    </div>
  )
}

export default memo(PodNode)
