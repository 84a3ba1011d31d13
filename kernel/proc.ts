/**
 * Child processes for the kernel test: short commands with a time limit, and
 * long-lived ones (servers, client agents) that are registered so that
 * `killAll` can end every one of them, by process group id, in a finally block.
 * Nothing here ever kills a process the test did not start.
 */
import { spawn, type ChildProcess } from 'node:child_process'

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
}

/** Runs a command to its end (or kills it after timeoutMs). Never throws. */
export function run(cmd: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let child: ChildProcess
    try {
      child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    } catch (err) {
      resolve({ code: -1, stdout: '', stderr: String(err), timedOut: false })
      return
    }
    let stdout = ''
    let stderr = ''
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid) try { process.kill(child.pid, 'SIGKILL') } catch { /* already gone */ }
    }, opts.timeoutMs ?? 20_000)
    child.stdout?.setEncoding('utf8').on('data', (d: string) => { stdout += d })
    child.stderr?.setEncoding('utf8').on('data', (d: string) => { stderr += d })
    child.on('error', (err) => { stderr += String(err) })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, timedOut })
    })
    child.stdin?.on('error', () => { /* the command may exit before reading its input */ })
    child.stdin?.end(opts.input ?? '')
  })
}

/** Like run, but throws with the command's stderr when it fails. */
export async function must(cmd: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
  const r = await run(cmd, args, opts)
  if (r.code !== 0) {
    const what = `${cmd} ${args.join(' ')}`.slice(0, 300)
    throw new Error(`command failed (${r.timedOut ? 'timed out' : `exit ${r.code}`}): ${what}\n${r.stderr.trim()}${opts.input ? `\n--- input ---\n${opts.input.slice(0, 3000)}` : ''}`)
  }
  return r.stdout
}

/** Long-lived processes this run started, by pid (each is its own process group leader). */
const live = new Set<number>()
let peak = 0

export function liveCount(): number {
  return live.size
}

export function peakLive(): number {
  return peak
}

/** Starts a long-lived process in its own process group and registers it for cleanup. */
export function startDetached(cmd: string, args: string[]): ChildProcess {
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true })
  if (child.pid) {
    live.add(child.pid)
    peak = Math.max(peak, live.size)
    const pid = child.pid
    child.on('exit', () => live.delete(pid))
  }
  child.on('error', () => { /* reported by the caller's readiness wait */ })
  child.stdin?.on('error', () => { /* the agent may be gone */ })
  return child
}

/** Kills one registered process group (the process and the children it forked). */
export function killGroup(child: ChildProcess): void {
  const pid = child.pid
  if (!pid || !live.has(pid)) return
  try { process.kill(-pid, 'SIGKILL') } catch { /* already gone */ }
  live.delete(pid)
}

/** Kills every registered process group. */
export function killAll(): void {
  for (const pid of [...live]) {
    try { process.kill(-pid, 'SIGKILL') } catch { /* already gone */ }
    live.delete(pid)
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Runs tasks with at most `limit` of them at a time; results in input order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
