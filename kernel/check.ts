/**
 * What the engine says a request can end in, what the kernel did, and the
 * comparison.
 *
 * An outcome is reduced to a key both sides can produce:
 *   `<namespace>/<pod> saw <source address>`  (delivered; the pod's answer names it)
 *   `CONNECTION_REFUSED` | `TIMEOUT`           (failed)
 * The kernel side adds keys that can never match an engine key
 * (`STALLED`, `ERROR <code>`, `GARBLED ...`).
 *
 * A refusal that came only after the first SYN was retransmitted (about 1 s,
 * the initial RTO) is still `CONNECTION_REFUSED`, as a delivery after a
 * retransmission is still a delivery: the retransmitted SYN has the same
 * addresses and ports, meets the same conntrack entry (so the same DNAT
 * choice) and the same filter rules, so it cannot take another rule path
 * than the lost first one. Such refusals are counted and reported
 * (`slowRefusals`), not failed. Seen here: in about one full run in two, the
 * first SYNs of one or two probes go unanswered, all connections of the probe
 * at once, both for a pod's RST and for a REJECT's ICMP error; re-running the
 * same scenarios right after, or under a full CPU load, did not reproduce it,
 * so the cause (outside the rules) is not pinned down.
 *
 * How the engine's possible outcomes are obtained (the brief's "possible pods"):
 * - Without ClientIP affinity the engine's only memory between requests is its
 *   random number stream, so calling `sim.request` K times on one simulation
 *   samples the engine's distribution: the set of keys is what the engine can
 *   answer, their frequencies are its probabilities. K = 64 for membership
 *   checks (a 1/4 outcome is missed with probability (3/4)^64 ≈ 1e-8) and
 *   SPREAD_SAMPLES for the spread test. Where the engine is deterministic
 *   (a single endpoint, ETP Local with one local endpoint, a REJECT, a DROP)
 *   the set has one key and every real connection must give exactly that key.
 * - With ClientIP affinity the engine remembers the client, so repeated requests
 *   on one simulation say nothing about the first choice. The possible first
 *   choices come from fresh simulations (same YAML, seed and actions) that first
 *   send m harmless requests (to 127.0.0.1:1, which touch no affinity list but
 *   advance the random stream), m = 0..AFFINITY_FRESH-1; the first real request
 *   of each is one possible choice (stopping early once every ready endpoint of
 *   the Service port has been a first choice: there can be no other). Separately, on one fresh simulation the
 *   engine must give the same key for all N requests (its affinity holds).
 */
import type { Simulation, Trace } from '../src/engine'
import type { ConnResult } from './servers'

export type Mode = 'each' | 'spread' | 'affinity'

export interface Probe {
  /** What the probe is about, in words. */
  what: string
  /** The engine's request source (`pod/<ns>/<name>`, `node/<name>`, `external`). */
  from: string
  host: string
  port: number
  count: number
  mode: Mode
  /** The Service port the request is for, when there is one (bounds the affinity search). */
  svc?: { name: string; namespace: string; port: number }
}

export const MEMBERSHIP_SAMPLES = 64
export const SPREAD_SAMPLES = 3000
export const AFFINITY_FRESH = 48
export const TIMEOUT_MS = 1500
/** Once connected, the server's line may take this long (process start-up on a busy 2-core machine). */
export const REPLY_MS = 5000
/** A refusal slower than this came after a retransmitted SYN (reported, not failed: see the top of this file). */
export const REFUSED_MAX_MS = 1000

export function urlOf(p: Probe): string {
  return `http://${p.host}:${p.port}`
}

export function engineKey(t: Trace): string {
  const o = t.outcome
  if (o.status === 'delivered') return `${o.namespace}/${o.pod} saw ${o.sourceIP}`
  if (o.status === 'failed') return o.reason
  return `LEFT_CLUSTER ${o.host}`
}

export function kernelKey(r: ConnResult): string {
  switch (r.r) {
    case 'ok': {
      const m = /^(\S+\/\S+) (\d+\.\d+\.\d+\.\d+)$/.exec(r.data ?? '')
      return m ? `${m[1]} saw ${m[2]}` : `GARBLED ${JSON.stringify(r.data ?? '')}`
    }
    case 'refused':
      return 'CONNECTION_REFUSED'
    case 'timeout':
      return 'TIMEOUT'
    case 'stalled':
      return `STALLED (connected, no answer in ${REPLY_MS} ms)`
    case 'error':
      return `ERROR ${r.code}`
  }
}

/** The pod a key names, if it is a delivery. */
export function podOfKey(key: string): string | undefined {
  const m = /^(\S+\/\S+) saw /.exec(key)
  return m ? m[1] : undefined
}

