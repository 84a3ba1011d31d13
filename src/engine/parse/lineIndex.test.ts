/**
 * Offsets -> lines and columns, and the YAML errors placed with it: every
 * position inside the text, even where the parser's own line counter skipped
 * a line or pointed past the end.
 */
import { describe, expect, it } from 'vitest'
import { createLineIndex } from './lineIndex'
import { parseManifests } from './parseManifests'

describe('createLineIndex', () => {
  const lines = createLineIndex('ab\ncd\n\nxyz')

  it('gives 1-based lines and columns, a `\\n` ending each line', () => {
    expect(lines.linePos(0)).toEqual({ line: 1, col: 1 })
    expect(lines.linePos(2)).toEqual({ line: 1, col: 3 })
    expect(lines.linePos(3)).toEqual({ line: 2, col: 1 })
    expect(lines.linePos(6)).toEqual({ line: 3, col: 1 })
    expect(lines.linePos(10)).toEqual({ line: 4, col: 4 })
  })

  it('does not point outside the text when asked for an offset past either end', () => {
    expect(lines.linePos(99)).toEqual({ line: 4, col: 4 })
    expect(lines.linePos(-5)).toEqual({ line: 1, col: 1 })
    expect(createLineIndex('').linePos(1)).toEqual({ line: 1, col: 1 })
  })
})

describe('parseManifests error positions', () => {
  it('does not put the end of an unclosed `{` past the end of the text', () => {
    const [d] = parseManifests('{').diagnostics
    expect(d).toMatchObject({ code: 'YAML_SYNTAX', line: 1, column: 2, endLine: 1, endColumn: 2 })
  })

  it('does not lose a line after `-&a` (the parser\'s line counter skips it)', () => {
    const text = '- 80\n-&a\n  apiVersion: {}\n'
    const lines = text.split('\n')
    const { diagnostics } = parseManifests(text)
    expect(diagnostics.length).toBeGreaterThan(0)
    for (const d of diagnostics) {
      expect(d.line).toBeLessThanOrEqual(lines.length)
      expect(d.column).toBeLessThanOrEqual(lines[d.line - 1].length + 1)
      expect(d.endColumn!).toBeLessThanOrEqual(lines[d.endLine! - 1].length + 1)
    }
    // The parser said "2:17" for an error on line 3 (line 2 has 3 characters).
    expect(diagnostics.some((d) => d.line === 3)).toBe(true)
  })
})
