/**
 * Runs the kernel conformance test: for each scenario, builds the engine's
 * simulation, materialises it as namespaces with the engine's rules loaded,
 * sends real connections, and compares them with what the engine says.
 * See kernel/README.md for what is checked and how.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { createSimulation, type Simulation } from '../src/engine'
import {
  AFFINITY_FRESH, compare, engineAffinity, engineSample, fmtDist, MEMBERSHIP_SAMPLES, SPREAD_ALPHA, SPREAD_SAMPLES, SPREAD_TESTS_MAX,
  REFUSED_MAX_MS, REPLY_MS, TIMEOUT_MS, traceNodes, traceText, urlOf, type AffinityView, type EngineView, type Probe, type ProbeResult,
} from './check'
import {
  compareDns, dnsmasqRecords, DnsServers, engineDns, ensureDnsmasq, removeDirs, removeEtcNetnsIfCreated, resolvConf, writePodResolvConf, type DnsProbe, type DnsResult,
} from './dns'
import { generateCluster } from './generate'
import { killAll, peakLive, pool, run, sleep } from './proc'
import { inlineScenarios, type Scenario } from './scenarios'
import { Agent, killServers, listenersFor, startAgents, startServers } from './servers'
import { buildTopology, cleanStale, cleanupOnExit as cleanupNamespacesOnExit, destroyNamespaces, flushRecent, type LbRoute, type Topology } from './topology'

function cleanupOnExit(): void {
  killAll()
  cleanupNamespacesOnExit()
}

export const GENERATED_CLUSTERS = 50
/** Scenarios built and probed at the same time (2 cores: while one waits on timeouts, another builds). */
const PARALLEL_SCENARIOS = 3
/** Probes of one scenario in flight at once, and connections per probe at once. */
const PARALLEL_PROBES = 10
const CONNS_PER_PROBE = 6
/** No scenario starts after this (the whole run must stay under 3 minutes). */
const BUDGET_MS = 150_000
/** Mismatch reports printed in full on the console (all of them go to reports/kernel-mismatches.txt). */
const CONSOLE_DETAILS = 12

export interface ScenarioResult {
  name: string
  kind: Scenario['kind']
  probes: ProbeResult[]
  roundTrip: { node: string; ok: boolean; diff?: string }[]
  errors: string[]
  connections: number
  ms: number
  /** Full text about each mismatch of this scenario (trace, real result, rules). */
  details: string[]
  notRun?: boolean
  /** Milliseconds per phase: engine, namespaces, processes, phase A, phase B, DNS, teardown. */
  phases?: Record<string, number>
  dns: DnsResult[]
}

export interface Summary {
  skipped?: string
  /** Why the DNS checks did not run, if they did not. */
  dnsSkipped?: string
  results: ScenarioResult[]
  ms: number
  stale: string[]
  peakProcesses: number
}

// ------------------------------------------------------------------ preflight

/** Why the test cannot run here, or undefined when it can. */
export async function preflight(): Promise<string | undefined> {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not running as root (network namespaces and iptables need root)'
  const tools: [string, string[], string][] = [
    ['ip', ['netns', 'list'], 'iproute2 `ip netns`'],
    ['iptables-restore', ['--version'], 'iptables-restore'],
    ['iptables-save', ['--version'], 'iptables-save'],
    ['socat', ['-V'], 'socat'],
  ]
  for (const [cmd, args, what] of tools) {
    const r = await run(cmd, args, { timeoutMs: 5000 })
    if (r.code !== 0) return `${what} is not available (${(r.stderr || r.stdout).trim().split('\n')[0] || `exit ${r.code}`})`
  }
  const probeNs = `ksp${process.pid}probe`
  try {
    const add = await run('ip', ['netns', 'add', probeNs], { timeoutMs: 5000 })
    if (add.code !== 0) return `cannot create a network namespace (${add.stderr.trim()})`
    const ipt = await run('ip', ['netns', 'exec', probeNs, 'iptables-restore'], {
      input: '*nat\n:PREROUTING ACCEPT [0:0]\n:KSP-TEST - [0:0]\n-A KSP-TEST -m statistic --mode random --probability 0.5 -m recent --set --name KSPTEST -j MARK --set-xmark 0x4000/0x4000\nCOMMIT\n',
      timeoutMs: 5000,
    })
    if (ipt.code !== 0) return `iptables-restore does not work inside a namespace (${ipt.stderr.trim().split('\n')[0]})`
  } finally {
    await run('ip', ['netns', 'del', probeNs], { timeoutMs: 5000 })
  }
  return undefined
}

