import { memo, useEffect, useMemo, useRef, useState } from 'react'
import type { KubectlTable as Table } from '../../engine'
import { columnWidths, visibleRows, type RowWindow } from './virtualRows'

/**
 * Tables up to this many rows are drawn whole; longer ones (a cluster of
 * thousands of pods) draw only the rows in view, plus a margin, with empty
 * space standing for the rest, so their size on the page and the scroll bar
 * are those of the whole table.
 */
const WINDOW_FROM = 200
/** Measures the table font's character width (the font is monospace: every character is this wide). */
const PROBE = '0123456789'
/** A cell's horizontal padding (styles.css, `.kubectl th`): a table cell's width includes it. */
const CELL_PAD_PX = 18
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 20

/** One row; re-renders only when one of its cells changed (a new engine result rebuilds every row). */
const Row = memo(
  function Row({ cells, index }: { cells: string[]; text: string; index?: number }) {
    return <tr aria-rowindex={index}>{cells.map((cell, j) => <td key={j}>{cell}</td>)}</tr>
  },
  (a, b) => a.text === b.text && a.index === b.index,
)

/** A kubectl table as HTML: the same columns and cells kubectl prints (kubectl's output, in English in every UI language). */
export default function KubectlTable({ table, command }: { table: Table; command: string }) {
  const windowed = table.rows.length > WINDOW_FROM
  return (
    <div className="kubectl" data-testid={`table-${command}`} data-i18n-skip="">
      <div className="kubectl-command mono">$ kubectl {command}</div>
      {table.rows.length === 0 && table.empty ? (
        <div className="kubectl-empty mono">{table.empty}</div>
      ) : windowed ? (
        <WindowedTable table={table} />
      ) : (
        <table className="mono">
          <thead>
            <tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <Row key={`${row[0]}-${row[1]}-${i}`} cells={row} text={row.join('\u0000')} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

/**
 * A long table: its columns get fixed widths from their longest cell (the
 * font is monospace, so that is exact and the columns do not shift while
 * scrolling), and only the rows near the view are in the page. Screen readers
 * get the whole table's row count and each row's position.
 */
function WindowedTable({ table }: { table: Table }) {
  const body = useRef<HTMLTableSectionElement>(null)
  const probe = useRef<HTMLSpanElement>(null)
  const [sizes, setSizes] = useState({ rowPx: 0, charPx: 0 })
  const [range, setRange] = useState<RowWindow>({ first: 0, last: Math.min(table.rows.length, 2 * OVERSCAN) })
  const widths = useMemo(() => columnWidths(table.columns, table.rows), [table])
  const total = table.rows.length
  const { rowPx, charPx } = sizes

  // The row height and the character width, measured once, after the first paint (a forced layout of the
  // whole page before it would hold the first paint back: at 5,000 pods by seconds).
  useEffect(() => {
    const row = body.current?.querySelector<HTMLTableRowElement>('tr[aria-rowindex]')
    const measured = { rowPx: row?.getBoundingClientRect().height ?? 0, charPx: (probe.current?.getBoundingClientRect().width ?? 0) / PROBE.length }
    if (measured.rowPx > 0) setSizes(measured)
  }, [])

  // The rows near the view, again on every scroll and resize of the panel that scrolls the table.
  useEffect(() => {
    const tbody = body.current
    const scroller = tbody?.closest<HTMLElement>('[data-scroller]')
    if (!tbody || !scroller || rowPx === 0) return
    const update = (): void => {
      const top = tbody.getBoundingClientRect().top - scroller.getBoundingClientRect().top
      const next = visibleRows({ bodyTop: top, viewHeight: scroller.clientHeight, rowPx, total, overscan: OVERSCAN })
      setRange((old) => (next.first === old.first && next.last === old.last ? old : next))
    }
    update()
    scroller.addEventListener('scroll', update, { passive: true })
    const resize = new ResizeObserver(update)
    resize.observe(scroller)
    return () => {
      scroller.removeEventListener('scroll', update)
      resize.disconnect()
    }
  }, [rowPx, total])

  const { first, last } = range.last > total ? { first: Math.max(0, total - 2 * OVERSCAN), last: total } : range
  return (
    <>
    <span ref={probe} className="char-probe" aria-hidden="true">{PROBE}</span>
    <table className="mono windowed" aria-rowcount={total + 1}>
      <thead>
        <tr aria-rowindex={1}>{table.columns.map((c, j) => <th key={c} scope="col" style={charPx ? { width: widths[j] * charPx + CELL_PAD_PX } : undefined}>{c}</th>)}</tr>
      </thead>
      <tbody ref={body}>
        {first > 0 && <Spacer columns={widths.length} height={first * rowPx} />}
        {table.rows.slice(first, last).map((row, i) => (
          <Row key={`${row[0]}-${row[1]}-${first + i}`} cells={row} text={row.join('\u0000')} index={first + i + 2} />
        ))}
        {last < total && <Spacer columns={widths.length} height={(total - last) * rowPx} />}
      </tbody>
    </table>
    </>
  )
}

/** Empty space standing for rows that are not drawn. */
function Spacer({ columns, height }: { columns: number; height: number }) {
  return <tr className="spacer" aria-hidden="true"><td colSpan={columns} style={{ height, padding: 0 }} /></tr>
}
