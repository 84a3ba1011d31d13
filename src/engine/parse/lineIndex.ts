/**
 * Text offset -> 1-based line and column, counted from the text itself (a
 * `\n` ends a line; columns are UTF-16 code units, as the editor counts
 * them). The YAML parser's own LineCounter is not used: it learns line
 * starts from its lexer, which skips some (the newline after `-&a`), and
 * then points later lines at the wrong place.
 */
export interface LineIndex {
  /** The line and column of `offset`, kept inside the text (the parser may point one past its end). */
  linePos(offset: number): { line: number; col: number }
}

export function createLineIndex(text: string): LineIndex {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return {
    linePos(offset) {
      const at = Math.max(0, Math.min(Number.isFinite(offset) ? Math.trunc(offset) : 0, text.length))
      // The last line start at or before `at`.
      let lo = 0
      let hi = starts.length - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (starts[mid] <= at) lo = mid
        else hi = mid - 1
      }
      return { line: lo + 1, col: at - starts[lo] + 1 }
    },
  }
}