// ------------------------------------------------------------------ one scenario

function freshFactory(sc: Scenario): () => Simulation {
  return () => {
    let s: Simulation = createSimulation(sc.yaml, { seed: sc.seed })
    for (const a of sc.actions ?? []) s = s.apply(a)
    return s
  }
}

/** Where MetalLB puts each LoadBalancer address, according to the engine's trace. */
function lbRoutesFor(sim: Simulation, fresh: () => Simulation): LbRoute[] {
  const routes: LbRoute[] = []
  const probeSim = fresh()
  for (const s of sim.services) {
    for (const ip of s.loadBalancerIngress) {
      const t = probeSim.request({ from: 'external', url: `http://${ip}:${s.ports[0]?.port ?? 80}` })
      const step = t.steps.find((x) => x.kind === 'loadbalancer')
      if (!step) continue // e.g. ETP Local with no ready endpoint: no node takes the address
      const m = /^MetalLB \(L2\): (\S+) answers ARP for /.exec(step.text)
      if (!m) throw new Error(`LoadBalancer ${s.name} (${ip}) is not a MetalLB L2 address (a cloud load balancer cannot be emulated here): ${step.text}`)
      const node = sim.nodes.find((n) => n.name === m[1])
      if (!node) throw new Error(`the engine elected an unknown node ${m[1]} for ${ip}`)
      routes.push({ ip, via: node.ip })
    }
  }
  return routes
}

function normalizeSave(text: string): string {
  return text.split('\n').filter((l) => !l.startsWith('#')).map((l) => l.replace(/\[\d+:\d+\]$/, '[0:0]')).join('\n').trim()
}

