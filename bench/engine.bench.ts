/**
 * Engine benchmark (Node, one process): for each generated size,
 *  1. createSimulation vs yaml's parseAllDocuments alone on the same text
 *     (interleaved, medians), and createSimulation's phases. The engine
 *     parses one `---` section at a time and remembers the last text's
 *     sections (src/engine/parse/yamlDocuments.ts), so it is measured two
 *     ways: on a text new to it (every section changed: a comment added to
 *     each, differently on every run) and after a one-line edit (the edit the
 *     browser benchmark types, alternately on and off: one section new);
 *  2. iptablesSave for every node (fresh simulation, so kube-proxy's rules
 *     are built too), and requests traced per second.
 * Writes results/engine.json for bench/report.ts.
 *
 * Repetitions are bounded by count and by time (see PLAN): at L the
 * iptables-save of all 50 nodes takes minutes, so it is measured node by node
 * within a time budget and the all-nodes figure is extrapolated (and says so).
 */
import { parseAllDocuments } from 'yaml'
import { createSimulation, type RequestSpec } from '../src/engine'
import { prepare, SimulationImpl } from '../src/engine/simulation'
import { parseManifests } from '../src/engine/parse/parseManifests'
import { decodeObjects } from '../src/engine/objects/decodeObjects'
import { reconcileCluster } from '../src/engine/cluster/reconcile'
import { emptyRuntime } from '../src/engine/cluster/runtime'
import { iptablesSaveText } from '../src/engine/kubeproxy/iptables/iptablesSave'
import { generateCluster, type Size } from './generate'
import { log, median, repeat, sizesFromEnv, writeResult, type RepeatOptions } from './lib'

interface Plan {
  create: RepeatOptions
  phases: RepeatOptions
  /** iptables-save of all nodes, whole passes on a fresh simulation. */
  iptablesPasses?: RepeatOptions
  /** Or, when a pass is too slow: node by node on one fresh simulation, within this budget. */
  iptablesNodeBudgetMs?: number
  requestsBudgetMs: number
  maxRequests: number
}

const PLAN: Record<Size, Plan> = {
  S: { create: { min: 20, max: 60, budgetMs: 4000 }, phases: { min: 10, max: 30, budgetMs: 2000 }, iptablesPasses: { min: 5, max: 20, budgetMs: 3000 }, requestsBudgetMs: 2000, maxRequests: 5000 },
  M: { create: { min: 7, max: 21, budgetMs: 8000 }, phases: { min: 5, max: 9, budgetMs: 4000 }, iptablesPasses: { min: 3, max: 5, budgetMs: 8000 }, requestsBudgetMs: 3000, maxRequests: 3000 },
  L: { create: { min: 3, max: 7, budgetMs: 12000 }, phases: { min: 3, max: 3, budgetMs: 8000 }, iptablesNodeBudgetMs: 20000, requestsBudgetMs: 6000, maxRequests: 2000 },
}

export interface EngineSizeResult {
  size: Size
  counts: ReturnType<typeof generateCluster>['counts']
  simPods: number
  simServices: number
  errors: number
  warnings: number
  firstCreateMs: number
  /** On a text new to the engine (every section changed). */
  createMs: number[]
  /** After the one-line edit (one section new). */
  editMs: number[]
  parseMs: number[]
  phasesMs: { parseManifests: number; decodeObjects: number; reconcile: number; publicView: number }
  phaseReps: number
  iptables: {
    nodes: number
    measuredNodes: number
    extrapolated: boolean
    /** All nodes, ms per pass (medians of passes, or per-node median × nodes when extrapolated). */
    allNodesMs: number
    passes: number
    perNodeBuildMs: number
    perNodeTextMs: number
    linesPerNode: number
  }
  requests: { firstMs: number; warmupPassMs: number; mix: number; count: number; totalMs: number; perSecond: number; medianMs: number; delivered: number; outcomes: Record<string, number> }
}

/** The same cluster with every `---` section changed (a comment naming the run after each marker). */
function newText(yaml: string, run: number): string {
  return yaml.replaceAll('\n---\n', `\n---\n# run ${run}\n`)
}

