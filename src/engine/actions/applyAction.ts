/**
 * Runtime actions, as kubectl would perform them on a running cluster.
 * Each one changes the runtime record; reconciling again shows the result
 * (a deleted pod replaced by its controller with a new name and IP, pods
 * leaving a drained node, ...).
 */
import type { Action, ActionResult } from '../api/types'
import { cloneRuntime, type Runtime } from '../cluster/runtime'
import type { ClusterState, PodState } from '../cluster/state'
import { workloadKey } from '../cluster/controllers'
import type { DesiredState } from '../model/objects'

const KIND_ALIASES: Record<string, 'Deployment' | 'ReplicaSet' | 'ReplicationController'> = {
  deployment: 'Deployment', deployments: 'Deployment', deploy: 'Deployment',
  replicaset: 'ReplicaSet', replicasets: 'ReplicaSet', rs: 'ReplicaSet',
  replicationcontroller: 'ReplicationController', replicationcontrollers: 'ReplicationController', rc: 'ReplicationController',
}

const KUBECTL_RESOURCE = { Deployment: 'deployment.apps', ReplicaSet: 'replicaset.apps', ReplicationController: 'replicationcontroller' }

function findPod(state: ClusterState, name: string, namespace: string): PodState | undefined {
  return state.pods.find((p) => p.name === name && p.namespace === namespace)
}

function notFound(kind: string, name: string): string {
  return `Error from server (NotFound): ${kind} "${name}" not found`
}

/**
 * Applies one action. The runtime it returns is always a new record, never
 * `runtime` itself (a refused action returns an unchanged copy): the caller
 * adds the pods' bindings to it, and the simulation the action was applied
 * to must not change.
 */
export function applyAction(runtime: Runtime, state: ClusterState, desired: DesiredState, action: Action): { runtime: Runtime; result: ActionResult } {
  const next = cloneRuntime(runtime)
  const done = (ok: boolean, message: string): { runtime: Runtime; result: ActionResult } => ({ runtime: next, result: { action, ok, message } })
  switch (action.type) {
    case 'deletePod': {
      const ns = action.namespace ?? 'default'
      const pod = findPod(state, action.pod, ns)
      if (!pod) return done(false, notFound('pods', action.pod))
      deletePod(next, pod)
      return done(true, `pod "${pod.name}" deleted`)
    }
    case 'scale': {
      const ns = action.namespace ?? 'default'
      const kind = KIND_ALIASES[action.kind.toLowerCase()] ?? (action.kind as 'Deployment')
      const w = desired.workloads.find((x) => x.kind === kind && x.meta.name === action.name && x.meta.namespace === ns)
      if (!w) return done(false, notFound(`${(KUBECTL_RESOURCE[kind] ?? action.kind).split('.')[0]}s${kind === 'ReplicationController' ? '' : '.apps'}`, action.name))
      if (!Number.isInteger(action.replicas) || action.replicas < 0) return done(false, 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0')
      next.replicas.set(workloadKey(kind, ns, action.name), action.replicas)
      return done(true, `${KUBECTL_RESOURCE[kind]}/${action.name} scaled`)
    }
    case 'setReady': {
      const ns = action.namespace ?? 'default'
      const pod = findPod(state, action.pod, ns)
      if (!pod) return done(false, notFound('pods', action.pod))
      next.readiness.set(`${ns}/${pod.name}`, action.ready)
      return done(true, `pod "${pod.name}" marked ${action.ready ? 'Ready' : 'NotReady'} (playground readiness toggle)`)
    }
    case 'exec': {
      const ns = action.namespace ?? 'default'
      const pod = findPod(state, action.pod, ns)
      if (!pod) return done(false, notFound('pods', action.pod))
      if (pod.phase !== 'Running') return done(false, `error: unable to upgrade connection: pod ${pod.name} is ${pod.phase}`)
      const [cmd, ...args] = action.command
      const files = args.filter((a) => !a.startsWith('-'))
      const key = `${ns}/${pod.name}`
      const current = new Set(next.files.get(key) ?? pod.files)
      if (cmd === 'touch' && files.length > 0) files.forEach((f) => current.add(f))
      else if (cmd === 'rm' && files.length > 0) {
        const missing = files.filter((f) => !current.has(f))
        if (missing.length > 0 && !args.includes('-f')) return done(false, `rm: cannot remove '${missing[0]}': No such file or directory\ncommand terminated with exit code 1`)
        files.forEach((f) => current.delete(f))
      } else return done(false, `the playground's exec runs \`touch <file>\` and \`rm <file>\` only (got: ${action.command.join(' ')})`)
      next.files.set(key, [...current].sort())
      return done(true, `kubectl exec ${pod.name} -- ${action.command.join(' ')}`)
    }
    case 'addNode':
      next.extraNodes += 1
      return done(true, 'node joined the cluster (kubeadm join)')
    case 'drainNode': {
      const node = state.nodes.find((n) => n.name === action.node)
      if (!node) return done(false, notFound('nodes', action.node))
      const onNode = state.pods.filter((p) => p.node === node.name)
      const bare = onNode.filter((p) => !p.controllerKey)
      next.cordoned.add(node.name)
      if (bare.length > 0 && !action.force) {
        // kubectl cordons first, then refuses to evict pods that no controller would recreate.
        return { runtime: next, result: { action, ok: false, message: `node/${node.name} cordoned\nerror: unable to drain node "${node.name}" due to error: cannot delete Pods that declare no controller (use --force to override): ${bare.map((p) => `${p.namespace}/${p.name}`).join(', ')}` } }
      }
      onNode.forEach((p) => deletePod(next, p))
      const lines = [`node/${node.name} cordoned`, ...onNode.map((p) => `pod/${p.name} evicted`), `node/${node.name} drained`]
      return done(true, lines.join('\n'))
    }
    default: {
      const never: never = action
      return { runtime: next, result: { action: never, ok: false, message: `unknown action ${JSON.stringify(never)}` } }
    }
  }
}

function deletePod(runtime: Runtime, pod: PodState): void {
  if (pod.controllerKey && pod.ordinal !== undefined) {
    const set = runtime.deletedOrdinals.get(pod.controllerKey) ?? new Set<number>()
    set.add(pod.ordinal)
    runtime.deletedOrdinals.set(pod.controllerKey, set)
  } else {
    runtime.deletedPods.add(`${pod.namespace}/${pod.name}`)
  }
}