function firstDiff(a: string, b: string): string {
  const x = a.split('\n')
  const y = b.split('\n')
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}:\n  engine:        ${x[i] ?? '(end)'}\n  iptables-save: ${y[i] ?? '(end)'}`
  }
  return ''
}

export async function runScenario(sc: Scenario, index: number, dnsOn: boolean): Promise<ScenarioResult> {
  const t0 = performance.now()
  const res: ScenarioResult = { name: sc.name, kind: sc.kind, probes: [], roundTrip: [], errors: [], connections: 0, ms: 0, details: [], dns: [] }
  const fresh = freshFactory(sc)
  let sim: Simulation
  let probes: Probe[]
  let lbRoutes: LbRoute[]
  let dnsProbes: DnsProbe[] = []
  try {
    sim = fresh()
    const errors = sim.diagnostics.filter((d) => d.severity === 'error')
    if (errors.length > 0) throw new Error(`the scenario's YAML has errors: ${errors.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`)
    const failed = sim.actionLog.filter((a) => !a.ok)
    if (failed.length > 0) throw new Error(`actions failed: ${failed.map((a) => a.message).join('; ')}`)
    probes = sc.probes(sim)
    if (dnsOn && sc.dns) dnsProbes = sc.dns(sim)
    lbRoutes = lbRoutesFor(sim, fresh)
  } catch (err) {
    res.errors.push(`setup: ${err instanceof Error ? err.message : String(err)}`)
    res.ms = performance.now() - t0
    return res
  }

  const phases: Record<string, number> = {}
  res.phases = phases
  let mark = performance.now()
  const lap = (name: string): void => { const now = performance.now(); phases[name] = (phases[name] ?? 0) + now - mark; mark = now }
  // What the engine says, for every probe (see check.ts for how).
  const sampler = fresh()
  const maxKeys = (p: Probe): number => {
    if (!p.svc) return Infinity
    const port = sim.services.find((x) => x.name === p.svc!.name && x.namespace === p.svc!.namespace)?.ports.find((x) => x.port === p.svc!.port)
    if (!port) return Infinity
    const eps = sim.endpoints(p.svc.name, p.svc.namespace).ready.filter((e) => e.portName === port.name)
    return Math.max(1, new Set(eps.map((e) => `${e.ip}:${e.port}`)).size)
  }
  const expected: { engine?: EngineView; affinity?: AffinityView }[] = probes.map((p) =>
    p.mode === 'affinity' ? { affinity: engineAffinity(fresh, p, maxKeys(p)) } : { engine: engineSample(sampler, p, p.mode === 'spread' ? SPREAD_SAMPLES : MEMBERSHIP_SAMPLES) })
  const dnsExpected = dnsProbes.map((p) => engineDns(sim, p))
  const dnsRecords = dnsProbes.length > 0 ? dnsmasqRecords(sim, dnsProbes) : []

  const prefix = `ksp${process.pid}s${index}`
  let topo: Topology | undefined
  let servers: Awaited<ReturnType<typeof startServers>> = []
  let agents = new Map<string, Agent>()
  const dnsServers = new DnsServers()
  let netnsDirs: string[] = []
  const results: (ProbeResult | undefined)[] = new Array(probes.length)
  try {
    lap('engine')
    topo = await buildTopology(sim, prefix, lbRoutes)
    lap('namespaces')
    for (const n of sim.nodes) {
      const want = normalizeSave(sim.iptablesSave(n.name))
      const got = normalizeSave(topo.saved.get(n.name) ?? '')
      res.roundTrip.push(want === got ? { node: n.name, ok: true } : { node: n.name, ok: false, diff: firstDiff(want, got) })
    }
    // Ports aimed at each pod IP: its endpoints' ports (any Service) and direct requests.
    const aimed = new Map<string, Set<number>>()
    const aim = (ip: string, port: number): void => { if (!aimed.has(ip)) aimed.set(ip, new Set()); aimed.get(ip)!.add(port) }
    for (const s of sim.services) for (const e of sim.endpoints(s.name, s.namespace).ready.concat(sim.endpoints(s.name, s.namespace).notReady)) aim(e.ip, e.port)
    for (const p of probes) aim(p.host, p.port)
    const t = topo
    // With DNS on, port 53 of the CoreDNS pods is dnsmasq's (UDP and TCP), not socat's.
    const corednsNs = new Set(t.pods.filter((p) => p.namespace === 'kube-system' && p.name.startsWith('coredns-')).map((p) => p.ns))
    const listeners = listenersFor(topo, aimed).filter((l) => !(dnsProbes.length > 0 && l.port === 53 && corednsNs.has(l.ns)))
    servers = await startServers(listeners)
    if (dnsProbes.length > 0) {
      // resolv.conf before the agents start: `ip netns exec` mounts it for them.
      const sources = [...new Set(dnsProbes.map((p) => p.from))].map((f) => ({ ns: t.nsFor(f), namespace: f.split('/')[1] }))
      netnsDirs = writePodResolvConf(sources)
      await dnsServers.start(t, sim, dnsRecords)
    }
    agents = await startAgents([...probes.map((p) => t.nsFor(p.from)), ...dnsProbes.map((p) => t.nsFor(p.from))])
    lap('processes')
    const job = (p: Probe, n: number, conc: number) => agents.get(t.nsFor(p.from))!.send({ host: p.host, port: p.port, n, conc, timeoutMs: TIMEOUT_MS, replyMs: REPLY_MS })

    // Phase A: requests that do not depend on history, concurrently.
    const independent = probes.map((p, i) => ({ p, i })).filter(({ p }) => p.mode !== 'affinity')
    await pool(independent, PARALLEL_PROBES, async ({ p, i }) => {
      const r = await job(p, p.count, Math.min(p.count, CONNS_PER_PROBE))
      res.connections += r.length
      results[i] = compare(p, r, expected[i].engine, undefined)
    })
    lap('phase A')
    // Phase B: ClientIP affinity, one probe at a time, each after emptying every node's
    // xt_recent lists (the engine side starts from fresh simulations too).
    for (const [i, p] of probes.entries()) {
      if (p.mode !== 'affinity') continue
      await flushRecent(t)
      const first = await job(p, 1, 1)
      const rest = p.count > 1 ? await job(p, p.count - 1, 1) : []
      res.connections += first.length + rest.length
      results[i] = compare(p, [...first, ...rest], undefined, expected[i].affinity)
    }
    lap('phase B')
    // DNS: one lookup at a time per client pod (the query log is split by client address).
    const bySource = new Map<string, number[]>()
    dnsProbes.forEach((p, i) => { if (!bySource.has(p.from)) bySource.set(p.from, []); bySource.get(p.from)!.push(i) })
    const dnsOut: (DnsResult | undefined)[] = new Array(dnsProbes.length)
    await Promise.all([...bySource].map(async ([from, idx]) => {
      const agent = agents.get(t.nsFor(from))!
      const ip = t.pods.find((x) => x.ns === t.nsFor(from))!.ip
      for (const i of idx) {
        const before = dnsServers.log.get(ip)?.length ?? 0
        const r = await agent.lookup(dnsProbes[i].name, 8000)
        await sleep(150) // let the last log lines arrive
        const queried = (dnsServers.log.get(ip) ?? []).slice(before)
        const result = r.r === 'ok' ? [...r.addrs].sort().join(',') || 'NOT_FOUND' : r.r === 'error' && r.code === 'ENOTFOUND' ? 'NOT_FOUND' : r.r === 'error' ? `ERROR ${r.code}` : 'TIMEOUT'
        dnsOut[i] = compareDns(dnsProbes[i], dnsExpected[i], { result, queried })
      }
    }))
    res.dns = dnsOut.filter((x): x is DnsResult => x !== undefined)
    lap('DNS')
  } catch (err) {
    res.errors.push(`kernel side: ${err instanceof Error ? err.stack ?? err.message : String(err)}`)
  } finally {
    for (const a of agents.values()) a.stop()
    killServers(servers)
    dnsServers.stop()
    removeDirs(netnsDirs)
    if (topo) await destroyNamespaces(topo.all)
    lap('teardown')
  }

  res.probes = results.filter((r): r is ProbeResult => r !== undefined)
  for (const r of res.probes) if (r.failures.length > 0) res.details.push(mismatchText(sc, sim, r))
  for (const d of res.dns) {
    if (d.failures.length === 0) continue
    res.details.push([`=== MISMATCH (DNS) in scenario "${sc.name}"`, `lookup: ${d.probe.what}`,
      `request: sim.resolve('${d.probe.name}', '${d.probe.from.slice(4)}', 'A') vs getaddrinfo in that pod (resolv.conf: ${JSON.stringify(resolvConfText(d.probe))})`,
      `engine says: rcode ${d.engine.rcode}, result ${d.engine.result}, tried ${d.engine.tried.join(', ')}`,
      `kernel says: result ${d.kernel.result}, queried ${d.kernel.queried.join(', ')}`,
      ...d.failures.map((f) => `  ✗ ${f}`)].join('\n'))
  }
  for (const rt of res.roundTrip) {
    if (!rt.ok) res.details.push(`=== MISMATCH (iptables-save round trip) in "${sc.name}", node ${rt.node}\nthe rules loaded with iptables-restore do not save back identically:\n${rt.diff}\nengine's text:\n${sim.iptablesSave(rt.node)}`)
  }
  if (res.details.length > 0) res.details.push(`--- scenario "${sc.name}": YAML (seed ${sc.seed ?? 'default'}, actions ${JSON.stringify(sc.actions ?? [])})\n${sc.yaml}`)
  res.ms = performance.now() - t0
  return res
}

