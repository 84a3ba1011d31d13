/**
 * The workload controllers: Deployment -> ReplicaSet -> Pods and
 * ReplicaSet/ReplicationController -> Pods, with the names real clusters
 * give (`kubia-<pod-template-hash>-<5 chars>`, `kubia-<5 chars>`).
 */
import { fnv1a32, rngFor } from '../rng'
import type { PodObject, PodTemplate, WorkloadObject } from '../model/objects'
import { labelSelectorMatches } from '../objects/readPod'
import type { Runtime } from './runtime'
import type { PodState, ReplicaSetState } from './state'

/**
 * The playground's own limit, not Kubernetes': the controllers create at most
 * this many pods in all (a real cluster would go on creating pods for
 * `replicas: 2147483647` until its API server gave up). Twice the largest
 * cluster the benchmarks run (5,000 pods); the controllers met after the limit
 * is reached show fewer pods than they want, and say so.
 */
export const MAX_CONTROLLER_PODS = 10_000

/** k8s.io/apimachinery/pkg/util/rand: the alphabet of generated names (no vowels, no look-alikes). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'

/** rand.SafeEncodeString: maps each byte onto the alphabet. */
export function safeEncodeString(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length]
  return out
}

/** ComputeHash(template): FNV-32a of the template, printed as decimal and safe-encoded (here mixed with the seed). */
export function podTemplateHash(seed: number, template: PodTemplate): string {
  return safeEncodeString(String(fnv1a32(`${seed}|${stableJson(template)}`)))
}

