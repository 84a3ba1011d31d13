/** Which graph elements the player highlights: where the current step is, and where the packet has been. */
import { elementForStep, type GraphModel, type ServiceInfo, type TraceStep } from '../../engine'

export interface Highlight {
  current?: string
  visited: Set<string>
  /** The Service the packet was addressed to (its virtual IP), while it is on the way. */
  target?: string
  failed: boolean
}

export function highlightFor(model: GraphModel, services: ServiceInfo[], steps: TraceStep[], count: number): Highlight {
  const visited = new Set<string>()
  let current: string | undefined
  let target: string | undefined
  for (const step of steps.slice(0, count)) {
    const el = elementForStep(model, step.at)
    if (el) {
      if (current) visited.add(current)
      current = el
    }
    const dst = step.packet?.dst.split(':')[0]
    const svc = dst ? services.find((s) => s.clusterIP === dst || s.externalIPs.includes(dst)) : undefined
    if (svc && (step.kind === 'send' || step.kind === 'dnat' || step.kind === 'loadbalancer')) target = `service/${svc.namespace}/${svc.name}`
  }
  const last = steps[count - 1]
  return { current, visited, target, failed: !!last && (last.kind === 'reject' || last.kind === 'drop') }
}
