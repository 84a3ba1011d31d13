/**
 * Repeated mapping keys: the same errors the YAML parser's own check gives,
 * at the repeated key, found in linear time.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseAllDocuments, type Document } from 'yaml'
import { checkDuplicateKeys } from './duplicateKeys'
import { parseManifests } from './parseManifests'

function duplicates(text: string): { line: number; column: number }[] {
  return parseManifests(text).diagnostics.filter((d) => d.message.includes('Map keys must be unique')).map((d) => ({ line: d.line, column: d.column }))
}

describe('checkDuplicateKeys', () => {
  it('reports a repeated key at the repetition, in block and flow maps, at any depth', () => {
    expect(duplicates('a: 1\nb: 2\na: 3\n')).toEqual([{ line: 3, column: 1 }])
    expect(duplicates('x:\n  - {k: 1, k: 2}\n')).toEqual([{ line: 2, column: 12 }])
    expect(duplicates('metadata:\n  labels:\n    app: a\n    app: b\n')).toEqual([{ line: 4, column: 5 }])
  })

  it('compares keys by value as YAML reads them: 1 and "1" differ, two empty keys do not', () => {
    expect(duplicates('1: a\n"1": b\n')).toEqual([])
    expect(duplicates('? \n: a\n? \n: b\n')).toHaveLength(1)
  })

  it('refuses the document, as before', () => {
    const r = parseManifests('apiVersion: v1\nkind: Service\nkind: Pod\nmetadata: {name: x}\n')
    expect(r.syntaxOk).toBe(false)
    expect(r.manifests).toEqual([])
  })

  it('finds the one repeated key of a 20,000-key map (its time bound: property/hostileInputs.test.ts)', () => {
    const text = `labels:\n${Array.from({ length: 20_000 }, (_, i) => `  k${i}: v\n`).join('')}  k7: again\n`
    expect(duplicates(text)).toEqual([{ line: 20_002, column: 3 }])
  })

  it('finds as many repeated keys as the parser\'s own check', () => {
    const text = fc.array(fc.constantFrom('a: 1\n', 'a: 2\n', 'b:\n', '  a: 1\n', '  a: 2\n', '- a: 1\n', '  a: 3\n', '{a: 1, a: 2}\n', '---\n', '? [x]\n: 1\n'), { maxLength: 12 }).map((p) => p.join(''))
    fc.assert(fc.property(text, (t) => {
      const theirs = parseAllDocuments(t, { uniqueKeys: true }) as Document.Parsed[]
      const ours = parseAllDocuments(t, { uniqueKeys: false }) as Document.Parsed[]
      if (!Array.isArray(theirs)) return
      ours.forEach(checkDuplicateKeys)
      const count = (docs: Document.Parsed[]): number[] => docs.map((d) => d.errors.filter((e) => e.code === 'DUPLICATE_KEY').length)
      expect(count(ours)).toEqual(count(theirs))
    }), { seed: 42, numRuns: 2000 })
  })
})
