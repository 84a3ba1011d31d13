/**
 * kube-scheduler, reduced to what decides placement in a playground:
 * nodeName binds directly; otherwise filter nodes (ready, schedulable,
 * taints tolerated, nodeSelector) and score them so that pods of one
 * controller spread across nodes (the default topology spreading), then
 * the least loaded node, ties broken by the seeded hash.
 */
import { fnv1a32 } from '../rng'
import type { Toleration } from '../model/objects'
import type { NodeState, PodState } from './state'

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

function spreadKey(pod: PodState): string {
  return pod.controllerKey ?? `${pod.namespace}/${Object.entries(pod.labels).sort().join(',')}`
}

export function schedulePods(pods: PodState[], nodes: NodeState[], seed: number): void {
  const byName = new Map(nodes.map((n) => [n.name, n]))
  const total = new Map<string, number>(nodes.map((n) => [n.name, 0]))
  const spread = new Map<string, number>()
  const place = (pod: PodState, node: string): void => {
    pod.node = node
    total.set(node, (total.get(node) ?? 0) + 1)
    const k = `${spreadKey(pod)}@${node}`
    spread.set(k, (spread.get(k) ?? 0) + 1)
  }
  for (const pod of pods) {
    if (pod.spec.nodeName) {
      if (byName.has(pod.spec.nodeName)) place(pod, pod.spec.nodeName)
      else pod.schedulingMessage = `spec.nodeName "${pod.spec.nodeName}" is not a node of this cluster: the pod stays Pending`
      continue
    }
    const reasons = new Map<string, number>()
    let best: { node: NodeState; score: [number, number, number] } | undefined
    for (const node of nodes) {
      const reason = filterReason(pod, node)
      if (reason) {
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
        continue
      }
      const score: [number, number, number] = [
        spread.get(`${spreadKey(pod)}@${node.name}`) ?? 0,
        total.get(node.name) ?? 0,
        fnv1a32(`${seed}/${pod.namespace}/${pod.name}@${node.name}`),
      ]
      if (!best || score[0] < best.score[0] || (score[0] === best.score[0] && (score[1] < best.score[1] || (score[1] === best.score[1] && score[2] < best.score[2])))) {
        best = { node, score }
      }
    }
    if (best) place(pod, best.node.name)
    else {
      const parts = [...reasons.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, n]) => `${n} ${r}`)
      pod.schedulingMessage = `0/${nodes.length} nodes are available: ${parts.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`
    }
  }
}
