/**
 * kube-scheduler, reduced to what decides placement in a playground:
 * a pod already bound to a node stays there; nodeName binds directly;
 * otherwise the scheduler filters nodes (ready, schedulable, taints
 * tolerated, nodeSelector) and scores them so that the pods of one
 * controller spread across nodes (the default PodTopologySpread), ties
 * broken by a stable per-pod rotation. Placement does not depend on
 * unrelated pods, so adding one pod or Service never moves the others.
 */
import { fnv1a32 } from '../rng'
import type { Toleration } from '../model/objects'
import type { NodeState, PodState } from './state'
import { compareStrings } from '../util/strings'

function tolerates(tolerations: Toleration[], taint: { key: string; value?: string; effect: string }): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false
    if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === taint.key
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '')
  })
}

function effectiveTaints(node: NodeState): { key: string; value?: string; effect: string }[] {
  const taints = [...node.taints]
  if (!node.ready) taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' })
  return taints
}

/** Why a node cannot take the pod, in kube-scheduler's words, or undefined when it fits. */
function filterReason(pod: PodState, node: NodeState): string | undefined {
  if (node.unschedulable) return 'node(s) were unschedulable'
  const untolerated = effectiveTaints(node).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec.tolerations, t))
  if (untolerated) return `node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`
  for (const [k, v] of Object.entries(pod.spec.nodeSelector)) {
    if (node.labels[k] !== v) return "node(s) didn't match Pod's node affinity/selector"
  }
  return undefined
}

/** The group a pod is spread with: its controller, or for a bare pod the pod alone. */
function spreadKey(pod: PodState): string {
  return pod.controllerKey ?? `${pod.namespace}/${pod.name}`
}

/**
 * Places every pod without a node. `bound` holds the nodes pods were bound
 * to before (runtime actions): a bound pod is never moved.
 */
export function schedulePods(pods: PodState[], nodes: NodeState[], seed: number, bound: Map<string, string> = new Map()): void {
  const byName = new Map(nodes.map((n) => [n.name, n]))
  // Nodes in name order, so placement does not depend on the order the Node documents were written in.
  const candidates = [...nodes].sort((a, b) => compareStrings(a.name, b.name))
  const spread = new Map<string, number>()
  const place = (pod: PodState, node: string): void => {
    pod.node = node
    const k = `${spreadKey(pod)}@${node}`
    spread.set(k, (spread.get(k) ?? 0) + 1)
  }
  // Bound pods first: they are facts, the rest is placed around them.
  const unbound: PodState[] = []
  for (const pod of pods) {
    const node = bound.get(`${pod.namespace}/${pod.name}`)
    if (node && byName.has(node)) place(pod, node)
    else unbound.push(pod)
  }
  for (const pod of unbound) {
    if (pod.spec.nodeName) {
      if (byName.has(pod.spec.nodeName)) place(pod, pod.spec.nodeName)
      else pod.schedulingMessage = `spec.nodeName "${pod.spec.nodeName}" is not a node of this cluster: the pod stays Pending`
      continue
    }
    const reasons = new Map<string, number>()
    const feasible: NodeState[] = []
    for (const node of candidates) {
      const reason = filterReason(pod, node)
      if (reason) reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
      else feasible.push(node)
    }
    if (feasible.length === 0) {
      const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort()
      pod.schedulingMessage = `0/${nodes.length} nodes are available: ${parts.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`
      continue
    }
    // Spread first; then a rotation that starts at a per-controller offset and moves one node per ordinal.
    const key = spreadKey(pod)
    const start = (fnv1a32(`${seed}/${key}`) + (pod.ordinal ?? 0)) % feasible.length
    let best = feasible[start]
    let bestScore = [Number.POSITIVE_INFINITY, 0]
    feasible.forEach((node, i) => {
      const score = [spread.get(`${key}@${node.name}`) ?? 0, (i - start + feasible.length) % feasible.length]
      if (score[0] < bestScore[0] || (score[0] === bestScore[0] && score[1] < bestScore[1])) {
        best = node
        bestScore = score
      }
    })
    place(pod, best.name)
  }
}
