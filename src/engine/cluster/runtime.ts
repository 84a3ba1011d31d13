/**
 * What happened to the running cluster after the YAML was applied: the
 * effect of the runtime actions (deleted pods, readiness, exec'd files,
 * added and drained nodes). Reconciling the YAML together with this gives
 * the current cluster.
 */
export interface Runtime {
  /** Bare pods deleted by name (`namespace/name`). */
  deletedPods: Set<string>
  /** For each ReplicaSet/RC (`Kind/namespace/name`), the ordinals of pods that were deleted. */
  deletedOrdinals: Map<string, Set<number>>
  /** `kubectl scale` results, per workload (`Kind/namespace/name`). */
  replicas: Map<string, number>
  /** The playground's readiness toggle, per pod (`namespace/name`). */
  readiness: Map<string, boolean>
  /** Files created in a pod by `kubectl exec`, per pod (`namespace/name`). */
  files: Map<string, string[]>
  /** Index of the action that created a pod (`namespace/name`); pods not listed came with the YAML. */
  createdAt: Map<string, number>
  extraNodes: number
  cordoned: Set<string>
  /** Where each pod (`namespace/name`) was bound and the IP it got: a running pod never moves. */
  bindings: Map<string, { node: string; ip: string }>
}

export function emptyRuntime(): Runtime {
  return {
    deletedPods: new Set(),
    deletedOrdinals: new Map(),
    replicas: new Map(),
    readiness: new Map(),
    files: new Map(),
    createdAt: new Map(),
    extraNodes: 0,
    cordoned: new Set(),
    bindings: new Map(),
  }
}

export function cloneRuntime(r: Runtime): Runtime {
  return {
    deletedPods: new Set(r.deletedPods),
    deletedOrdinals: new Map([...r.deletedOrdinals].map(([k, v]) => [k, new Set(v)])),
    replicas: new Map(r.replicas),
    readiness: new Map(r.readiness),
    files: new Map([...r.files].map(([k, v]) => [k, [...v]])),
    createdAt: new Map(r.createdAt),
    extraNodes: r.extraNodes,
    cordoned: new Set(r.cordoned),
    bindings: new Map(r.bindings),
  }
}
