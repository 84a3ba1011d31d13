/**
 * createSimulation on anything a user can type or paste: it never throws,
 * never hits its internal-error safety net (ENGINE_ERROR), never takes more
 * than CALL_BOUND_MS, and every diagnostic points at a line and column
 * inside the text.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ProxyMode } from '../api/types'
import { ALL_SCENARIOS, anyText, manifestText, mutatedScenario, yamlStream } from './arbitraries'
import { assertSound, checkProperty, NUM_RUNS, simulate, timeoutFor } from './harness'

const SOUND = 'createSimulation never throws, never hangs, and every diagnostic lies inside the text'

function soundOn(text: string, proxyMode?: ProxyMode, seed?: number): void {
  const sim = simulate(text, { proxyMode, seed })
  assertSound(sim, text)
}

describe('createSimulation', () => {
  it('is sound on arbitrary strings', () => {
    const run = checkProperty(`${SOUND} (arbitrary strings)`, anyText, (text) => soundOn(text), 0x5eed01)
    expect(run.cases).toBe(NUM_RUNS)
  }, timeoutFor(NUM_RUNS, 1))

  it('is sound on arbitrary YAML documents', () => {
    const run = checkProperty(`${SOUND} (arbitrary YAML documents)`, yamlStream, (text) => soundOn(text), 0x5eed02)
    expect(run.cases).toBe(NUM_RUNS)
  }, timeoutFor(NUM_RUNS, 2))

  it('is sound on structurally valid manifests with random field values', () => {
    const run = checkProperty(`${SOUND} (manifests with random field values)`, fc.tuple(manifestText, fc.nat()), ([text, seed]) => soundOn(text, undefined, seed), 0x5eed03)
    expect(run.cases).toBe(NUM_RUNS)
  }, timeoutFor(NUM_RUNS, 4))

  it('is sound on mutations of every built-in scenario', () => {
    const run = checkProperty(`${SOUND} (mutated lessons and challenges)`, mutatedScenario, (m) => soundOn(m.text, m.proxyMode), 0x5eed04)
    expect(run.cases).toBe(NUM_RUNS)
  }, timeoutFor(NUM_RUNS, 4))

  it('is sound on every built-in scenario as shipped', () => {
    expect(ALL_SCENARIOS.length).toBeGreaterThan(20)
    for (const s of ALL_SCENARIOS) soundOn(s.yaml, s.proxyMode)
  })
})
