import type { KubectlTable as Table } from '../../engine'

/** A kubectl table as HTML: the same columns and cells kubectl prints (kubectl's output, in English in every UI language). */
export default function KubectlTable({ table, command }: { table: Table; command: string }) {
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
            {table.rows.map((row, i) => (
              <tr key={`${row[0]}-${row[1]}-${i}`}>{row.map((cell, j) => <td key={j}>{cell}</td>)}</tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
