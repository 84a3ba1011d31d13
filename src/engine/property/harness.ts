/**
 * How the property tests run: the number of cases (NUM_RUNS, at least 10,000
 * in CI), a fixed fast-check seed per property, one `property: <name>: N
 * cases` line per property in the test output, and a time bound on every
 * engine call ("never hangs"). Test-only: nothing in the engine imports this.
 */
import fc from 'fast-check'
import { expect } from 'vitest'
import { createSimulation } from '../index'
import type { Diagnostic, SimulationOptions } from '../api/types'
import type { SimulationImpl } from '../simulation'

/** Cases per property. PROPERTY_RUNS may lower it for a quick local run; CI runs the default. */
export const NUM_RUNS = runsFromEnv(10_000)

/** A single engine call slower than this counts as a hang. */
export const CALL_BOUND_MS = 2_000

function runsFromEnv(fallback: number): number {
  const raw = typeof process === 'undefined' ? undefined : process.env.PROPERTY_RUNS
  const n = raw === undefined ? NaN : Number(raw)
  return Number.isInteger(n) && n > 0 ? n : fallback
}

/** A wall clock for the tests (the engine itself has none). */
export function now(): number {
  // eslint-disable-next-line no-restricted-properties -- test harness: measures how long the engine takes, the engine never reads it
  return performance.now()
}

/** Runs `fn`, failing when it takes longer than `boundMs`. */
export function withinBound<T>(what: string, fn: () => T, boundMs = CALL_BOUND_MS): T {
  const start = now()
  const value = fn()
  const took = now() - start
  if (took > boundMs) throw new Error(`${what} took ${took.toFixed(0)} ms (bound ${boundMs} ms)`)
  return value
}

/** createSimulation under the time bound. */
export function simulate(text: string, options: SimulationOptions = {}, boundMs = CALL_BOUND_MS): SimulationImpl {
  return withinBound(`createSimulation (${text.length} chars)`, () => createSimulation(text, options), boundMs)
}

/** A vitest timeout for `runs` cases of about `msPerCase` each, with room for a slow, shared machine. */
export function timeoutFor(runs: number, msPerCase: number): number {
  return Math.max(60_000, Math.ceil(runs * msPerCase * 4))
}

export interface PropertyRun {
  name: string
  cases: number
  ms: number
}

/**
 * Checks `predicate` on `numRuns` cases of `arb` (default NUM_RUNS) with a
 * fixed seed, then prints `property: <name>: <cases> cases (<s> s, seed <seed>)`.
 * The predicate fails by throwing. On failure fast-check reports the seed,
 * the path and the shrunk counterexample.
 */
export function checkProperty<T>(name: string, arb: fc.Arbitrary<T>, predicate: (value: T) => void, seed: number, numRuns = NUM_RUNS): PropertyRun {
  let cases = 0
  const start = now()
  fc.assert(fc.property(arb, (value) => {
    cases++
    predicate(value)
  }), { seed, numRuns })
  const ms = now() - start
  console.log(`property: ${name}: ${cases} cases (${(ms / 1000).toFixed(1)} s, seed ${seed})`)
  return { name, cases, ms }
}

/**
 * Fails unless the two values serialise to the same JSON. Comparing the
 * text is many times faster than a deep equality over 10,000 runs; only on
 * a difference does the deep comparison run, for a readable diff.
 */
export function expectSameJson(actual: unknown, expected: unknown, message?: string): void {
  const a = typeof actual === 'string' ? actual : JSON.stringify(actual)
  const b = typeof expected === 'string' ? expected : JSON.stringify(expected)
  if (a === b) return
  expect(JSON.parse(a), message).toEqual(JSON.parse(b))
}

/** The lines of a text as the engine counts them (the YAML parser's LineCounter: `\n` ends a line). */
export function linesOf(text: string): string[] {
  return text.split('\n')
}

/** Why a diagnostic does not point inside the text, or undefined when it does. */
export function outsideText(d: Diagnostic, lines: string[]): string | undefined {
  const within = (line: number, column: number): boolean =>
    Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1].length + 1
  if (!within(d.line, d.column)) return `starts at ${d.line}:${d.column}, outside the text (${lines.length} lines)`
  if (d.endLine !== undefined || d.endColumn !== undefined) {
    const endLine = d.endLine ?? d.line
    const endColumn = d.endColumn ?? d.column
    if (!within(endLine, endColumn)) return `ends at ${endLine}:${endColumn}, outside the text (${lines.length} lines)`
    if (endLine < d.line || (endLine === d.line && endColumn < d.column)) return `ends at ${endLine}:${endColumn}, before it starts (${d.line}:${d.column})`
  }
  return undefined
}

/** Fails when the engine hit an internal error (createSimulation's safety net) or a diagnostic points outside the text. */
export function assertSound(sim: { diagnostics: Diagnostic[] }, text: string): void {
  const internal = sim.diagnostics.find((d) => d.code === 'ENGINE_ERROR')
  if (internal) throw new Error(`internal engine error: ${internal.message}`)
  const lines = linesOf(text)
  for (const d of sim.diagnostics) {
    const why = outsideText(d, lines)
    if (why) throw new Error(`diagnostic ${d.code ?? ''} "${d.message}" ${why}`)
  }
}
