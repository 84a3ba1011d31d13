/**
 * Browser benchmark: the built app in headless Chromium (Debian's
 * /usr/bin/chromium through Playwright), served by a private `vite preview`.
 * For each generated size, the cluster's YAML is put in localStorage (where
 * the app keeps the editor text) before the page loads, then:
 *
 *  - load: navigation start -> first React Flow node visible and painted
 *    ("graph visible"), and -> Monaco showing text ("editor ready"); an init
 *    script's MutationObserver notes the DOM change, then rAF + a message
 *    marks the frame after it as painted. Also First Contentful Paint and
 *    which JS files had arrived before the graph was visible.
 *  - memory: JS heap used after a forced GC (CDP Performance.getMetrics).
 *  - edit -> graph: one key typed at the end of `  name: svc-0000` (then
 *    Backspace, alternately). From the keydown to the end of the first
 *    rendered frame after the graph DOM changed following the app's `engine` measure
 *    (src/store: on the main thread, or from post to result for the Web
 *    Worker, its detail says which). Split into the wait (keydown -> engine
 *    start: keystroke handling, the next task), the engine, and render
 *    (engine end -> painted).
 *  - animation: Send (client pod -> http://svc-0000); requestAnimationFrame
 *    deltas from the click until the trace outcome shows.
 *
 * Every wait is bounded (BENCH_TIMEOUT_MS, default 60 s): what timed out is
 * recorded as such and the rest goes on. Writes results/browser.json.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { generateCluster, type Size } from './generate'
import { log, median, percentile, sizesFromEnv, writeResult } from './lib'

const PORT = Number(process.env.BENCH_PORT ?? 4183)
const BASE = `http://127.0.0.1:${PORT}`
const DIST = process.env.BENCH_DIST_COPY ?? process.env.BENCH_DIST ?? 'dist'
const TIMEOUT = Number(process.env.BENCH_TIMEOUT_MS ?? 60_000)
const STORAGE_KEY = 'ksp:yaml:v1'

interface Plan { loads: number; edits: number }
/** Edits come in pairs (type, then Backspace) so the text ends as it began. */
const PLAN: Record<Size, Plan> = {
  S: { loads: 3, edits: 20 },
  M: { loads: 3, edits: 12 },
  L: { loads: 2, edits: 4 },
}

export interface LoadSample { graphMs?: number; editorMs?: number; fcpMs?: number; jsBeforeGraph: string[]; jsAfterGraph: string[]; jsBeforeFcp?: string[]; graphNodesInDom?: number }
/** `where`: the engine ran on the main thread or in the Web Worker (the `engine` measure's detail). */
export interface EditSample { totalMs: number; debounceMs: number; engineMs: number; renderMs: number; settledMs: number; where?: string; workerMs?: number }
export interface BrowserSizeResult {
  size: Size
  yamlBytes: number
  loads: LoadSample[]
  heapUsedMB?: number
  heapTotalMB?: number
  domNodes?: number
  edits: EditSample[]
  animation?: { frames: number[]; durationMs: number; steps: number; outcome: string }
  notes: string[]
}

function startPreview(): ChildProcess {
  const child = spawn('npx', ['--no-install', 'vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[preview] ${d}`))
  return child
}

async function waitForServer(preview: ChildProcess): Promise<void> {
  let exited = false
  preview.once('exit', () => { exited = true })
  const until = Date.now() + 30_000
  while (Date.now() < until) {
    if (exited) throw new Error(`vite preview stopped (is port ${PORT} taken? set BENCH_PORT)`)
    try {
      const res = await fetch(BASE)
      if (res.ok) return
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`vite preview did not answer on ${BASE}`)
}

/** Runs in the page before any of its scripts: the YAML in place, observers for the load marks. */
function initScript(arg: { key: string; yaml: string }): void {
  try {
    localStorage.setItem(arg.key, arg.yaml)
  } catch (e) {
    (window as unknown as { __benchInitError: string }).__benchInitError = String(e)
  }
  const marks: Record<string, number> = {}
  ;(window as unknown as { __load: Record<string, number> }).__load = marks
  const painted = (name: string): void => {
    marks[`${name}Dom`] = performance.now()
    requestAnimationFrame(() => {
      const ch = new MessageChannel()
      ch.port1.onmessage = () => { marks[name] = performance.now() }
      ch.port2.postMessage(0)
    })
  }
  let graph = false
  let editor = false
  const check = (): void => {
    if (!graph) {
      const n = document.querySelector('.react-flow__node')
      if (n && getComputedStyle(n).visibility === 'visible') { graph = true; painted('graph') }
    }
    if (!editor && document.querySelector('.monaco-editor .view-lines .view-line')) { editor = true; painted('editor') }
    if (graph && editor) mo.disconnect()
  }
  const mo = new MutationObserver(check)
  mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'class'] })
}

