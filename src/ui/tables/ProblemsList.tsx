import { useTranslation } from '../../i18n/useTranslation'
import { useAppStore } from '../../store'
import { selectDiagnostics, selectRevealLine, selectSchemaProblems } from '../../store/selectors'

interface Row {
  key: string
  severity: 'error' | 'warning' | 'info'
  source: 'cluster' | 'schema'
  line: number
  column: number
  message: string
}

/** Every diagnostic (engine and schema) with its line; a click shows it in the editor. The messages are the API server's and the schema's own words. */
export default function ProblemsList() {
  const { t } = useTranslation()
  const diagnostics = useAppStore(selectDiagnostics)
  const schema = useAppStore(selectSchemaProblems)
  const revealLine = useAppStore(selectRevealLine)
  const rows: Row[] = [
    ...diagnostics.map((d, i) => ({ key: `c${i}`, severity: d.severity, source: 'cluster' as const, line: d.line, column: d.column, message: d.message })),
    ...schema.map((d, i) => ({ key: `s${i}`, severity: d.severity, source: 'schema' as const, line: d.line, column: d.column, message: d.message })),
  ].sort((a, b) => a.line - b.line || a.column - b.column)
  if (rows.length === 0) return <div className="problems-empty" data-testid="problems">{t('problems.none')}</div>
  return (
    <ul className="problems" data-testid="problems">
      {rows.map((r) => (
        <li key={r.key} className={`problem ${r.severity}`}>
          <button type="button" onClick={() => revealLine(r.line, r.column)} title={t('problems.show')}>
            <span className={`sev ${r.severity}`}>{t(`problems.severity.${r.severity}`)}</span>
            <span className="where mono">{t('problems.where', { source: t(`problems.source.${r.source}`), line: r.line, column: r.column })}</span>
            <span className="msg" data-i18n-skip="">{r.message}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
