/** Named selectors: components read the store only through these. */
import type { AppState } from './index'
import { hasErrors } from './index'

export const selectYaml = (s: AppState) => s.yaml
export const selectExternalVersion = (s: AppState) => s.externalVersion
export const selectSetYaml = (s: AppState) => s.setYaml
/** What the graph and tables show: the current cluster, or the last valid one while the text has errors. */
export const selectShownSim = (s: AppState) => (hasErrors(s.sim.diagnostics) ? s.lastGood : s.sim)
export const selectIsStale = (s: AppState) => hasErrors(s.sim.diagnostics)
export const selectDiagnostics = (s: AppState) => s.sim.diagnostics
export const selectSchemaProblems = (s: AppState) => s.schemaProblems
export const selectSetSchemaProblems = (s: AppState) => s.setSchemaProblems
export const selectBottomTab = (s: AppState) => s.bottomTab
export const selectSetBottomTab = (s: AppState) => s.setBottomTab
export const selectSelection = (s: AppState) => s.selection
export const selectSelect = (s: AppState) => s.select
export const selectReveal = (s: AppState) => s.reveal
export const selectRevealLine = (s: AppState) => s.revealLine
export const selectEditorWidth = (s: AppState) => s.editorWidth
export const selectBottomHeight = (s: AppState) => s.bottomHeight
export const selectSetEditorWidth = (s: AppState) => s.setEditorWidth
export const selectSetBottomHeight = (s: AppState) => s.setBottomHeight
export const selectSaveFailed = (s: AppState) => s.saveFailed
export const selectProblemCount = (s: AppState) =>
  s.sim.diagnostics.filter((d) => d.severity !== 'info').length + s.schemaProblems.filter((p) => p.severity !== 'info').length
