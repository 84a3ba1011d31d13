/**
 * What runs inside the namespaces: a tiny TCP server per pod and declared
 * containerPort (socat, forking a `sh -c echo` per connection that answers
 * `<namespace>/<pod> <peer address>`), the API server's port 6443 on
 * control-plane nodes (the engine delivers <nodeIP>:6443 there), and one client
 * agent (kernel/agent.mjs under node) per namespace that sends requests.
 */
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { killGroup, startDetached } from './proc'
import type { Topology } from './topology'

const AGENT = fileURLToPath(new URL('./agent.mjs', import.meta.url))

export interface Listener {
  ns: string
  port: number
  /** The name the server answers with: `<namespace>/<pod>`. */
  who: string
  bind?: string
}

/**
 * The listeners a topology needs: every declared TCP port of every running pod,
 * plus the API servers. A pod that declares no port answers on any port in the
 * engine: it gets a listener on each port the test aims at it (`aimed`, by pod IP).
 */
export function listenersFor(topo: Topology, aimed: Map<string, Set<number>> = new Map()): Listener[] {
  const out: Listener[] = []
  for (const p of topo.pods) {
    const ports = p.ports.length > 0 ? p.ports : [...(aimed.get(p.ip) ?? [])]
    for (const port of ports) out.push({ ns: p.ns, port, who: `${p.namespace}/${p.name}` })
  }
  for (const n of topo.nodes) if (n.apiServer) out.push({ ns: n.ns, port: 6443, who: `kube-system/kube-apiserver-${n.name}`, bind: n.ip })
  return out
}

/** Starts socat listeners and waits until each one says it is listening. */
export async function startServers(listeners: Listener[], deadlineMs = 8000): Promise<ChildProcess[]> {
  const procs: ChildProcess[] = []
  const ready = listeners.map((l) => {
    const addr = `TCP4-LISTEN:${l.port},fork,reuseaddr,backlog=256${l.bind ? `,bind=${l.bind}` : ''}`
    const child = startDetached('ip', ['netns', 'exec', l.ns, 'socat', '-d', '-d', addr, `SYSTEM:echo ${l.who} $SOCAT_PEERADDR,nofork`])
    procs.push(child)
    return new Promise<void>((resolve, reject) => {
      let err = ''
      let done = false
      const timer = setTimeout(() => { if (!done) { done = true; reject(new Error(`socat ${l.who}:${l.port} in ${l.ns} did not start: ${err.slice(0, 500)}`)) } }, deadlineMs)
      // Drain stderr for the whole life of the process (socat logs each connection with -d -d).
      child.stderr?.setEncoding('utf8').on('data', (d: string) => {
        if (done) return
        err += d
        if (err.includes('listening on')) { done = true; clearTimeout(timer); resolve() }
      })
      child.stdout?.resume()
      child.on('exit', (code) => { if (!done) { done = true; clearTimeout(timer); reject(new Error(`socat ${l.who}:${l.port} in ${l.ns} exited (${code}): ${err.slice(0, 500)}`)) } })
    })
  })
  const settled = await Promise.allSettled(ready)
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) {
    procs.forEach(killGroup)
    throw failed.reason
  }
  return procs
}

export interface ConnResult {
  r: 'ok' | 'refused' | 'timeout' | 'stalled' | 'error'
  data?: string
  code?: string
  ms: number
}

export interface Job {
  host: string
  port: number
  n: number
  conc: number
  /** No TCP-level answer within this: TIMEOUT. */
  timeoutMs: number
  /** After connecting, how long the server's line may take. */
  replyMs: number
}

export type LookupResult = { r: 'ok'; addrs: string[] } | { r: 'error'; code: string } | { r: 'timeout' }

/** A client agent living in one namespace. */
export class Agent {
  private pending = new Map<number, { resolve: (r: ConnResult[] | LookupResult) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>()
  private nextId = 1
  private buf = ''
  private exited = false
  readonly ready: Promise<void>

  constructor(readonly ns: string, private readonly child: ChildProcess) {
    let resolveReady: () => void = () => {}
    let rejectReady: (e: Error) => void = () => {}
    this.ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej })
    const readyTimer = setTimeout(() => rejectReady(new Error(`client agent in ${ns} did not start`)), 10_000)
    let stderr = ''
    child.stderr?.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-2000) })
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      this.buf += d
      let i: number
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, i)
        this.buf = this.buf.slice(i + 1)
        if (!line.trim()) continue
        const msg = JSON.parse(line) as { ready?: boolean; id?: number; results?: ConnResult[]; lookup?: LookupResult }
        if (msg.ready) { clearTimeout(readyTimer); resolveReady() }
        if (msg.id !== undefined) {
          const p = this.pending.get(msg.id)
          if (p) { clearTimeout(p.timer); this.pending.delete(msg.id); p.resolve(msg.lookup ?? msg.results ?? []) }
        }
      }
    })
    child.on('exit', (code) => {
      this.exited = true
      clearTimeout(readyTimer)
      const e = new Error(`client agent in ${ns} exited (${code}): ${stderr}`)
      rejectReady(e)
      for (const p of this.pending.values()) { clearTimeout(p.timer); p.reject(e) }
      this.pending.clear()
    })
  }

  static start(ns: string): Agent {
    return new Agent(ns, startDetached('ip', ['netns', 'exec', ns, process.execPath, AGENT]))
  }

  /** Runs one job; bounded in time by the job's own size. */
  send(job: Job): Promise<ConnResult[]> {
    const bound = (job.timeoutMs + job.replyMs) * Math.ceil(job.n / Math.max(1, job.conc)) + 15_000
    return this.request(job, bound) as Promise<ConnResult[]>
  }

  /** One getaddrinfo in the namespace (glibc, its resolv.conf). */
  lookup(name: string, timeoutMs: number): Promise<LookupResult> {
    return this.request({ lookup: name, timeoutMs }, timeoutMs + 15_000) as Promise<LookupResult>
  }

  private request(body: object, bound: number): Promise<ConnResult[] | LookupResult> {
    if (this.exited) return Promise.reject(new Error(`client agent in ${this.ns} is gone`))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.pending.delete(id); reject(new Error(`client agent in ${this.ns}: no answer to ${JSON.stringify(body)}`)) }, bound)
      this.pending.set(id, { resolve, reject, timer })
      this.child.stdin?.write(JSON.stringify({ id, ...body }) + '\n')
    })
  }

  stop(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer)
    this.pending.clear()
    killGroup(this.child)
  }
}

/** Starts agents for the given namespaces and waits for them. */
export async function startAgents(namespaces: string[]): Promise<Map<string, Agent>> {
  const agents = new Map<string, Agent>()
  for (const ns of new Set(namespaces)) agents.set(ns, Agent.start(ns))
  try {
    await Promise.all([...agents.values()].map((a) => a.ready))
  } catch (err) {
    for (const a of agents.values()) a.stop()
    throw err
  }
  return agents
}

/** Stops socat listeners (each with the children it forked). */
export function killServers(procs: ChildProcess[]): void {
  procs.forEach(killGroup)
}
