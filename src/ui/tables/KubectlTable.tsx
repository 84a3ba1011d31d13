import { memo, startTransition, useEffect, useState } from 'react'
import type { KubectlTable as Table } from '../../engine'

/**
 * Rows drawn in the first render; the rest follow right after it (a
 * transition), so that a cluster of thousands of pods does not hold back the
 * first paint of the graph. Every row is always drawn in the end.
 */
const FIRST_ROWS = 150

/** One row; re-renders only when one of its cells changed (a new engine result rebuilds every row). */
const Row = memo(
  function Row({ cells }: { cells: string[]; text: string }) {
    return <tr>{cells.map((cell, j) => <td key={j}>{cell}</td>)}</tr>
  },
  (a, b) => a.text === b.text,
)

/** A kubectl table as HTML: the same columns and cells kubectl prints (kubectl's output, in English in every UI language). */
export default function KubectlTable({ table, command }: { table: Table; command: string }) {
  const [limit, setLimit] = useState(FIRST_ROWS)
  const total = table.rows.length
  useEffect(() => {
    if (limit >= total) return
    const timer = setTimeout(() => startTransition(() => setLimit(total)), 0)
    return () => clearTimeout(timer)
  }, [limit, total])
  const rows = limit >= total ? table.rows : table.rows.slice(0, limit)
  return (
    <div className="kubectl" data-testid={`table-${command}`} data-i18n-skip="">
      <div className="kubectl-command mono">$ kubectl {command}</div>
      {table.rows.length === 0 && table.empty ? (
        <div className="kubectl-empty mono">{table.empty}</div>
      ) : (
        <table className="mono">
          <thead>
            <tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <Row key={`${row[0]}-${row[1]}-${i}`} cells={row} text={row.join('\u0000')} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
