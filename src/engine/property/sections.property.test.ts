/**
 * Parsing one `---` section at a time, with the previous text's sections
 * remembered (parse/yamlDocuments.ts), gives exactly what parsing the whole
 * text gives: the same manifests, field positions, diagnostics and
 * documents. Each case first parses a neighbouring text (the scenario before
 * its mutation, or the same stream with one document changed), so remembered
 * sections are reused the way they are while someone types.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseManifests } from '../parse/parseManifests'
import { sameParse } from '../testing/sameParse'
import { ALL_SCENARIOS, anyText, manifestText, mutatedScenario, yamlStream } from './arbitraries'
import { checkProperty, NUM_RUNS, timeoutFor } from './harness'

/** A text and the text typed just before it. */
const textAfterEdit: fc.Arbitrary<{ before: string; text: string }> = fc.oneof(
  fc.tuple(anyText, anyText).map(([before, text]) => ({ before, text })),
  fc.tuple(yamlStream, yamlStream).map(([a, b]) => ({ before: a, text: `${a}\n---\n${b}` })),
  fc.tuple(manifestText, manifestText).map(([a, b]) => ({ before: a, text: `${a}\n---\n${b}` })),
  mutatedScenario.map((m) => ({ before: ALL_SCENARIOS.find((s) => s.id === m.id)?.yaml ?? '', text: m.text })),
)

describe('parsing by section', () => {
  it('gives the same result as parsing the whole text', () => {
    const run = checkProperty('parsing by section = parsing the whole text (after a neighbouring text)', textAfterEdit, ({ before, text }) => {
      parseManifests(before)
      sameParse(text)
    }, 0x5eed40)
    expect(run.cases).toBe(NUM_RUNS)
  }, timeoutFor(NUM_RUNS, 6))
})
