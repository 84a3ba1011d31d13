/**
 * The cluster engine's public API. Other parts of the playground and outside
 * tests call these exact names: add to it, never rename or reshape.
 */
import type { Simulation, SimulationOptions } from './api/types'
import { buildSimulation, DEFAULT_SEED, SimulationImpl } from './simulation'
import { emptyRuntime } from './cluster/runtime'

export type * from './api/types'
export type { KubectlTable, PrintOptions } from './kubectl/printers'
export type { SourceRange } from './parse/parseManifests'
export { DEFAULT_SEED, SimulationImpl }
export { buildGraphModel, elementForStep, LAYOUT, nodeId, podId, serviceId } from './graph/buildGraphModel'
export type { GraphEdge, GraphModel, GraphNode } from './graph/buildGraphModel'

/**
 * Builds the cluster a YAML text describes. Never throws: a failure of the
 * engine itself becomes an error diagnostic on an empty cluster.
 */
export function createSimulation(yaml: string, options: SimulationOptions = {}): Simulation & SimulationImpl {
  const seed = Number.isFinite(options.seed) ? Math.trunc(options.seed as number) >>> 0 : DEFAULT_SEED
  try {
    return buildSimulation(typeof yaml === 'string' ? yaml : String(yaml), seed, options.proxyMode)
  } catch (err) {
    const empty = buildSimulation('', seed, options.proxyMode)
    const message = `internal engine error: ${err instanceof Error ? err.message : String(err)} (please report this with your YAML)`
    return new SimulationImpl(
      { seed, proxyMode: options.proxyMode ?? 'iptables', manifests: [], desired: emptyDesired(), diagnostics: [{ severity: 'error', message, line: 1, column: 1, code: 'ENGINE_ERROR' }], documents: [], syntaxOk: true },
      emptyRuntime(),
      empty.cluster,
      [],
    )
  }
}

function emptyDesired() {
  return {
    namespaces: [], nodes: [], pods: [], workloads: [], services: [], endpoints: [], endpointSlices: [],
    ingresses: [], ingressClasses: [], addressPools: [], kubeProxyConfigs: [],
  }
}

/** A Simulation as structured-cloneable data and back (what the engine's Web Worker posts to the page). */
export { simulationFromData, simulationToData } from './simulationData'
export type { SimulationData } from './simulationData'