function resolvConfText(p: DnsProbe): string {
  return resolvConf(p.from.split('/')[1])
}

function mismatchText(sc: Scenario, sim: Simulation, r: ProbeResult): string {
  const p = r.probe
  const lines: string[] = []
  lines.push(`=== MISMATCH in scenario "${sc.name}"`)
  lines.push(`probe: ${p.what}`)
  lines.push(`request: sim.request({ from: '${p.from}', url: '${urlOf(p)}' }) × ${p.count} (${p.mode})`)
  const examples = r.affinity ? [...r.affinity.possible.example.values(), r.affinity.sequenceTrace] : [...(r.engine?.example.values() ?? [])]
  if (r.affinity) {
    lines.push(`engine says: first choice one of ${fmtDist(r.affinity.possible.dist)} (over ${r.affinity.possible.total} fresh simulations, at most ${AFFINITY_FRESH}); its own ${r.affinity.sequence.length} requests: ${r.affinity.sequence.join(' | ')}`)
  } else if (r.engine) {
    lines.push(`engine says: ${fmtDist(r.engine.dist)} (of ${r.engine.total} traced requests)`)
  }
  const seen = new Set<string>()
  for (const t of examples) {
    const text = traceText(t)
    if (seen.has(text)) continue
    seen.add(text)
    lines.push('engine trace:')
    lines.push(text)
  }
  const counts = new Map<string, number>()
  for (const k of r.kernel) counts.set(k, (counts.get(k) ?? 0) + 1)
  lines.push(`kernel says: ${fmtDist(counts)}; in order: ${r.kernel.slice(0, 12).join(' | ')}${r.kernel.length > 12 ? ' …' : ''}; connection times ${Math.min(...r.kernelMs)}-${Math.max(...r.kernelMs)} ms`)
  if (r.chi) lines.push(`spread: chi2 = ${r.chi.chi2.toFixed(2)}, df = ${r.chi.df}, p = ${r.chi.p.toExponential(2)} (fails below ${SPREAD_ALPHA.toExponential(1)})`)
  for (const f of r.failures) lines.push(`  ✗ ${f}`)
  const nodes = new Set<string>()
  const [kind, ...rest] = p.from.split('/')
  if (kind === 'node') nodes.add(rest.join('/'))
  if (kind === 'pod') {
    const [ns, name] = rest.length === 1 ? ['default', rest[0]] : rest
    const pod = sim.pods.find((x) => x.namespace === ns && x.name === name)
    if (pod) nodes.add(pod.node)
  }
  for (const t of examples) for (const n of traceNodes(t)) nodes.add(n)
  for (const n of nodes) {
    lines.push(`rules of node ${n} (sim.iptablesSave('${n}'), loaded unchanged):`)
    lines.push(sim.iptablesSave(n).trimEnd())
  }
  return lines.join('\n')
}