/** The browser benchmark's edit: one character typed at the end of `line` (1-based). */
function editedText(yaml: string, line: number): string {
  const lines = yaml.split('\n')
  lines[line - 1] += 'x'
  return lines.join('\n')
}

function measureSize(size: Size): EngineSizeResult {
  const plan = PLAN[size]
  const gen = generateCluster(size)
  log(`engine ${size}: ${gen.counts.bytes} bytes, ${gen.counts.documents} documents`)

  // 1. createSimulation against yaml's own parse, interleaved so both see the same machine state.
  let t = performance.now()
  const first = createSimulation(gen.yaml)
  const firstCreateMs = performance.now() - t
  parseAllDocuments(gen.yaml) // warm-up
  const parseMs: number[] = []
  const createMs: number[] = []
  repeat((i) => {
    const text = newText(gen.yaml, i)
    const p = performance.now()
    parseAllDocuments(text)
    parseMs.push(performance.now() - p)
    const c = performance.now()
    createSimulation(text)
    createMs.push(performance.now() - c)
  }, plan.create)
  const edited = editedText(gen.yaml, gen.editLine)
  createSimulation(gen.yaml)
  const editMs = repeat((i) => {
    createSimulation(i % 2 === 0 ? edited : gen.yaml)
  }, plan.create)
  log(`engine ${size}: createSimulation median ${median(createMs).toFixed(1)} ms over ${createMs.length} (new text), ${median(editMs).toFixed(1)} ms after a one-line edit, parse ${median(parseMs).toFixed(1)} ms`)

  // Phases of createSimulation: parse (+ locate), decode, reconcile, the public view (SimulationImpl's copies).
  const ph = { parseManifests: [] as number[], decodeObjects: [] as number[], reconcile: [] as number[], publicView: [] as number[] }
  const phaseRuns = repeat((i) => {
    const text = newText(gen.yaml, 1000 + i)
    let a = performance.now()
    const parsed = parseManifests(text)
    ph.parseManifests.push(performance.now() - a)
    a = performance.now()
    decodeObjects(parsed.manifests)
    ph.decodeObjects.push(performance.now() - a)
    const prepared = prepare(gen.yaml, 1, undefined) // the same two steps again, to get a real Prepared
    const runtime = emptyRuntime()
    a = performance.now()
    const state = reconcileCluster(prepared.desired, runtime, 1, prepared.manifests)
    ph.reconcile.push(performance.now() - a)
    a = performance.now()
    new SimulationImpl(prepared, runtime, state, [])
    ph.publicView.push(performance.now() - a)
  }, plan.phases)

  // 2a. iptables-save on every node.
  const nodes = first.nodes.map((n) => n.name)
  const buildTimes: number[] = []
  const textTimes: number[] = []
  let lines = 0
  let allNodesMs: number
  let passes: number
  let measuredNodes = nodes.length
  let extrapolated = false
  if (plan.iptablesPasses) {
    const sims = Array.from({ length: plan.iptablesPasses.max }, () => createSimulation(gen.yaml))
    const passTimes = repeat((i) => {
      for (const n of nodes) {
        const out = sims[i].iptablesSave(n)
        if (i === 0) lines += out.split('\n').length
      }
    }, plan.iptablesPasses)
    passes = passTimes.length
    allNodesMs = median(passTimes)
    // One more fresh simulation, split into rule building and printing.
    const sim = createSimulation(gen.yaml)
    for (const n of nodes) {
      let a = performance.now()
      const tables = sim.kubeProxy().iptablesTables(n)
      buildTimes.push(performance.now() - a)
      a = performance.now()
      iptablesSaveText(tables)
      textTimes.push(performance.now() - a)
    }
    lines = Math.round(lines / nodes.length)
  } else {
    const sim = createSimulation(gen.yaml)
    const start = performance.now()
    measuredNodes = 0
    // Worker nodes first (the control plane's rules are the same size; node 0 would do too).
    for (const n of nodes) {
      if (measuredNodes >= 1 && performance.now() - start > (plan.iptablesNodeBudgetMs ?? 0)) break
      let a = performance.now()
      const tables = sim.kubeProxy().iptablesTables(n)
      buildTimes.push(performance.now() - a)
      a = performance.now()
      const out = iptablesSaveText(tables)
      textTimes.push(performance.now() - a)
      lines += out.split('\n').length
      measuredNodes++
      log(`engine ${size}: iptables-save node ${n}: rules ${buildTimes.at(-1)!.toFixed(0)} ms, text ${textTimes.at(-1)!.toFixed(0)} ms`)
    }
    lines = Math.round(lines / measuredNodes)
    extrapolated = measuredNodes < nodes.length
    passes = extrapolated ? 0 : 1
    // The first node also pays for kube-proxy's shared service-port list; the per-node medians do not hide that.
    allNodesMs = (buildTimes.reduce((a, b) => a + b, 0) + textTimes.reduce((a, b) => a + b, 0)) * (nodes.length / measuredNodes)
  }

  // 2b. Requests traced per second on one simulation (after its first request, which builds the network).
  const sim = createSimulation(gen.yaml)
  const specs: RequestSpec[] = [...gen.requests]
  const lb = sim.services.find((s) => s.type === 'LoadBalancer' && !s.builtIn && s.loadBalancerIngress.length > 0)
  if (lb) specs.push({ from: 'external', url: `http://${lb.loadBalancerIngress[0]}:${lb.ports[0].port}` })
  const np = sim.services.find((s) => s.type === 'NodePort' && s.ports[0]?.nodePort)
  if (np) specs.push({ from: 'external', url: `http://${sim.nodes[1 % sim.nodes.length].ip}:${np.ports[0].nodePort}` })
  t = performance.now()
  sim.request(gen.request)
  const firstRequestMs = performance.now() - t
  // One untimed-for-the-rate pass over the mix: each node a packet enters builds its kube-proxy rules once
  // (at L ~0.2 s a node); the rate below is for a simulation that has done that.
  t = performance.now()
  for (const spec of specs) sim.request(spec)
  const warmupPassMs = performance.now() - t
  const outcomes: Record<string, number> = {}
  let delivered = 0
  const reqTimes: number[] = []
  const reqStart = performance.now()
  for (let i = 0; i < plan.maxRequests && performance.now() - reqStart < plan.requestsBudgetMs; i++) {
    const a = performance.now()
    const tr = sim.request(specs[i % specs.length])
    reqTimes.push(performance.now() - a)
    const key = tr.outcome.status === 'failed' ? tr.outcome.reason : tr.outcome.status
    outcomes[key] = (outcomes[key] ?? 0) + 1
    if (tr.outcome.status === 'delivered') delivered++
  }
  const totalMs = performance.now() - reqStart
  log(`engine ${size}: ${reqTimes.length} requests in ${totalMs.toFixed(0)} ms`)

  return {
    size,
    counts: gen.counts,
    simPods: first.pods.length,
    simServices: first.services.length,
    errors: first.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: first.diagnostics.filter((d) => d.severity === 'warning').length,
    firstCreateMs,
    createMs: createMs,
    editMs,
    parseMs,
    phasesMs: {
      parseManifests: median(ph.parseManifests),
      decodeObjects: median(ph.decodeObjects),
      reconcile: median(ph.reconcile),
      publicView: median(ph.publicView),
    },
    phaseReps: phaseRuns.length,
    iptables: {
      nodes: nodes.length, measuredNodes, extrapolated, allNodesMs, passes,
      perNodeBuildMs: median(buildTimes), perNodeTextMs: median(textTimes), linesPerNode: lines,
    },
    requests: { firstMs: firstRequestMs, warmupPassMs, mix: specs.length, count: reqTimes.length, totalMs, perSecond: reqTimes.length / (totalMs / 1000), medianMs: median(reqTimes), delivered, outcomes },
  }
}

const results: EngineSizeResult[] = []
for (const size of sizesFromEnv()) results.push(measureSize(size))
writeResult('engine', { node: process.version, results })
