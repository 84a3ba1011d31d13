/**
 * The production bundle: which JavaScript the browser must fetch before the
 * first paint (the module scripts and modulepreloads of the built index.html
 * and everything they import statically), and which comes later (dynamic
 * imports: Monaco's editor chunk; web workers). Sizes raw and gzip (zlib's
 * default level 6, what `gzip` does). Writes results/bundle.json.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { log, writeResult } from './lib'

export interface BundleFile {
  file: string
  raw: number
  gzip: number
  /** How the page gets it. */
  how: 'entry' | 'static import' | 'modulepreload' | 'dynamic import' | 'worker' | 'stylesheet' | 'lazy asset' | 'unreferenced'
}

export interface BundleResult {
  dist: string
  builtAt?: string
  beforePaintJs: BundleFile[]
  beforePaintCss: BundleFile[]
  lazyJs: BundleFile[]
  lazyOther: BundleFile[]
  totals: { beforePaintJsGzip: number; beforePaintJsRaw: number; beforePaintCssGzip: number; lazyJsGzip: number; lazyJsRaw: number }
}

const QUOTE = '["\'`]'
/** `import{a}from"./x.js"`, `import"./x.js"`, `export{a}from"./x.js"`: static, not `import(` (dynamic). */
const STATIC = new RegExp(`(?:^|[;}\\n\\s])(?:import|export)\\s*(?:[\\w$*{}\\s,]*?\\s*from\\s*)?${QUOTE}(\\.{1,2}/[^"'\`]+?\\.js)${QUOTE}`, 'g')
const DYNAMIC = new RegExp(`import\\(\\s*${QUOTE}(\\.{1,2}/[^"'\`]+?\\.js)${QUOTE}\\s*\\)`, 'g')

function gz(buf: Buffer): number {
  return zlib.gzipSync(buf).length
}

export function analyseBundle(dist: string): BundleResult {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
  const fileOf = (url: string): string => url.replace(/^\//, '').replace(/^\.\//, '')
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => fileOf(m[1]))
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => fileOf(m[1]))
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => fileOf(m[1]))

  const read = (f: string): string => fs.readFileSync(path.join(dist, f), 'utf8')
  const info = (f: string, how: BundleFile['how']): BundleFile => {
    const buf = fs.readFileSync(path.join(dist, f))
    return { file: f, raw: buf.length, gzip: gz(buf), how }
  }
  const resolve = (from: string, rel: string): string => path.posix.normalize(path.posix.join(path.posix.dirname(from), rel))

  // Static closure of the entry scripts and modulepreloads: all of it is fetched before the app runs.
  const before = new Map<string, BundleFile['how']>()
  const queue: string[] = []
  for (const e of entries) { before.set(e, 'entry'); queue.push(e) }
  for (const p of preloads) if (!before.has(p)) { before.set(p, 'modulepreload'); queue.push(p) }
  const dynamicRoots = new Set<string>()
  while (queue.length) {
    const f = queue.shift()!
    const code = read(f)
    for (const m of code.matchAll(STATIC)) {
      const dep = resolve(f, m[1])
      if (!before.has(dep) && fs.existsSync(path.join(dist, dep))) { before.set(dep, 'static import'); queue.push(dep) }
    }
    for (const m of code.matchAll(DYNAMIC)) dynamicRoots.add(resolve(f, m[1]))
  }

  // Everything else under assets: what the dynamic imports reach, workers, and the rest.
  const all = fs.readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`)
  const lazy = new Map<string, BundleFile['how']>()
  const lq = [...dynamicRoots].filter((f) => !before.has(f))
  for (const f of lq) lazy.set(f, 'dynamic import')
  while (lq.length) {
    const f = lq.shift()!
    if (!fs.existsSync(path.join(dist, f))) continue
    const code = read(f)
    for (const [re, how] of [[STATIC, 'static import'], [DYNAMIC, 'dynamic import']] as const) {
      for (const m of code.matchAll(re)) {
        const dep = resolve(f, m[1])
        if (!before.has(dep) && !lazy.has(dep)) { lazy.set(dep, how); lq.push(dep) }
      }
    }
  }
  for (const f of all) {
    if (!f.endsWith('.js') || before.has(f) || lazy.has(f)) continue
    lazy.set(f, /worker/i.test(f) ? 'worker' : 'unreferenced')
  }

  const beforePaintJs = [...before].map(([f, how]) => info(f, how))
  const beforePaintCss = styles.map((f) => info(f, 'stylesheet'))
  const lazyJs = [...lazy].filter(([f]) => fs.existsSync(path.join(dist, f))).map(([f, how]) => info(f, how))
  const lazyOther = all.filter((f) => !f.endsWith('.js') && !styles.includes(f)).map((f) => info(f, 'lazy asset'))
  const sum = (xs: BundleFile[], k: 'raw' | 'gzip'): number => xs.reduce((a, b) => a + b[k], 0)
  return {
    dist,
    builtAt: process.env.BENCH_DIST_BUILT,
    beforePaintJs,
    beforePaintCss,
    lazyJs,
    lazyOther,
    totals: {
      beforePaintJsGzip: sum(beforePaintJs, 'gzip'),
      beforePaintJsRaw: sum(beforePaintJs, 'raw'),
      beforePaintCssGzip: sum(beforePaintCss, 'gzip'),
      lazyJsGzip: sum(lazyJs, 'gzip'),
      lazyJsRaw: sum(lazyJs, 'raw'),
    },
  }
}

const dist = process.env.BENCH_DIST_COPY ?? process.env.BENCH_DIST ?? 'dist'
const result = analyseBundle(dist)
log(`bundle: ${result.beforePaintJs.length} JS file(s) before first paint, ${(result.totals.beforePaintJsGzip / 1000).toFixed(1)} kB gzip; ${result.lazyJs.length} lazy JS file(s), ${(result.totals.lazyJsGzip / 1000).toFixed(1)} kB gzip (kB = 1000 B, as in the table)`)
writeResult('bundle', result)