/** `pod/<ns>/<name>` or `pod/<name>` → `<ns>/<name>`. */
export function sourcePod(from: string): string | undefined {
  const [kind, ...rest] = from.split('/')
  if (kind !== 'pod') return undefined
  return rest.length === 1 ? `default/${rest[0]}` : `${rest[0]}/${rest[1]}`
}

export interface EngineView {
  dist: Map<string, number>
  total: number
  example: Map<string, Trace>
}

/** Samples the engine's answers to one request (non-affinity). */
export function engineSample(sim: Simulation, p: Probe, n: number): EngineView {
  const dist = new Map<string, number>()
  const example = new Map<string, Trace>()
  for (let i = 0; i < n; i++) {
    const t = sim.request({ from: p.from, url: urlOf(p) })
    const k = engineKey(t)
    dist.set(k, (dist.get(k) ?? 0) + 1)
    if (!example.has(k)) example.set(k, t)
  }
  return { dist, total: n, example }
}

export interface AffinityView {
  /** Possible first choices (over fresh simulations). */
  possible: EngineView
  /** The engine's own sequence of N requests on one fresh simulation. */
  sequence: string[]
  sequenceTrace: Trace
}

/**
 * `maxKeys`: how many first choices there can be at most (the Service port's
 * ready endpoints; 1 when it has none, as the outcome is then a fixed failure):
 * once that many have been seen, more fresh simulations cannot add one.
 */
export function engineAffinity(fresh: () => Simulation, p: Probe, maxKeys = Infinity): AffinityView {
  const dist = new Map<string, number>()
  const example = new Map<string, Trace>()
  let m = 0
  for (; m < AFFINITY_FRESH && dist.size < maxKeys; m++) {
    const sim = fresh()
    for (let b = 0; b < m; b++) sim.request({ from: p.from, url: 'http://127.0.0.1:1' })
    const t = sim.request({ from: p.from, url: urlOf(p) })
    const k = engineKey(t)
    dist.set(k, (dist.get(k) ?? 0) + 1)
    if (!example.has(k)) example.set(k, t)
  }
  const sim = fresh()
  const sequence: string[] = []
  let sequenceTrace: Trace | undefined
  for (let i = 0; i < p.count; i++) {
    const t = sim.request({ from: p.from, url: urlOf(p) })
    sequenceTrace ??= t
    sequence.push(engineKey(t))
  }
  return { possible: { dist, total: m, example }, sequence, sequenceTrace: sequenceTrace! }
}

// ---------------------------------------------------------------- statistics

/** ln Γ(a) for a = k/2 (all the chi-square test needs): Γ(1) = 1, Γ(1/2) = √π, Γ(a + 1) = a Γ(a). */
function lnGamma(a: number): number {
  let x = Number.isInteger(a) ? 1 : 0.5
  let v = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI)
  for (let i = 0; i < 1000 && x < a; i++) { v += Math.log(x); x += 1 }
  return v
}

/** Regularized upper incomplete gamma Q(a, x). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1
  if (x < a + 1) {
    let sum = 1 / a
    let del = sum
    let ap = a
    for (let n = 0; n < 500; n++) {
      del *= x / ++ap
      sum += del
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGamma(a))
  }
  let b = x + 1 - a
  let c = 1 / 1e-300
  let d = 1 / b
  let h = d
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < 1e-300) d = 1e-300
    c = b + an / c
    if (Math.abs(c) < 1e-300) c = 1e-300
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < 1e-15) break
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h
}

export interface ChiSquare {
  chi2: number
  df: number
  p: number
}

/**
 * Chi-square test of homogeneity: do the kernel's counts and the engine's
 * counts come from the same distribution? (2 × k table; both are samples.)
 */
export function chiSquareHomogeneity(a: Map<string, number>, b: Map<string, number>): ChiSquare {
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => (a.get(k) ?? 0) + (b.get(k) ?? 0) > 0)
  const na = [...a.values()].reduce((s, v) => s + v, 0)
  const nb = [...b.values()].reduce((s, v) => s + v, 0)
  if (keys.length < 2 || na === 0 || nb === 0) return { chi2: 0, df: 0, p: 1 }
  let chi2 = 0
  for (const k of keys) {
    const tot = (a.get(k) ?? 0) + (b.get(k) ?? 0)
    const ea = (na * tot) / (na + nb)
    const eb = (nb * tot) / (na + nb)
    chi2 += ((a.get(k) ?? 0) - ea) ** 2 / ea + ((b.get(k) ?? 0) - eb) ** 2 / eb
  }
  const df = keys.length - 1
  return { chi2, df, p: gammaQ(df / 2, chi2 / 2) }
}

