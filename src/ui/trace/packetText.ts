/** How a trace step's packet is shown: before, after (for rewrites), and what changed. */
import type { TraceStep } from '../../engine'

export interface PacketView {
  src: string
  dst: string
  /** The addresses after this step's rewrite (DNAT, SNAT, load balancer), when it rewrote them. */
  after?: { src: string; dst: string }
}

/** The packet a step ends with: the next step that carries a packet shows it. */
export function packetViews(steps: TraceStep[]): (PacketView | undefined)[] {
  return steps.map((step, i) => {
    if (!step.packet) return undefined
    if (step.kind !== 'dnat' && step.kind !== 'snat' && step.kind !== 'loadbalancer') return { ...step.packet }
    const next = steps.slice(i + 1).find((s) => s.packet)?.packet
    const after = next && (next.src !== step.packet.src || next.dst !== step.packet.dst) ? next : undefined
    return { ...step.packet, after }
  })
}