// ------------------------------------------------------------------ everything

export function allScenarios(generated = GENERATED_CLUSTERS): Scenario[] {
  // Spread probes: 3 inline + every second generated cluster (≤ SPREAD_TESTS_MAX in all).
  const list = [...inlineScenarios()]
  for (let i = 0; i < generated; i++) list.push(generateCluster(i, { spread: i % 2 === 0, dns: i % 5 === 1 }))
  return list
}

export async function runAll(scenarios: Scenario[]): Promise<Summary> {
  const t0 = performance.now()
  const why = await preflight()
  if (why) return { skipped: why, results: [], ms: performance.now() - t0, stale: [], peakProcesses: 0 }
  const stale = await cleanStale()
  const dnsSkipped = scenarios.some((sc) => sc.dns) ? await ensureDnsmasq() : 'no scenario asks for DNS'
  const results: ScenarioResult[] = []
  let spreadTests = 0
  // If the worker dies before the finally below (a vitest timeout, a signal), the
  // exit handler still ends this run's processes and namespaces, synchronously.
  process.once('exit', cleanupOnExit)
  const onSignal = (sig: NodeJS.Signals): void => { cleanupOnExit(); process.exit(sig === 'SIGINT' ? 130 : 143) }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    results.push(...await pool(scenarios, PARALLEL_SCENARIOS, async (sc, i) => {
      if (performance.now() - t0 > BUDGET_MS) {
        return { name: sc.name, kind: sc.kind, probes: [], roundTrip: [], errors: [`not run: the ${BUDGET_MS / 1000} s budget was used up`], connections: 0, ms: 0, details: [], notRun: true, dns: [] }
      }
      const r = await runScenario(sc, i, !dnsSkipped)
      spreadTests += r.probes.filter((p) => p.chi).length
      return r
    }))
  } finally {
    killAll()
    await cleanStale()
    removeEtcNetnsIfCreated()
    process.removeListener('exit', cleanupOnExit)
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }
  if (spreadTests > SPREAD_TESTS_MAX) {
    results.push({ name: 'test harness', kind: 'inline', probes: [], roundTrip: [], errors: [`${spreadTests} spread tests ran, more than the ${SPREAD_TESTS_MAX} the significance level is divided by`], connections: 0, ms: 0, details: [], dns: [] })
  }
  return { results, ms: performance.now() - t0, stale, peakProcesses: peakLive(), dnsSkipped }
}