/**
 * The spread tests together may fail by chance with probability at most 0.001:
 * each test uses p < 0.001 / SPREAD_TESTS_MAX (Bonferroni), and the run never
 * makes more than SPREAD_TESTS_MAX of them.
 */
export const SPREAD_TESTS_MAX = 50
export const SPREAD_ALPHA = 0.001 / SPREAD_TESTS_MAX

// ---------------------------------------------------------------- comparison

export interface ProbeResult {
  probe: Probe
  /** Kernel keys, one per connection, in order. */
  kernel: string[]
  kernelMs: number[]
  engine?: EngineView
  affinity?: AffinityView
  chi?: ChiSquare
  checks: number
  failures: string[]
  /** Hairpin connections (the source pod reached itself): reported, not counted. */
  hairpins: { kernel: string; engine: string[] }[]
  /** Refusals that came only after a retransmitted SYN (slower than REFUSED_MAX_MS): reported, not counted. */
  slowRefusals: number[]
}

function countKeys(keys: string[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
  return m
}

export function compare(p: Probe, results: ConnResult[], engine: EngineView | undefined, affinity: AffinityView | undefined): ProbeResult {
  const kernel = results.map(kernelKey)
  const out: ProbeResult = { probe: p, kernel, kernelMs: results.map((r) => r.ms), engine, affinity, checks: 0, failures: [], hairpins: [], slowRefusals: results.filter((r) => r.r === 'refused' && r.ms > REFUSED_MAX_MS).map((r) => r.ms) }
  const self = sourcePod(p.from)
  const isHairpin = (k: string): boolean => self !== undefined && podOfKey(k) === self
  const view = affinity ? affinity.possible : engine!
  const allowed = new Set([...view.dist.keys()].filter((k) => !isHairpin(k)))
  const engineHairpins = [...view.dist.keys()].filter(isHairpin)

  kernel.forEach((k, i) => {
    if (isHairpin(k)) {
      out.hairpins.push({ kernel: k, engine: engineHairpins })
      return
    }
    if (affinity && i > 0) return // judged below: it must repeat the first answer
    out.checks++
    if (!allowed.has(k)) out.failures.push(`connection ${i + 1}: the kernel gave "${k}", which the engine never gives (engine: ${[...allowed].join(' | ') || 'only hairpin outcomes'})`)
  })

  if (affinity) {
    out.checks++
    const distinct = [...new Set(kernel)]
    if (distinct.length !== 1) out.failures.push(`ClientIP affinity: the kernel's ${kernel.length} connections did not all reach the same place: ${distinct.join(' | ')}`)
    else out.checks += kernel.length - 1 // every later connection repeated the first
    out.checks++
    const engineDistinct = [...new Set(affinity.sequence)]
    if (engineDistinct.length !== 1) out.failures.push(`ClientIP affinity: the engine's own ${affinity.sequence.length} requests did not stick: ${engineDistinct.join(' | ')}`)
  }

  if (p.mode === 'spread' && engine) {
    const a = countKeys(kernel.filter((k) => !isHairpin(k)))
    const b = new Map([...engine.dist].filter(([k]) => !isHairpin(k)))
    const chi = chiSquareHomogeneity(a, b)
    out.chi = chi
    out.checks++
    if (chi.p < SPREAD_ALPHA) {
      out.failures.push(`spread: the kernel's counts ${fmtDist(a)} differ from the engine's ${fmtDist(b)} (chi2 = ${chi.chi2.toFixed(2)}, df = ${chi.df}, p = ${chi.p.toExponential(2)} < ${SPREAD_ALPHA.toExponential(1)})`)
    }
  }
  return out
}

export function fmtDist(m: Map<string, number>): string {
  return `{ ${[...m].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k}: ${v}`).join(', ')} }`
}

/** The steps of a trace as text, with the rules that decided them. */
export function traceText(t: Trace): string {
  const lines: string[] = []
  for (const s of t.steps) {
    lines.push(`    [${s.kind} @ ${s.at}] ${s.text}`)
    if (s.rules && s.rules.length > 0) for (const r of s.rules) lines.push(`        ${r}`)
    else if (s.rule) lines.push(`        ${s.rule}`)
  }
  lines.push(`    outcome: ${JSON.stringify(t.outcome)}`)
  return lines.join('\n')
}

/** The nodes a trace's steps happened at. */
export function traceNodes(t: Trace): string[] {
  const out = new Set<string>()
  for (const s of t.steps) {
    if (s.node) out.add(s.node)
    if (s.at.startsWith('node/')) out.add(s.at.slice(5))
  }
  return [...out]
}
