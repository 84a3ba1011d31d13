/**
 * The engine's Web Worker: builds the Simulation for a text off the main
 * thread and posts it back as plain data (simulationToData), tagged with the
 * generation it was asked for so the page can drop stale results.
 */
import { createSimulation, simulationToData, type Simulation, type SimulationImpl } from '../engine'
import type { EngineJob, EngineReply } from './engineWorkerClient'

self.onmessage = (event: MessageEvent<EngineJob>) => {
  const { generation, yaml, seed, proxyMode, actions } = event.data
  const t0 = performance.now()
  try {
    let sim: Simulation = createSimulation(yaml, { seed, proxyMode })
    for (const action of actions) sim = sim.apply(action)
    const reply: EngineReply = { generation, data: simulationToData(sim as SimulationImpl), ms: performance.now() - t0 }
    self.postMessage(reply)
  } catch (err) {
    const reply: EngineReply = { generation, error: err instanceof Error ? err.message : String(err), ms: performance.now() - t0 }
    self.postMessage(reply)
  }
}