// ------------------------------------------------------------------ report

export function report(sum: Summary): { text: string; failed: number; passed: number } {
  if (sum.skipped) return { text: `kernel: skipped — ${sum.skipped}`, failed: 0, passed: 0 }
  const lines: string[] = []
  const details: string[] = []
  let checks = 0
  let failedChecks = 0
  let connections = 0
  let spread = 0
  let dnsChecks = 0
  let hairpinLines: string[] = []
  const slowRefusals: string[] = []
  const mismatches: string[] = []
  for (const r of sum.results) {
    connections += r.connections
    for (const p of r.probes) {
      checks += p.checks
      failedChecks += p.failures.length
      if (p.chi) spread++
      if (p.failures.length > 0) mismatches.push(`${r.name} | ${p.probe.what} | ${p.probe.from} → ${p.probe.host}:${p.probe.port} | ${p.failures[0]}`)
      if (p.slowRefusals.length > 0) slowRefusals.push(`  ${r.name.slice(0, 60)} | ${p.probe.what}: ${p.slowRefusals.length} of ${p.kernel.length} (${p.slowRefusals.join(', ')} ms)`)
      if (p.hairpins.length > 0) {
        const k = new Map<string, number>()
        for (const h of p.hairpins) k.set(h.kernel, (k.get(h.kernel) ?? 0) + 1)
        const eng = [...new Set(p.hairpins.flatMap((h) => h.engine))]
        const agree = [...k.keys()].every((x) => eng.includes(x))
        hairpinLines.push(`  ${r.name} | ${p.probe.what}: kernel ${fmtDist(k)}; engine ${eng.join(' | ') || '(no hairpin outcome)'} → ${agree ? 'agree' : 'DIFFER'}`)
      }
    }
    for (const d of r.dns) {
      checks += d.checks
      dnsChecks += d.checks
      failedChecks += d.failures.length
      if (d.failures.length > 0) mismatches.push(`${r.name} | DNS ${d.probe.name} from ${d.probe.from} | ${d.failures[0]}`)
    }
    for (const rt of r.roundTrip) {
      checks++
      if (!rt.ok) { failedChecks++; mismatches.push(`${r.name} | iptables-save round trip on ${rt.node} | ${rt.diff?.split('\n')[0]}`) }
    }
    for (const e of r.errors) { failedChecks++; mismatches.push(`${r.name} | ERROR | ${e.split('\n')[0]}`) }
    details.push(...r.details)
    for (const e of r.errors) details.push(`=== ERROR in "${r.name}"\n${e}`)
  }
  hairpinLines = hairpinLines.slice(0, 40)
  const byKind = (k: Scenario['kind']) => sum.results.filter((r) => r.kind === k && !r.notRun).length
  const slowest = [...sum.results].sort((a, b) => b.ms - a.ms).slice(0, 3).map((r) => `${(r.ms / 1000).toFixed(1)} s ${r.name.slice(0, 60)}`)
  lines.push('')
  lines.push('== kernel conformance summary')
  lines.push(`scenarios: ${byKind('built-in')} built-in + ${byKind('inline')} inline + ${byKind('generated')} generated clusters${sum.results.some((r) => r.notRun) ? ` (${sum.results.filter((r) => r.notRun).length} NOT RUN)` : ''}`)
  lines.push(`connections: ${connections} real TCP connections; spread tests: ${spread} (each p < ${SPREAD_ALPHA.toExponential(1)}, family-wise 0.001)`)
  lines.push(sum.dnsSkipped ? `DNS: skipped — ${sum.dnsSkipped}` : `DNS: ${sum.results.reduce((n, r) => n + r.dns.length, 0)} lookups through kube-dns with glibc's resolver against dnsmasq serving the engine's CoreDNS answers (${dnsChecks} checks: result and names queried)`)
  lines.push(`checks: ${checks - failedChecks} passed, ${failedChecks} failed (per connection: pod and source address within the engine's possible outcomes; per affinity probe: one destination; per spread probe: chi-square; per node: iptables-save round trip; per DNS lookup: 2)`)
  lines.push(`time: ${(sum.ms / 1000).toFixed(1)} s; peak long-lived processes: ${sum.peakProcesses}; stale namespaces removed at start: ${sum.stale.length}`)
  lines.push(`slowest scenarios: ${slowest.join('; ')}`)
  const phaseTotals = new Map<string, number>()
  for (const r of sum.results) for (const [k, v] of Object.entries(r.phases ?? {})) phaseTotals.set(k, (phaseTotals.get(k) ?? 0) + v)
  lines.push(`time per phase, summed over scenarios (${PARALLEL_SCENARIOS} run at once): ${[...phaseTotals].map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`)
  if (hairpinLines.length > 0) {
    lines.push('hairpin (a pod reaching itself through its Service; reported, not counted — kernel-notes lesson 3):')
    lines.push(...hairpinLines)
  }
  const slowCount = sum.results.reduce((n, r) => n + r.probes.reduce((m, p) => m + p.slowRefusals.length, 0), 0)
  lines.push(`refusals after a retransmitted SYN (over ${REFUSED_MAX_MS} ms; counted as refused, reported, not failed — kernel/check.ts): ${slowCount}`)
  lines.push(...slowRefusals.slice(0, 20))
  if (mismatches.length > 0) {
    lines.push(`MISMATCHES (${mismatches.length}; full traces, real results and rules in reports/kernel-mismatches.txt):`)
    for (const m of mismatches.slice(0, 60)) lines.push(`  ✗ ${m}`)
  } else {
    lines.push('no mismatches: the kernel did what the engine says')
  }
  lines.push(`kernel: ${checks - failedChecks} passed, ${failedChecks} failed`)
  try {
    mkdirSync('reports', { recursive: true })
    writeFileSync('reports/kernel-mismatches.txt', details.length > 0 ? details.join('\n\n') + '\n' : 'no mismatches\n')
    writeFileSync('reports/kernel-summary.txt', lines.join('\n') + '\n')
    writeFileSync('reports/kernel-dns.txt', sum.results.flatMap((r) => r.dns.map((d) =>
      `${d.failures.length ? 'MISMATCH' : 'ok'} | ${r.name.slice(0, 40)} | ${d.probe.from} ${d.probe.name} | engine ${d.engine.rcode} ${d.engine.result} tried [${d.engine.tried.join(', ')}] | kernel ${d.kernel.result} queried [${d.kernel.queried.join(', ')}]`)).join('\n') + '\n')
  } catch { /* reports are a convenience */ }
  // The console gets the first CONSOLE_DETAILS mismatches in full; the file has all of them.
  if (details.length > 0) {
    const shown = details.slice(0, CONSOLE_DETAILS)
    if (details.length > shown.length) shown.push(`… ${details.length - shown.length} more mismatch reports in reports/kernel-mismatches.txt`)
    lines.unshift(shown.join('\n\n'))
  }
  return { text: lines.join('\n'), failed: failedChecks, passed: checks - failedChecks }
}