async function heap(page: Page): Promise<{ used: number; total: number; nodes: number }> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('Performance.enable')
  const { metrics } = await cdp.send('Performance.getMetrics')
  await cdp.detach()
  const get = (name: string): number => metrics.find((m) => m.name === name)?.value ?? NaN
  return { used: get('JSHeapUsedSize') / 1e6, total: get('JSHeapTotalSize') / 1e6, nodes: get('Nodes') }
}

async function measureLoad(context: BrowserContext): Promise<{ sample: LoadSample; page: Page }> {
  const page = await context.newPage()
  await page.goto(BASE, { waitUntil: 'commit', timeout: TIMEOUT })
  const sample: LoadSample = { jsBeforeGraph: [], jsAfterGraph: [] }
  try {
    await page.waitForFunction(() => {
      const m = (window as unknown as { __load?: Record<string, number> }).__load
      return !!m && m.graph !== undefined && m.editor !== undefined
    }, undefined, { timeout: TIMEOUT, polling: 100 })
  } catch {
    /* recorded as missing below */
  }
  const r = await page.evaluate(() => {
    const m = (window as unknown as { __load?: Record<string, number> }).__load ?? {}
    const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime
    const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => /\.js(\?|$)/.test(e.name))
      .map((e) => ({ name: e.name.replace(/^.*\//, ''), end: e.responseEnd }))
    return { graph: m.graph, editor: m.editor, fcp, js, nodes: document.querySelectorAll('.react-flow__node').length, initError: (window as unknown as { __benchInitError?: string }).__benchInitError }
  })
  sample.graphMs = r.graph
  sample.editorMs = r.editor
  sample.fcpMs = r.fcp
  sample.graphNodesInDom = r.nodes
  for (const f of r.js) (r.graph !== undefined && f.end <= r.graph ? sample.jsBeforeGraph : sample.jsAfterGraph).push(f.name)
  sample.jsBeforeFcp = r.fcp === undefined ? [] : r.js.filter((f) => f.end <= r.fcp!).map((f) => f.name)
  if (r.initError) throw new Error(`the YAML did not fit in localStorage: ${r.initError}`)
  return { sample, page }
}

/** Types at the end of line `line`, alternately a character and Backspace, and times each edit to the painted graph. */
async function measureEdits(page: Page, line: number, count: number, notes: string[]): Promise<EditSample[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __edit: { keys: number[]; muts: { t: number; painted: number }[]; done: boolean } }
    w.__edit = { keys: [], muts: [], done: false }
    addEventListener('keydown', (e) => { if (e.key === 'x' || e.key === 'Backspace') w.__edit.keys.push(performance.now()) }, true)
    const graph = document.querySelector('[data-testid="cluster-graph"]')!
    // When is a DOM change painted? In the first frame whose rendering starts after it: a change made
    // in a task is painted by the next frame, one made in a frame's requestAnimationFrame callbacks
    // (the app runs cheap edits there) by that same frame. A ResizeObserver callback runs in a frame's
    // rendering, after every rAF callback and layout, just before paint: a probe element that changes
    // size every frame gets one per frame. Changes before it are in that frame; a message posted from
    // it arrives once the frame is rendered, and that time is "painted".
    const probe = document.createElement('div')
    probe.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;pointer-events:none'
    document.body.append(probe)
    const waiting: number[] = []
    new ResizeObserver(() => {
      const inFrame = waiting.splice(0)
      if (inFrame.length === 0) return
      const ch = new MessageChannel()
      ch.port1.onmessage = () => {
        const painted = performance.now()
        for (const t of inFrame) w.__edit.muts.push({ t, painted })
      }
      ch.port2.postMessage(0)
    }).observe(probe)
    let wide = false
    const frame = (): void => {
      if (w.__edit.done) { probe.remove(); return } // measured: leave the page's frames alone
      wide = !wide
      probe.style.width = wide ? '2px' : '1px'
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
    new MutationObserver(() => {
      waiting.push(performance.now())
    }).observe(graph, { subtree: true, childList: true, attributes: true, characterData: true })
  })
  // Click inside the editor's visible top-left corner (clicking .view-lines itself aims at the middle
  // of the whole text, thousands of pixels down), then walk to the line with the keyboard.
  const box = await page.locator('.monaco-editor').first().boundingBox()
  if (!box) throw new Error('no editor on the page')
  await page.mouse.click(box.x + 80, box.y + 12)
  await page.keyboard.press('ControlOrMeta+Home')
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('End')
  await page.waitForTimeout(500)
  const samples: EditSample[] = []
  for (let i = 0; i < count; i++) {
    const before = await page.evaluate(() => performance.getEntriesByName('engine').length)
    await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace')
    try {
      const handle = await page.waitForFunction((n) => {
        const w = window as unknown as { __edit: { keys: number[]; muts: { t: number; painted: number }[]; done: boolean } }
        const engines = performance.getEntriesByName('engine')
        if (engines.length <= n) return null
        const e = engines[n]
        const end = e.startTime + e.duration
        const first = w.__edit.muts.find((m) => m.t >= end)
        if (!first) return null
        // Settled: the last painted DOM change before 500 ms without any.
        const later = w.__edit.muts.filter((m) => m.t >= end)
        let settled = later[0]
        for (const m of later) if (m.t - settled.painted < 500) settled = m
        if (performance.now() - settled.painted < 500) return null
        const key = w.__edit.keys[w.__edit.keys.length - 1]
        const detail = (e as PerformanceMeasure).detail as { where?: string; workerMs?: number } | null
        const where = detail?.where
        const workerMs = detail?.workerMs
        return { totalMs: first.painted - key, debounceMs: e.startTime - key, engineMs: e.duration, renderMs: first.painted - end, settledMs: settled.painted - key, where, workerMs }
      }, before, { timeout: TIMEOUT, polling: 50 })
      samples.push((await handle.jsonValue()) as EditSample)
      log(`  edit ${i + 1}/${count}: ${samples.at(-1)!.totalMs.toFixed(0)} ms (engine ${samples.at(-1)!.engineMs.toFixed(0)} ms${samples.at(-1)!.where ? `, ${samples.at(-1)!.where}` : ''}${samples.at(-1)!.workerMs !== undefined ? ` ${samples.at(-1)!.workerMs!.toFixed(0)} ms in it` : ''})`)
    } catch {
      notes.push(`edit ${i + 1}: the graph did not update within ${TIMEOUT / 1000} s`)
      break
    }
    await page.keyboard.press('Escape') // close a suggestion widget, if one opened
    await page.waitForTimeout(300)
  }
  await page.evaluate(() => { (window as unknown as { __edit: { done: boolean } }).__edit.done = true })
  return samples
}

async function measureAnimation(page: Page, from: string, url: string, notes: string[]): Promise<BrowserSizeResult['animation']> {
  await page.getByTestId('request-from').selectOption(from, { timeout: TIMEOUT })
  await page.getByTestId('request-url').fill(url)
  await page.getByTestId('request-count').fill('1')
  await page.waitForTimeout(500)
  await page.evaluate((limit) => {
    const w = window as unknown as { __frames: number[]; __framesDone: boolean }
    w.__frames = []
    w.__framesDone = false
    const start = performance.now()
    let last = 0
    const tick = (t: number): void => {
      if (last) w.__frames.push(t - last)
      last = t
      if (document.querySelector('[data-testid="trace-outcome"]') || performance.now() - start > limit) { w.__framesDone = true; return }
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  }, TIMEOUT)
  const t0 = Date.now()
  await page.getByTestId('send').click()
  try {
    await page.waitForFunction(() => (window as unknown as { __framesDone: boolean }).__framesDone, undefined, { timeout: TIMEOUT + 5000, polling: 250 })
  } catch {
    notes.push('animation: no outcome within the time limit')
  }
  const durationMs = Date.now() - t0
  const r = await page.evaluate(() => ({
    frames: (window as unknown as { __frames: number[] }).__frames,
    steps: document.querySelectorAll('[data-testid="trace-steps"] li').length,
    outcome: document.querySelector('[data-testid="trace-outcome"]')?.textContent ?? '(none)',
  }))
  return { frames: r.frames, durationMs, steps: r.steps, outcome: r.outcome.slice(0, 80) }
}

async function measureSize(browser: Browser, size: Size): Promise<BrowserSizeResult> {
  const gen = generateCluster(size)
  const plan = PLAN[size]
  const notes: string[] = []
  const result: BrowserSizeResult = { size, yamlBytes: gen.counts.bytes, loads: [], edits: [], notes }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(initScript, { key: STORAGE_KEY, yaml: gen.yaml })
  let page: Page | undefined
  try {
    for (let i = 0; i < plan.loads; i++) {
      if (page) await page.close()
      const r = await measureLoad(context)
      page = r.page
      result.loads.push(r.sample)
      log(`browser ${size}: load ${i + 1}/${plan.loads}: graph ${r.sample.graphMs?.toFixed(0) ?? 'timeout'} ms, editor ${r.sample.editorMs?.toFixed(0) ?? 'timeout'} ms`)
      if (r.sample.graphMs === undefined || r.sample.editorMs === undefined) {
        notes.push(`load ${i + 1}: ${r.sample.graphMs === undefined ? 'graph' : 'editor'} not ready within ${TIMEOUT / 1000} s`)
        break
      }
    }
    if (!page) return result
    await page.waitForTimeout(1000)
    const h = await heap(page)
    result.heapUsedMB = h.used
    result.heapTotalMB = h.total
    result.domNodes = h.nodes
    log(`browser ${size}: JS heap ${h.used.toFixed(0)} MB used after GC, ${h.nodes} DOM nodes`)
    if (result.loads.at(-1)?.editorMs !== undefined) result.edits = await measureEdits(page, gen.editLine, plan.edits, notes)
    result.animation = await measureAnimation(page, gen.request.from, gen.request.url, notes)
    log(`browser ${size}: animation ${result.animation?.frames.length ?? 0} frames, p95 ${percentile(result.animation?.frames ?? [], 95).toFixed(1)} ms`)
  } catch (e) {
    notes.push(`stopped: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
  } finally {
    await context.close()
  }
  return result
}

async function main(): Promise<void> {
  const preview = startPreview()
  const results: BrowserSizeResult[] = []
  let browser: Browser | undefined
  try {
    await waitForServer(preview)
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    const version = browser.version()
    for (const size of sizesFromEnv()) {
      results.push(await measureSize(browser, size))
      writeResult('browser', { chromium: version, port: PORT, results })
    }
    writeResult('browser', { chromium: version, port: PORT, results })
    log(`browser: done (${results.map((r) => `${r.size}: edit median ${median(r.edits.map((e) => e.totalMs)).toFixed(0)} ms`).join(', ')})`)
  } finally {
    await browser?.close()
    if (preview.pid) {
      try { process.kill(-preview.pid, 'SIGTERM') } catch { /* already gone */ }
    }
  }
}

await main()
