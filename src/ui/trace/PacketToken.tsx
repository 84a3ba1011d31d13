/**
 * The packet: a token drawn in the graph's own coordinates, moving to the
 * element where the current step happens. It glides between elements unless
 * the user prefers reduced motion, then it jumps.
 */
import { memo, useEffect, useState } from 'react'
import { ViewportPortal, useReactFlow } from '@xyflow/react'
import { useTranslation } from '../../i18n/useTranslation'
import type { TraceStep } from '../../engine'
import { STEP_MS } from './usePlayback'

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
}

interface Props {
  element?: string
  kind?: TraceStep['kind']
  failed: boolean
  speed: number
}

function PacketToken({ element, kind, failed, speed }: Props) {
  const { t } = useTranslation()
  const flow = useReactFlow()
  const [reduced, setReduced] = useState(prefersReducedMotion)
  useEffect(() => {
    const mq = window.matchMedia?.('(prefers-reduced-motion: reduce)')
    if (!mq) return
    const on = (): void => setReduced(mq.matches)
    mq.addEventListener('change', on)
    return () => mq.removeEventListener('change', on)
  }, [])
  if (!element) return null
  const node = flow.getInternalNode(element)
  if (!node) return null
  const { x, y } = node.internals.positionAbsolute
  const w = node.measured.width ?? node.width ?? 0
  const h = node.measured.height ?? node.height ?? 0
  // The packet sits on the element's left edge, where traffic arrives, so it never hides a label.
  const cx = x + (node.type === 'external' || node.type === 'loadbalancer' ? w : 0)
  const cy = y + (node.type === 'clusterNode' ? 44 : h / 2)
  return (
    <ViewportPortal>
      <div
        className={`packet-token${failed ? ' failed' : ''}${reduced ? ' reduced' : ''}`}
        data-testid="packet-token"
        data-at={element}
        style={{ transform: `translate(${cx}px, ${cy}px)`, transitionDuration: reduced ? '0ms' : `${Math.round((STEP_MS * 0.6) / speed)}ms` }}
        aria-hidden="true"
      >
        <span className="packet-dot">{failed ? '✕' : ''}</span>
        {kind && <span className="packet-label">{t(`trace.kind.${kind}`)}</span>}
      </div>
    </ViewportPortal>
  )
}

export default memo(PacketToken)
