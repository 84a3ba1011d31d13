import { useAppStore } from '../../store'
import { selectDiagnostics, selectRevealLine, selectSchemaProblems } from '../../store/selectors'

interface Row {
  key: string
  severity: 'error' | 'warning' | 'info'
  source: string
  line: number
  column: number
  message: string
}

/** Every diagnostic (engine and schema) with its line; a click shows it in the editor. */
export default function ProblemsList() {
  const diagnostics = useAppStore(selectDiagnostics)
  const schema = useAppStore(selectSchemaProblems)
  const revealLine = useAppStore(selectRevealLine)
  const rows: Row[] = [
    ...diagnostics.map((d, i) => ({ key: `c${i}`, severity: d.severity, source: 'cluster', line: d.line, column: d.column, message: d.message })),
    ...schema.map((d, i) => ({ key: `s${i}`, severity: d.severity, source: 'schema', line: d.line, column: d.column, message: d.message })),
  ].sort((a, b) => a.line - b.line || a.column - b.column)
  if (rows.length === 0) return <div className="problems-empty" data-testid="problems">No problems.</div>
  return (
    <ul className="problems" data-testid="problems">
      {rows.map((r) => (
        <li key={r.key} className={`problem ${r.severity}`}>
          <button type="button" onClick={() => revealLine(r.line, r.column)} title="Show in the editor">
            <span className={`sev ${r.severity}`}>{r.severity}</span>
            <span className="where mono">{r.source} (line {r.line}, col {r.column})</span>
            <span className="msg">{r.message}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
