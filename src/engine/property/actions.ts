/**
 * Runtime actions to apply to a generated cluster. Like requests, a recipe
 * holds indices and `toAction` names real pods, workloads and nodes of the
 * simulation (or ones that do not exist, and odd replica counts).
 */
import fc from 'fast-check'
import type { Action, Simulation } from '../api/types'

export type ActionRecipe =
  | { type: 'deletePod' | 'setReady'; pod: number; ready: boolean; missing: boolean }
  | { type: 'scale'; workload: number; kind: string; replicas: number; missing: boolean }
  | { type: 'exec'; pod: number; command: string[] }
  | { type: 'addNode' }
  | { type: 'drainNode'; node: number; force: boolean; missing: boolean }

const missing = fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 })

export const actionRecipe: fc.Arbitrary<ActionRecipe> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constantFrom('deletePod' as const, 'setReady' as const), pod: fc.nat(), ready: fc.boolean(), missing }), weight: 4 },
  {
    arbitrary: fc.record({
      type: fc.constant('scale' as const), workload: fc.nat(), kind: fc.constantFrom('deployment', 'deploy', 'rs', 'rc', 'Deployment', 'statefulset'),
      replicas: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 10 }, { arbitrary: fc.constantFrom(-1, 1.5, Number.NaN, 100_000, 2147483647), weight: 1 }), missing,
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ type: fc.constant('exec' as const), pod: fc.nat(), command: fc.constantFrom<string[]>(['touch', '/var/ready'], ['rm', '/var/ready'], ['rm', '-f', '/var/ready'], ['ls'], []) }), weight: 2 },
  { arbitrary: fc.constant({ type: 'addNode' as const }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('drainNode' as const), node: fc.nat(), force: fc.boolean(), missing }), weight: 1 },
)

function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length]
}

/** Workloads named in the simulation: the owners of its pods, as `scale` takes them. */
function workloadsOf(sim: Simulation): { kind: string; name: string; namespace: string }[] {
  const seen = new Map<string, { kind: string; name: string; namespace: string }>()
  for (const p of sim.pods) {
    if (!p.ownerKind || !p.ownerName) continue
    // A Deployment's pods are owned by its ReplicaSet `<deployment>-<hash>`.
    const name = p.ownerKind === 'ReplicaSet' && p.labels['pod-template-hash'] ? p.ownerName.slice(0, p.ownerName.lastIndexOf('-')) : p.ownerName
    const kind = p.ownerKind === 'ReplicaSet' && p.labels['pod-template-hash'] ? 'Deployment' : p.ownerKind
    seen.set(`${kind}/${p.namespace}/${name}`, { kind, name, namespace: p.namespace })
  }
  return [...seen.values()]
}

export function toAction(sim: Simulation, r: ActionRecipe): Action {
  switch (r.type) {
    case 'deletePod':
    case 'setReady': {
      const pod = r.missing ? undefined : pick(sim.pods, r.pod)
      const name = pod?.name ?? 'no-such-pod'
      return r.type === 'deletePod' ? { type: 'deletePod', pod: name, namespace: pod?.namespace } : { type: 'setReady', pod: name, ready: r.ready, namespace: pod?.namespace }
    }
    case 'scale': {
      const w = r.missing ? undefined : pick(workloadsOf(sim), r.workload)
      return { type: 'scale', kind: w ? w.kind : r.kind, name: w?.name ?? 'no-such-workload', replicas: r.replicas, namespace: w?.namespace }
    }
    case 'exec': {
      const pod = pick(sim.pods, r.pod)
      return { type: 'exec', pod: pod?.name ?? 'no-such-pod', command: r.command, namespace: pod?.namespace }
    }
    case 'addNode': return { type: 'addNode' }
    case 'drainNode': return { type: 'drainNode', node: r.missing ? 'no-such-node' : pick(sim.nodes, r.node)?.name ?? 'no-such-node', force: r.force }
  }
}
