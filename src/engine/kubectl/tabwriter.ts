/**
 * Go's text/tabwriter as kubectl describe sets it up (tabbedString:
 * `out.Init(buf, 0, 8, 2, ' ', 0)`: minwidth 0, padding 2, padchar ' ',
 * no flags). Cells end with a tab; the text after a line's last tab is not
 * part of any column. A column is aligned over a block of consecutive lines
 * that all have a cell in it (Writer.format), so a line with fewer cells
 * ends the block. Widths count runes, as utf8.RuneCount does.
 */

const PADDING = 2

function width(text: string): number {
  return [...text].length
}

/** Formats tab-separated text (lines ending with '\n') the way tabwriter.Writer does. */
export function tabwrite(text: string): string {
  const endsWithNewline = text.endsWith('\n')
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'))
  const out: string[] = []
  const widths: number[] = []

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]
      let line = ''
      cells.forEach((cell, j) => {
        line += cell
        if (j < widths.length) line += ' '.repeat(Math.max(0, widths[j] - width(cell)))
      })
      out.push(line)
    }
  }

  const format = (line0: number, line1: number): void => {
    const column = widths.length
    let start = line0
    for (let row = line0; row < line1; row++) {
      if (column >= lines[row].length - 1) continue
      // A cell in this column: lines before it are printed with the widths known so far.
      writeLines(start, row)
      start = row
      let w = 0
      for (; row < line1; row++) {
        const cells = lines[row]
        if (column >= cells.length - 1) break
        w = Math.max(w, width(cells[column]) + PADDING)
      }
      widths.push(w)
      format(start, row)
      widths.pop()
      start = row
      row-- // the loop's row++ must look at the line that ended the block again
    }
    writeLines(start, line1)
  }

  format(0, lines.length)
  return out.join('\n') + (endsWithNewline ? '\n' : '')
}
