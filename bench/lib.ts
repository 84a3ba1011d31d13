/** Small helpers shared by the benchmark scripts (statistics, repetition with a time budget, results on disk). */
import fs from 'node:fs'
import path from 'node:path'

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}

export interface RepeatOptions {
  /** Always run at least this many times. */
  min: number
  /** Never more than this many. */
  max: number
  /** Stop adding runs (after `min`) once this much time has gone. */
  budgetMs: number
}

/** Runs `fn` repeatedly and returns each run's duration in ms. */
export function repeat(fn: (i: number) => void, o: RepeatOptions): number[] {
  const times: number[] = []
  const start = performance.now()
  for (let i = 0; i < o.max; i++) {
    if (i >= o.min && performance.now() - start > o.budgetMs) break
    const t = performance.now()
    fn(i)
    times.push(performance.now() - t)
  }
  return times
}

/** Where the scripts leave their JSON results for bench/report.ts. */
export function outDir(): string {
  const dir = process.env.BENCH_OUT ?? path.resolve('node_modules/.cache/ksp-bench/results')
  fs.mkdirSync(dir, { recursive: true })
  return dir
}

export function writeResult(name: string, data: unknown): void {
  fs.writeFileSync(path.join(outDir(), `${name}.json`), JSON.stringify(data, null, 2))
}

export function readResult<T>(name: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(outDir(), `${name}.json`), 'utf8')) as T
  } catch {
    return undefined
  }
}

/** Progress goes to stderr so the table on stdout stays clean. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`)
}

export const SIZE_LIST = ['S', 'M', 'L'] as const

/** `BENCH_SIZES=S,M` runs only some sizes (default all three). */
export function sizesFromEnv(): ('S' | 'M' | 'L')[] {
  const raw = process.env.BENCH_SIZES
  if (!raw) return [...SIZE_LIST]
  return raw.split(',').map((s) => s.trim().toUpperCase()).filter((s): s is 'S' | 'M' | 'L' => (SIZE_LIST as readonly string[]).includes(s))
}
