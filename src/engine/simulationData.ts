/**
 * A Simulation as plain, structured-cloneable data, and back: how a
 * Simulation built in a Web Worker reaches the page. A Simulation has
 * methods and its parsed manifests hold closures (`locate`), so it cannot
 * be posted as it is. What is posted is what the engine computed (the
 * reconciled cluster, the runtime, the action log, the diagnostics); what
 * can be derived again cheaply or on demand is left out: the public views
 * (pods, services, ...) are rebuilt by the SimulationImpl constructor, and
 * the parsed manifests and desired state, needed only by `apply`, are
 * prepared again from the same text the first time `apply` asks for them
 * (deterministic, so they are the same).
 */
import type { ActionResult, Diagnostic, ProxyMode } from './api/types'
import type { Runtime } from './cluster/runtime'
import type { ClusterState } from './cluster/state'
import type { DesiredState } from './model/objects'
import type { Manifest, SourceRange } from './parse/parseManifests'
import { prepare, SimulationImpl, type Prepared } from './simulation'

export interface SimulationData {
  readonly format: 'ksp-simulation/1'
  /** The input, to prepare the manifests again; null for the engine-error fallback (no manifests). */
  source: { yaml: string; proxyMode: ProxyMode | undefined } | null
  seed: number
  proxyMode: ProxyMode
  /** The parse and decode diagnostics (the cluster's own are in `cluster`). */
  diagnostics: Diagnostic[]
  documents: SourceRange[]
  syntaxOk: boolean
  ipvsScheduler?: string
  /** Only when `source` is null: the (empty) desired state. */
  desired?: DesiredState
  runtime: Runtime
  cluster: ClusterState
  actionLog: ActionResult[]
}

/** The data a Simulation is made of, ready for postMessage (nothing is copied here). */
export function simulationToData(sim: SimulationImpl): SimulationData {
  const p = sim.prepared
  return {
    format: 'ksp-simulation/1',
    source: p.source ? { yaml: p.source.yaml, proxyMode: p.source.proxyMode } : null,
    seed: p.seed,
    proxyMode: p.proxyMode,
    diagnostics: p.diagnostics,
    documents: p.documents,
    syntaxOk: p.syntaxOk,
    ipvsScheduler: p.ipvsScheduler,
    desired: p.source ? undefined : p.desired,
    runtime: sim.runtime,
    cluster: sim.cluster,
    actionLog: sim.actionLog,
  }
}

/** A Simulation again, from `simulationToData`'s output (typically after a structured clone). */
export function simulationFromData(data: SimulationData): SimulationImpl {
  if (data?.format !== 'ksp-simulation/1') throw new Error('not simulation data')
  const { source } = data
  let again: Prepared | undefined
  const full = (): { manifests: Manifest[]; desired: DesiredState } => {
    if (!source) return { manifests: [], desired: data.desired as DesiredState }
    again ??= prepare(source.yaml, data.seed, source.proxyMode)
    return again
  }
  const prepared: Prepared = {
    seed: data.seed,
    proxyMode: data.proxyMode,
    diagnostics: data.diagnostics,
    documents: data.documents,
    syntaxOk: data.syntaxOk,
    ipvsScheduler: data.ipvsScheduler,
    source: source ?? undefined,
    get manifests() { return full().manifests },
    get desired() { return full().desired },
  }
  return new SimulationImpl(prepared, data.runtime, data.cluster, data.actionLog)
}
