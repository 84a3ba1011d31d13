/** Engine diagnostics -> Monaco markers. The only place that knows Monaco's marker shape. */
import type { Diagnostic } from '../../engine'

export interface MarkerData {
  severity: number
  message: string
  startLineNumber: number
  startColumn: number
  endLineNumber: number
  endColumn: number
  source: string
  code?: string
}

/** monaco.MarkerSeverity values. */
const SEVERITY = { error: 8, warning: 4, info: 2 } as const

export function toMonacoMarkers(diagnostics: Diagnostic[], lineLength: (line: number) => number): MarkerData[] {
  return diagnostics.map((d) => {
    const endLine = d.endLine ?? d.line
    let endColumn = d.endColumn ?? d.column
    if (endLine === d.line && endColumn <= d.column) endColumn = Math.max(d.column + 1, lineLength(d.line) + 1)
    return {
      severity: SEVERITY[d.severity],
      message: d.message,
      startLineNumber: d.line,
      startColumn: d.column,
      endLineNumber: endLine,
      endColumn,
      source: 'cluster',
      code: d.code,
    }
  })
}
