/** Which rows of a long table are near the view, and how wide its columns are (pure: no DOM). */

/** Rows [first, last) of the table body to draw. */
export interface RowWindow {
  first: number
  last: number
}

/**
 * The rows near the view. `bodyTop` is where the table body starts, in pixels
 * from the top of the scrolled view (negative once scrolled past it); rows are
 * `rowPx` tall; `overscan` more rows are drawn above and below.
 */
export function visibleRows(o: { bodyTop: number; viewHeight: number; rowPx: number; total: number; overscan: number }): RowWindow {
  if (o.rowPx <= 0 || o.total === 0) return { first: 0, last: Math.min(o.total, 2 * o.overscan) }
  const top = Math.floor(-o.bodyTop / o.rowPx)
  const bottom = Math.ceil((o.viewHeight - o.bodyTop) / o.rowPx)
  const first = Math.min(Math.max(0, top - o.overscan), o.total)
  const last = Math.max(first, Math.min(o.total, Math.max(0, bottom) + o.overscan))
  return { first, last }
}

/** Each column's width in characters: its longest cell or heading (kubectl pads its columns the same way). */
export function columnWidths(columns: string[], rows: string[][]): number[] {
  return columns.map((c, j) => rows.reduce((w, row) => Math.max(w, (row[j] ?? '').length), c.length))
}
