/** Named selectors: components read the store only through these. */
import type { AppState } from './index'
import { hasErrors } from './index'

export const selectYaml = (s: AppState) => s.yaml
export const selectExternalVersion = (s: AppState) => s.externalVersion
export const selectSetYaml = (s: AppState) => s.setYaml
/** What the graph and tables show: the current cluster, or the last valid one while the text has errors. */
export const selectShownSim = (s: AppState) => (hasErrors(s.sim.diagnostics) ? s.lastGood : s.sim)
/** The engine's latest result, valid or not (a new one retries a part of the page that failed to render). */
export const selectEngineResult = (s: AppState) => s.sim
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

// Traffic: the request console and the trace player.
export const selectRequestFrom = (s: AppState) => s.requestFrom
export const selectRequestUrl = (s: AppState) => s.requestUrl
export const selectRequestHost = (s: AppState) => s.requestHost
export const selectRequestCount = (s: AppState) => s.requestCount
export const selectSent = (s: AppState) => s.sent
export const selectShownRequest = (s: AppState) => s.shownRequest
/** The trace the player shows, if a request was sent. */
export const selectShownTrace = (s: AppState) => s.sent[s.shownRequest]?.trace
/** The request the player shows (what was sent: source, URL, headers). */
export const selectShownSpec = (s: AppState) => s.sent[s.shownRequest]?.spec
/** True when the shown request failed (the inspector's "Why?" tab lights up). */
export const selectShownFailed = (s: AppState) => s.sent[s.shownRequest]?.trace.outcome.status === 'failed'
/** How many steps of the shown trace are revealed (clamped to its length). */
export const selectStepCount = (s: AppState) => Math.min(s.stepCount, s.sent[s.shownRequest]?.trace.steps.length ?? 0)
export const selectPlaying = (s: AppState) => s.playing
export const selectSpeed = (s: AppState) => s.speed
export const selectProxyMode = (s: AppState) => s.sim.proxyMode
