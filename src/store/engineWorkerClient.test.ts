/**
 * EngineWorkerClient with a stand-in Worker (Node has none): one job in the
 * worker at a time, only the newest waiting job kept, stale results dropped,
 * and the main thread takes over when the worker fails.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSimulation, simulationToData } from '../engine'
import type { EngineJob, EngineReply } from './engineWorkerClient'

class FakeWorker {
  static all: FakeWorker[] = []
  posted: EngineJob[] = []
  onmessage: ((e: { data: EngineReply }) => void) | null = null
  onerror: ((e: { preventDefault(): void }) => void) | null = null
  constructor() { FakeWorker.all.push(this) }
  postMessage(job: EngineJob): void { this.posted.push(job) }
  terminate(): void {}
  /** Answers a job the way engine.worker.ts does. */
  answer(job: EngineJob): void {
    const sim = createSimulation(job.yaml, { seed: job.seed, proxyMode: job.proxyMode })
    this.onmessage?.({ data: { generation: job.generation, data: structuredClone(simulationToData(sim)), ms: 1 } })
  }
}

async function client() {
  FakeWorker.all = []
  vi.stubGlobal('Worker', FakeWorker)
  vi.resetModules()
  const { EngineWorkerClient } = await import('./engineWorkerClient')
  return new EngineWorkerClient()
}

const input = (name: string) => ({ yaml: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`, seed: 1, proxyMode: undefined, actions: [] })

afterEach(() => vi.unstubAllGlobals())

describe('EngineWorkerClient', () => {
  it('delivers the newest result only: a job asked for meanwhile replaces the waiting one', async () => {
    const c = await client()
    const got: string[] = []
    const done = (sim: { pods: { name: string; namespace: string }[] }) => got.push(...sim.pods.filter((p) => p.namespace === 'default').map((p) => p.name))
    c.run(input('a'), done, () => got.push('failed'))
    c.run(input('b'), done, () => got.push('failed'))
    c.run(input('c'), done, () => got.push('failed'))
    const w = FakeWorker.all[0]
    expect(w.posted.map((j) => j.yaml.match(/name: (\w)/)![1])).toEqual(['a']) // one at a time
    w.answer(w.posted[0]) // a: stale (c was asked for since), dropped; c goes in
    expect(got).toEqual([])
    expect(w.posted).toHaveLength(2)
    expect(c.busy).toBe(true)
    w.answer(w.posted[1])
    expect(got).toEqual(['c'])
    expect(c.busy).toBe(false)
  })

  it('drops a result the store overtook (cancel: it ran the engine itself)', async () => {
    const c = await client()
    const got: string[] = []
    c.run(input('a'), () => got.push('a'), () => got.push('failed'))
    c.cancel()
    FakeWorker.all[0].answer(FakeWorker.all[0].posted[0])
    expect(got).toEqual([])
  })

  it('hands the job back when the worker fails, and is unavailable from then on', async () => {
    const c = await client()
    const got: string[] = []
    c.run(input('a'), () => got.push('a'), () => got.push('failed'))
    FakeWorker.all[0].onerror?.({ preventDefault() {} })
    expect(got).toEqual(['failed'])
    expect(c.available).toBe(false)
  })

  it('is unavailable where there is no Worker', async () => {
    vi.stubGlobal('Worker', undefined)
    vi.resetModules()
    const { EngineWorkerClient } = await import('./engineWorkerClient')
    expect(new EngineWorkerClient().available).toBe(false)
  })
})
