/**
 * Runs the engine in a Web Worker (engine.worker.ts) so that typing never
 * waits for a large cluster to be rebuilt. At most one job is in the worker
 * at a time; a job asked for while one runs waits, and only the newest
 * waiting job is kept. Every job carries a generation number: a result for
 * anything older than the newest job (or for a job that `cancel` dropped,
 * because the store ran the engine itself meanwhile) is ignored.
 *
 * Where there is no Worker (Node, vitest, jsdom) or it fails to start,
 * `available` is false and the store runs the engine on the main thread.
 */
import { simulationFromData, type Action, type ProxyMode, type SimulationData, type SimulationImpl } from '../engine'

export interface EngineInput {
  yaml: string
  seed: number
  proxyMode: ProxyMode | undefined
  actions: Action[]
}
export interface EngineJob extends EngineInput {
  generation: number
}
export type EngineReply =
  | { generation: number; data: SimulationData; ms: number }
  | { generation: number; error: string; ms: number }

type Done = (sim: SimulationImpl, workerMs: number) => void
/** Called instead of `done` when the worker could not do the job (the caller runs the engine itself). */
type Failed = () => void

interface Pending { job: EngineJob; done: Done; failed: Failed }

export class EngineWorkerClient {
  private worker: Worker | undefined
  private broken = typeof Worker === 'undefined'
  private generation = 0
  private running: Pending | undefined
  private waiting: Pending | undefined

  /** False where the engine cannot run in a worker: run it on the main thread. */
  get available(): boolean {
    return !this.broken
  }

  /** True while a job is in the worker or waiting for it. */
  get busy(): boolean {
    return this.running !== undefined || this.waiting !== undefined
  }

  /** Asks for the Simulation of `input`; `done` is called only if no newer job (or cancel) came meanwhile. */
  run(input: EngineInput, done: Done, failed: Failed): void {
    const job: EngineJob = { ...input, generation: ++this.generation }
    const entry = { job, done, failed }
    if (this.running) this.waiting = entry
    else this.start(entry)
  }

  /**
   * Starts the worker when the page is idle and runs a small text once, so the
   * first edit finds its code loaded and compiled (the result is dropped).
   */
  warmUpWhenIdle(input: EngineInput): void {
    if (this.broken || typeof requestIdleCallback === 'undefined') return
    requestIdleCallback(() => {
      if (this.worker || this.busy) return
      const worker = this.ensureWorker()
      if (!worker) return
      this.running = { job: { ...input, generation: -1 }, done: () => {}, failed: () => {} }
      worker.postMessage(this.running.job)
    }, { timeout: 5000 })
  }

  /** Drops every job in flight: their results will be ignored. */
  cancel(): void {
    this.generation++
    this.waiting = undefined
  }

  private start(entry: Pending): void {
    const worker = this.ensureWorker()
    if (!worker) {
      entry.failed()
      return
    }
    this.running = entry
    worker.postMessage(entry.job)
  }

  private ensureWorker(): Worker | undefined {
    if (this.broken) return undefined
    if (!this.worker) {
      try {
        this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' })
      } catch {
        this.broken = true
        return undefined
      }
      this.worker.onmessage = (event: MessageEvent<EngineReply>) => this.finished(event.data)
      this.worker.onerror = (event) => {
        // The worker could not load or crashed: from now on the store runs the engine itself.
        event.preventDefault?.()
        this.broken = true
        this.worker?.terminate()
        this.worker = undefined
        const lost = this.waiting ?? this.running
        this.running = this.waiting = undefined
        if (lost && lost.job.generation === this.generation) lost.failed()
      }
    }
    return this.worker
  }

  private finished(reply: EngineReply): void {
    const entry = this.running
    this.running = undefined
    const next = this.waiting
    this.waiting = undefined
    if (next) this.start(next)
    if (!entry || reply.generation !== entry.job.generation || reply.generation !== this.generation) return // stale
    if ('error' in reply) {
      entry.failed()
      return
    }
    entry.done(simulationFromData(reply.data), reply.ms)
  }
}
