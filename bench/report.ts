/**
 * Reads the results of bench/engine.bench.ts, bench/bundle.ts and
 * bench/browser.ts and prints one table: each figure with the issue's target
 * next to it and PASS / MISS (or "—" where the issue sets no target).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { BrowserSizeResult } from './browser'
import type { BundleResult } from './bundle'
import type { EngineSizeResult } from './engine.bench'
import { SIZES, type Size } from './generate'
import { median, outDir, percentile, readResult } from './lib'

interface Meta { startedAt: string; loadavg: string; others: number; cpus: number; git: string }

const meta = readResult<Meta>('meta')
const engine = readResult<{ node: string; results: EngineSizeResult[] }>('engine')
const bundle = readResult<BundleResult>('bundle')
const browser = readResult<{ chromium: string; results: BrowserSizeResult[] }>('browser')

type Row = [section: string, size: string, metric: string, value: string, target: string, result: string]
const rows: Row[] = []
let section = ''
const add = (size: string, metric: string, value: string, target = '', result = ''): void => {
  rows.push([section, size, metric, value, target || '—', result || (target ? '' : '')])
}

const ms = (x: number | undefined): string =>
  x === undefined || Number.isNaN(x) ? 'n/a'
    : x < 10 ? `${x.toFixed(2)} ms`
      : x < 100 ? `${x.toFixed(1)} ms`
        : x < 10_000 ? `${Math.round(x).toLocaleString('en-US')} ms`
          : x < 120_000 ? `${(x / 1000).toFixed(1)} s`
            : `${(x / 60_000).toFixed(1)} min`
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`
const verdict = (ok: boolean | undefined): string => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS')
const sizeOf = (s: string): Size => s as Size

// 1 + 2. Engine
if (engine) {
  section = `Engine (Node ${engine.node}, one process, medians)`
  for (const r of engine.results) {
    const c = median(r.createMs)
    const p = median(r.parseMs)
    const ratio = c / p
    const spec = SIZES[sizeOf(r.size)]
    add(r.size, `cluster: ${spec.nodes} nodes, ${r.counts.pods} pods, ${r.counts.services} Services, ${r.counts.ingressRules} Ingress rules (${r.counts.documents} docs)`, `${kb(r.counts.bytes)} YAML → ${r.simPods} pods, ${r.simServices} Svc, ${r.errors} errors`)
    const e = median(r.editMs)
    add(r.size, `createSimulation after a one-line edit (${r.editMs.length} runs; the other sections remembered)`, ms(e), r.size === 'S' ? '< 5 ms' : '', r.size === 'S' ? verdict(e < 5) : '')
    add(r.size, `createSimulation on a text new to it (${r.createMs.length} runs; first call ${ms(r.firstCreateMs)})`, ms(c), r.size === 'S' ? '(< 5 ms)' : '', r.size === 'S' ? verdict(c < 5) : '')
    add(r.size, `yaml parseAllDocuments alone (${r.parseMs.length} runs, interleaved)`, ms(p))
    add(r.size, 'ratio createSimulation / parse', `${ratio.toFixed(2)}×`, r.size === 'L' ? '≤ 3×' : '', r.size === 'L' ? verdict(ratio <= 3) : '')
    const ph = r.phasesMs
    add(r.size, `  phases (${r.phaseReps} runs): parseManifests · decode · reconcile · public view`, `${ms(ph.parseManifests)} · ${ms(ph.decodeObjects)} · ${ms(ph.reconcile)} · ${ms(ph.publicView)}`)
    const ip = r.iptables
    const how = ip.extrapolated ? `measured ${ip.measuredNodes} of ${ip.nodes} nodes, ×${ip.nodes} extrapolated` : `${ip.passes} passes on fresh simulations`
    add(r.size, `iptablesSave, all ${ip.nodes} nodes (${how})`, ms(ip.allNodesMs))
    add(r.size, '  per node: build rules · print text (iptables-save lines)', `${ms(ip.perNodeBuildMs)} · ${ms(ip.perNodeTextMs)} (${ip.linesPerNode.toLocaleString('en-US')} lines)`)
    const q = r.requests
    add(r.size, `requests traced per second (${q.count.toLocaleString('en-US')} requests of a ${q.mix}-request mix, ${Math.round((q.delivered / Math.max(1, q.count)) * 100)}% delivered)`, `${Math.round(q.perSecond).toLocaleString('en-US')} /s`)
    add(r.size, '  per request (median) · first request · first pass over the mix (builds rules)', `${ms(q.medianMs)} · ${ms(q.firstMs)} · ${ms(q.warmupPassMs)}`)
  }
} else {
  section = 'Engine'
  add('', 'engine benchmark', 'not run or failed')
}

// 3. Browser
if (browser) {
  section = `Browser (headless Chromium ${browser.chromium}, vite preview on 127.0.0.1)`
  for (const r of browser.results) {
    const graph = r.loads.map((l) => l.graphMs).filter((x): x is number => x !== undefined)
    const editor = r.loads.map((l) => l.editorMs).filter((x): x is number => x !== undefined)
    const fcp = r.loads.map((l) => l.fcpMs).filter((x): x is number => x !== undefined)
    const timedOut = r.loads.length > graph.length ? ' — TIMED OUT' : ''
    add(r.size, `navigation → graph visible (${graph.length} loads${timedOut})`, graph.length ? ms(median(graph)) : 'timed out', '< 1 s', graph.length ? verdict(median(graph) < 1000) : 'MISS')
    add(r.size, `navigation → editor ready (${editor.length} loads)`, editor.length ? ms(median(editor)) : 'timed out')
    add(r.size, '  first contentful paint', fcp.length ? ms(median(fcp)) : 'n/a')
    const e = r.edits
    const target = r.size === 'S' ? 50 : r.size === 'L' ? 300 : undefined
    const total = median(e.map((x) => x.totalMs))
    const noDebounce = median(e.map((x) => x.engineMs + x.renderMs))
    const where = [...new Set(e.map((x) => x.where ?? '?'))].map((w) => `${e.filter((x) => (x.where ?? '?') === w).length} ${w === 'main' ? 'on the main thread' : w === 'worker' ? 'in the worker' : 'unknown'}`).join(', ')
    add(r.size, `edit → graph painted, keydown → painted (${e.length} edits; engine ${where})`, e.length ? ms(total) : 'n/a', target ? `< ${target} ms` : '', target ? (e.length ? verdict(total < target) : 'MISS') : '')
    add(r.size, '  the same without the wait before the engine: engine start → painted', e.length ? ms(noDebounce) : 'n/a', target ? `< ${target} ms` : '', target ? (e.length ? verdict(noDebounce < target) : 'MISS') : '')
    add(r.size, '  keydown → engine start · engine (measure, incl. the worker round trip) · engine end → painted', e.length ? `${ms(median(e.map((x) => x.debounceMs)))} · ${ms(median(e.map((x) => x.engineMs)))} · ${ms(median(e.map((x) => x.renderMs)))}` : 'n/a')
    const warm = e.slice(Math.floor(e.length / 2))
    add(r.size, '  first edit after the load (cold: code not yet optimised) · median of the second half (warm)', e.length ? `${ms(e[0].totalMs)} · ${ms(median(warm.map((x) => x.totalMs)))}` : 'n/a')
    add(r.size, '  keydown → last graph change painted (settled)', e.length ? ms(median(e.map((x) => x.settledMs))) : 'n/a')
    const a = r.animation
    if (a && a.frames.length) {
      add(r.size, `request animation frames: median (${a.frames.length} frames, ${a.steps} steps, ${(a.durationMs / 1000).toFixed(1)} s)`, ms(median(a.frames)))
      add(r.size, '  p95 frame', ms(percentile(a.frames, 95)), r.size === 'M' ? '< 20 ms' : '', r.size === 'M' ? verdict(percentile(a.frames, 95) < 20) : '')
      add(r.size, '  frames over 50 ms · longest', `${a.frames.filter((f) => f > 50).length} · ${ms(Math.max(...a.frames))}`)
    } else {
      add(r.size, 'request animation frames', 'not measured', r.size === 'M' ? '< 20 ms' : '', r.size === 'M' ? 'MISS' : '')
    }
    add(r.size, 'JS heap used after GC (page, loaded)', r.heapUsedMB !== undefined ? `${r.heapUsedMB.toFixed(1)} MB` : 'n/a', r.size === 'L' ? '< 300 MB' : '', r.size === 'L' ? verdict(r.heapUsedMB === undefined ? undefined : r.heapUsedMB < 300) : '')
    add(r.size, '  DOM nodes · graph nodes rendered (React Flow culls off-screen ones)', `${r.domNodes?.toLocaleString('en-US') ?? 'n/a'} · ${r.loads.at(-1)?.graphNodesInDom ?? 'n/a'}`)
    if (r.loads.at(-1)?.graphNodesInDom === 0) add(r.size, '  note: after fitView (min zoom 0.08) no graph node is in view: the pane shows edges only', '')
    for (const n of r.notes) add(r.size, `  note: ${n}`, '')
  }
} else {
  section = 'Browser'
  add('', 'browser benchmark', 'not run or failed')
}

// 4. Bundle
if (bundle) {
  section = `Production bundle (${bundle.dist.replace(/^.*node_modules\/\.cache\/ksp-bench\//, 'copy of ')}${bundle.builtAt ? `, built ${bundle.builtAt}` : ''}; gzip = zlib level 6, kB = 1000 B)`
  const t = bundle.totals
  add('', `JS loaded before first paint (${bundle.beforePaintJs.map((f) => path.basename(f.file)).join(', ')})`, `${kb(t.beforePaintJsGzip)} gzip (${kb(t.beforePaintJsRaw)} raw)`, '≤ 250 kB', verdict(t.beforePaintJsGzip <= 250_000))
  add('', 'CSS before first paint', `${kb(t.beforePaintCssGzip)} gzip`)
  add('', 'JS loaded after it (Monaco editor chunk, monaco-yaml, workers)', `${kb(t.lazyJsGzip)} gzip (${kb(t.lazyJsRaw)} raw)`)
  for (const f of bundle.lazyJs) add('', `  ${path.basename(f.file)} (${f.how})`, `${kb(f.gzip)} gzip (${kb(f.raw)} raw)`)
  for (const f of bundle.lazyOther) add('', `  ${path.basename(f.file)} (${f.how})`, `${kb(f.gzip)} gzip (${kb(f.raw)} raw)`)
  if (process.env.BENCH_DIST_STALE) add('', `  note: the build is older than ${process.env.BENCH_DIST_STALE} (BENCH_REBUILD=1 rebuilds first)`, '')
  const lazyNames = (pick: (l: BrowserSizeResult['loads'][number]) => string[] | undefined): string[] => {
    const seen = new Map<string, number>()
    const loads = (browser?.results ?? []).flatMap((r) => r.loads)
    for (const l of loads) for (const f of pick(l) ?? []) if (!bundle.beforePaintJs.some((b) => path.basename(b.file) === f)) seen.set(f, (seen.get(f) ?? 0) + 1)
    return [...seen].map(([f, n]) => `${f} (${n} of ${loads.length} loads)`)
  }
  const beforeFcp = lazyNames((l) => l.jsBeforeFcp)
  const beforeGraph = lazyNames((l) => l.jsBeforeGraph)
  if (beforeFcp.length) add('', `  note: lazy JS already downloaded at first contentful paint: ${beforeFcp.join(', ')}`, '')
  if (beforeGraph.length) add('', `  note: lazy JS already downloaded when the graph became visible: ${beforeGraph.join(', ')}`, '')
} else {
  section = 'Production bundle'
  add('', 'bundle analysis', 'not run or failed')
}

// Print.
const headers = ['Size', 'Metric', 'Value', 'Target', 'Result']
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i + 1].length)))
const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join(' │ ').trimEnd()
const rule = widths.map((w) => '─'.repeat(w)).join('─┼─')
const out: string[] = []
out.push(`Kube Service Playground benchmarks — ${meta?.startedAt ?? ''} — git ${meta?.git ?? '?'}`)
out.push(line(headers))
let last = ''
for (const r of rows) {
  if (r[0] !== last) {
    out.push(rule)
    out.push(`▸ ${r[0]}`)
    last = r[0]
  }
  out.push(line(r.slice(1)))
}
out.push(rule)
const pass = rows.filter((r) => r[5] === 'PASS').length
const miss = rows.filter((r) => r[5] === 'MISS').length
const elapsed = Number(process.env.BENCH_ELAPSED ?? NaN)
const loadEnd = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : '?'
out.push(`targets: ${pass} PASS, ${miss} MISS`)
out.push(`run took ${Number.isNaN(elapsed) ? '?' : `${Math.floor(elapsed / 60)} min ${elapsed % 60} s`} on ${meta?.cpus ?? '?'} cores; load average at start ${meta?.loadavg ?? '?'}, at end ${loadEnd}` +
  (meta && (Number(meta.loadavg.split(' ')[0]) > meta.cpus * 0.75 || meta.others > 0) ? ` — the machine was busy (${meta.others} other test/build processes at start): timings are pessimistic` : ''))
out.push(`results: ${outDir()}`)
const text = out.join('\n')
fs.writeFileSync(path.join(outDir(), 'table.txt'), `${text}\n`)
process.stdout.write(`${text}\n`)