/** generateName's 5 random characters, drawn from the seeded RNG for this pod. */
export function generatedSuffix(seed: number, key: string): string {
  const rng = rngFor(seed, key)
  let out = ''
  for (let i = 0; i < 5; i++) out += ALPHANUMS[rng.int(ALPHANUMS.length)]
  return out
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

export function workloadKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`
}

interface ControllerInput {
  seed: number
  workloads: WorkloadObject[]
  pods: PodObject[]
  runtime: Runtime
}

export interface ControllerOutput {
  pods: PodState[]
  replicaSets: ReplicaSetState[]
  /** Controllers that wanted more pods than the playground's limit left them (MAX_CONTROLLER_PODS). */
  throttled: { workload: WorkloadObject; replicas: number; running: number }[]
}

function podFromObject(p: PodObject, name: string, runtime: Runtime, owner?: { kind: string; name: string }, controllerKey?: string): PodState {
  const key = `${p.meta.namespace}/${name}`
  return {
    name,
    namespace: p.meta.namespace,
    node: '',
    ip: '',
    labels: p.template.labels,
    annotations: p.template.annotations,
    phase: 'Pending',
    ready: false,
    spec: p.template.spec,
    owner,
    controllerKey,
    docIndex: p.meta.docIndex,
    sourceSeq: p.meta.seq,
    createdSeq: createdSeq(runtime, key, p.meta.seq, 0),
    builtIn: p.meta.docIndex < 0,
    files: runtime.files.get(key) ?? [],
  }
}

function createdSeq(runtime: Runtime, podKey: string, objectSeq: number, ordinal: number): number {
  const action = runtime.createdAt.get(podKey)
  const base = (objectSeq + 2) * 1000 + ordinal
  return action === undefined ? base : (action + 1) * 10_000_000 + base
}

/**
 * Runs every controller. Pods written in the YAML that a controller in the
 * YAML owns (ownerReferences) or would adopt (an RS/RC selector matching an
 * orphan pod) count towards its replicas, as the real controllers adopt them.
 */
export function runControllers({ seed, workloads, pods, runtime }: ControllerInput): ControllerOutput {
  const out: PodState[] = []
  const replicaSets: ReplicaSetState[] = []
  const throttled: ControllerOutput['throttled'] = []
  const adopted = new Set<PodObject>()
  let budget = MAX_CONTROLLER_PODS

  // ReplicaSets pasted with an owning Deployment that is also in the YAML belong to that Deployment.
  const deploymentNames = new Set(workloads.filter((w) => w.kind === 'Deployment').map((w) => `${w.meta.namespace}/${w.meta.name}`))
  const ownedRS = workloads.filter((w) => w.kind === 'ReplicaSet' && w.meta.owner?.kind === 'Deployment' && deploymentNames.has(`${w.meta.namespace}/${w.meta.owner.name}`))

  for (const w of workloads) {
    if (ownedRS.includes(w)) continue
    const wKey = workloadKey(w.kind, w.meta.namespace, w.meta.name)
    const replicas = runtime.replicas.get(wKey) ?? w.replicas
    let rsName = w.meta.name
    let template = w.template
    let controllerKind: 'ReplicaSet' | 'ReplicationController' = w.kind === 'ReplicationController' ? 'ReplicationController' : 'ReplicaSet'
    let selector = w.selector
    if (w.kind === 'Deployment') {
      const pasted = ownedRS.find((rs) => rs.meta.namespace === w.meta.namespace && rs.meta.owner?.name === w.meta.name)
      const hash = pasted?.template.labels['pod-template-hash'] ?? podTemplateHash(seed, w.template)
      rsName = pasted?.meta.name ?? `${w.meta.name}-${hash}`
      template = { ...w.template, labels: { ...w.template.labels, 'pod-template-hash': hash } }
      selector = { ...w.selector, matchLabels: { ...w.selector.matchLabels, 'pod-template-hash': hash } }
      controllerKind = 'ReplicaSet'
      replicaSets.push({ name: rsName, namespace: w.meta.namespace, deployment: w.meta.name, replicas, templateHash: hash })
    } else if (w.kind === 'ReplicaSet') {
      replicaSets.push({ name: rsName, namespace: w.meta.namespace, replicas })
    }
    const controllerKey = workloadKey(controllerKind, w.meta.namespace, rsName)
    const owner = { kind: controllerKind, name: rsName }

    // Adopt pods from the YAML: owned by this controller, or orphans matching its selector.
    // With more than `replicas`, the controller deletes the surplus, newest first.
    let existing = 0
    for (const p of pods) {
      if (adopted.has(p) || p.meta.namespace !== w.meta.namespace) continue
      const ownedHere = p.meta.owner?.kind === controllerKind && p.meta.owner.name === rsName
      const orphanMatch = !p.meta.owner && w.kind !== 'Deployment' && labelSelectorMatches(selector, p.template.labels)
      if (!ownedHere && !orphanMatch) continue
      adopted.add(p)
      if (runtime.deletedPods.has(`${p.meta.namespace}/${p.meta.name}`)) continue
      if (existing >= replicas) continue
      existing++
      out.push(podFromObject(p, p.meta.name, runtime, owner, controllerKey))
    }

    const deleted = runtime.deletedOrdinals.get(controllerKey) ?? new Set<number>()
    const target = existing + Math.min(replicas - existing, budget)
    budget -= target - existing
    if (target < replicas) throttled.push({ workload: w, replicas, running: target })
    let made = existing
    for (let ordinal = 0; made < target; ordinal++) {
      if (deleted.has(ordinal)) continue
      made++
      const name = `${rsName}-${generatedSuffix(seed, `${controllerKey}#${ordinal}`)}`
      const key = `${w.meta.namespace}/${name}`
      out.push({
        name,
        namespace: w.meta.namespace,
        node: '',
        ip: '',
        labels: template.labels,
        annotations: template.annotations,
        phase: 'Pending',
        ready: false,
        spec: template.spec,
        owner,
        controllerKey,
        ordinal,
        docIndex: w.meta.docIndex,
        sourceSeq: w.meta.seq,
        createdSeq: createdSeq(runtime, key, w.meta.seq, ordinal),
        builtIn: w.meta.docIndex < 0,
        files: runtime.files.get(key) ?? [],
      })
    }
  }

  for (const p of pods) {
    if (adopted.has(p)) continue
    const name = p.meta.name || `${p.generateName}${generatedSuffix(seed, `Pod/${p.meta.namespace}/${p.generateName}#${p.meta.seq}`)}`
    if (runtime.deletedPods.has(`${p.meta.namespace}/${name}`)) continue
    out.push(podFromObject(p, name, runtime, p.meta.owner))
  }
  out.sort((a, b) => a.createdSeq - b.createdSeq || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { pods: out, replicaSets, throttled }
}
