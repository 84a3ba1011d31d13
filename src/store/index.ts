/**
 * The app state, one zustand store made of slices: editor (the YAML text),
 * simulation (the engine's output and the last valid one) and ui (panels,
 * selection). The engine runs only here: on the main thread when it is
 * cheap or when the caller needs the result at once (scenario loads,
 * actions), and for an expensive edit in a Web Worker (engine.worker.ts,
 * through engineWorkerClient.ts, stale results dropped).
 */
import { create } from 'zustand'
import { createSimulation, SimulationImpl, type Action, type Diagnostic, type ProxyMode, type Simulation } from '../engine'
import { DEFAULT_SCENARIO } from '../scenarios/defaultScenario'
import { loadSavedYaml, saveYaml } from './persistence'
import { createTrafficSlice, type TrafficSlice } from './slices/traffic'
import { createClassroomSlice, type ClassroomSlice } from './slices/classroom'
import { createHistorySlice, type HistorySlice } from './slices/history'
import { EngineWorkerClient } from './engineWorkerClient'

/** Where the engine cannot run in a Web Worker (Node, tests), an expensive edit waits this long for the next keystroke. */
export const ENGINE_DEBOUNCE_MS = 200
/**
 * An edit whose engine run is predicted to take at most this long (from the
 * last run's cost per character) runs at once on the main thread; a longer
 * one runs in the engine's Web Worker, so typing never waits for it.
 */
export const ENGINE_SYNC_BUDGET_MS = 16

export type BottomTab = 'problems' | 'pods' | 'svc' | 'endpoints' | 'endpointslices' | 'ingress' | 'nodes'
  // The inspector (src/ui/inspect).
  | 'details' | 'rules' | 'dns' | 'env' | 'describe' | 'why'

/** A marker from Monaco's schema validation (monaco-yaml), kept as plain data. */
export interface SchemaProblem {
  severity: 'error' | 'warning' | 'info'
  message: string
  line: number
  column: number
}

export interface EditorSlice {
  yaml: string
  setYaml(text: string): void
  /**
   * Replaces the whole text (scenario load, scale); the editor applies it as
   * one undoable edit. The runtime actions become `options.actions` (none by
   * default: a new scenario starts fresh); undo brings the old ones back too.
   */
  replaceYaml(text: string, options?: { actions?: Action[] }): void
  /** Bumped by replaceYaml so the editor knows the text came from outside. */
  externalVersion: number
  /**
   * The text the page started with. The editor (loaded after the first paint)
   * starts its history from it, so a link opened before Monaco arrived is
   * still one Ctrl+Z away from the user's own text.
   */
  bootYaml: string
  saveFailed: boolean
  /** The engine's own failure on the current text (a bug), said on screen; null when it ran cleanly. */
  engineFailure: string | null
  /** The text another tab saved over this tab's scenario, until the user chooses which to keep. */
  otherTabText: string | null
  otherTabSaved(text: string): void
  /** Loads the other tab's text (one undoable edit). */
  loadOtherTabText(): void
  /** Keeps this tab's text and saves it again. */
  keepMyText(): void
}

export interface SimulationSlice {
  seed: number
  proxyMode: ProxyMode | undefined
  actions: Action[]
  /** The engine's result for the current text. */
  sim: Simulation
  /** The last result without errors: what the graph and tables show while the text has errors. */
  lastGood: Simulation
  schemaProblems: SchemaProblem[]
  runEngine(): void
  applyAction(action: Action): void
  clearActions(): void
  setProxyMode(mode: ProxyMode | undefined): void
  setSchemaProblems(problems: SchemaProblem[]): void
}

export interface UiSlice {
  bottomTab: BottomTab
  setBottomTab(tab: BottomTab): void
  selection: string | null
  select(id: string | null): void
  /** A request for the editor to show a line (bumped nonce so the same line can be revealed twice). */
  reveal: { line: number; column: number; nonce: number } | null
  revealLine(line: number, column?: number): void
  editorWidth: number
  bottomHeight: number
  setEditorWidth(px: number): void
  setBottomHeight(px: number): void
}

export type AppState = EditorSlice & SimulationSlice & UiSlice & TrafficSlice & ClassroomSlice & HistorySlice

export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/** The engine's own failure (a bug): said on screen, while the text stays saved and the last good cluster stays shown. */
let engineFailure: string | null = null
function noteFailure(err: unknown): void {
  engineFailure = err instanceof Error ? err.message : String(err)
}

function simulate(yaml: string, seed: number, proxyMode: ProxyMode | undefined, actions: Action[]): Simulation {
  engineFailure = null
  let sim: Simulation = createSimulation(yaml, { seed, proxyMode })
  for (const action of actions) {
    try {
      sim = sim.apply(action)
    } catch (err) {
      // The actions up to this one stay applied; the rest cannot be.
      noteFailure(err)
      break
    }
  }
  return sim
}

/** Cancels the engine run waiting for the next frame or the debounce, if one is. */
let cancelPendingRun: (() => void) | undefined
function cancelPending(): void {
  cancelPendingRun?.()
  cancelPendingRun = undefined
}
/**
 * Runs `run` later: 'frame' is just before the browser's next frame, so a cheap
 * edit's new graph is painted in the same frame as the typed character (a task
 * after the frame would wait for the editor's own rendering first); where there
 * are no frames (Node, tests), the next task. A number is a debounce in ms.
 */
function runLater(run: () => void, when: 'frame' | number): void {
  if (when === 'frame' && typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(run)
    cancelPendingRun = () => cancelAnimationFrame(id)
    return
  }
  const id = setTimeout(run, when === 'frame' ? 0 : when)
  cancelPendingRun = () => clearTimeout(id)
}
const engineWorker = new EngineWorkerClient()
/** The last engine run's cost per character of YAML (small texts count as 2,000 characters). */
let engineMsPerChar = 0
function noteEngineCost(chars: number, ms: number): void {
  engineMsPerChar = ms / Math.max(chars, 2000)
}

export function initialYaml(): string {
  return loadSavedYaml() ?? DEFAULT_SCENARIO
}

export const useAppStore = create<AppState>()((set, get, store) => {
  const yaml = initialYaml()
  const firstStart = performance.now()
  const first = simulate(yaml, 1, undefined, [])
  noteEngineCost(yaml.length, performance.now() - firstStart)
  engineWorker.warmUpWhenIdle({ yaml: DEFAULT_SCENARIO, seed: 1, proxyMode: undefined, actions: [] })
  /** Puts a new engine result on screen (the Simulation for the current text, seed, mode and actions). */
  const commitSim = (sim: Simulation): void => {
    if (hasErrors(sim.diagnostics)) {
      set({ sim, engineFailure })
      return
    }
    set({ sim, lastGood: sim })
    // When the page is idle, build the rules the first request needs (so Send answers at once);
    // not for large clusters, where that would be a long task in the way of typing.
    const small = engineMsPerChar * get().yaml.length <= 150
    if (small && typeof requestIdleCallback !== 'undefined' && sim instanceof SimulationImpl) {
      requestIdleCallback(() => { if (get().lastGood === sim) sim.prepareTraffic() }, { timeout: 3000 })
    }
    // The cluster changed: send the last request again so the picture shows today's path.
    const last = get().sent.at(-1)
    let trace: ReturnType<Simulation['request']> | undefined
    try {
      trace = last ? sim.request(last.spec) : undefined
    } catch (err) {
      noteFailure(err)
    }
    if (last && trace) set({ sent: [{ spec: last.spec, trace }], history: [last.spec], shownRequest: 0, stepCount: Number.MAX_SAFE_INTEGER, playing: false })
    else set({ history: [] })
    set({ engineFailure })
  }
  /** After an edit: cheap texts at once (before the next frame), expensive ones in the worker (stale results dropped). */
  const scheduleEngine = (): void => {
    cancelPending()
    const { yaml: text, seed, proxyMode, actions } = get()
    if (engineMsPerChar * text.length <= ENGINE_SYNC_BUDGET_MS) {
      engineWorker.cancel()
      runLater(() => get().runEngine(), 'frame')
      return
    }
    if (!engineWorker.available) {
      runLater(() => get().runEngine(), ENGINE_DEBOUNCE_MS)
      return
    }
    const t0 = performance.now()
    engineWorker.run({ yaml: text, seed, proxyMode, actions }, (sim, workerMs) => {
      const now = get()
      if (now.yaml !== text || now.seed !== seed || now.proxyMode !== proxyMode || now.actions !== actions) return
      noteEngineCost(text.length, workerMs)
      performance.measure?.('engine', { start: t0, end: performance.now(), detail: { where: 'worker', workerMs } })
      commitSim(sim)
    }, () => get().runEngine())
  }
  return {
    ...createTrafficSlice(set, get, store),
    ...createClassroomSlice(set, get, store),
    ...createHistorySlice(set, get, store),
    // editor
    yaml,
    externalVersion: 0,
    bootYaml: yaml,
    engineFailure: null,
    saveFailed: false,
    setYaml(text) {
      if (text === get().yaml) return
      set({ yaml: text, saveFailed: !saveYaml(text) })
      scheduleEngine()
    },
    replaceYaml(text, options = {}) {
      const before = get().actions
      const after = options.actions ?? []
      const pendingReplace = before === after || (before.length === 0 && after.length === 0) ? null : { before, after }
      set((s) => ({ yaml: text, externalVersion: s.externalVersion + 1, saveFailed: !saveYaml(text), actions: after, pendingReplace }))
      get().runEngine()
    },
    otherTabText: null,
    otherTabSaved(text) {
      set({ otherTabText: text === get().yaml ? null : text })
    },
    loadOtherTabText() {
      const text = get().otherTabText
      set({ otherTabText: null })
      if (text !== null) get().replaceYaml(text)
    },
    keepMyText() {
      set({ otherTabText: null, saveFailed: !saveYaml(get().yaml) })
    },

    // simulation
    seed: 1,
    proxyMode: undefined,
    actions: [],
    sim: first,
    lastGood: hasErrors(first.diagnostics) ? createSimulation('') : first,
    schemaProblems: [],
    runEngine() {
      cancelPending()
      // Synchronous: callers read the result right after. A result still coming from the worker is older: drop it.
      engineWorker.cancel()
      const { yaml: text, seed, proxyMode, actions } = get()
      const t0 = performance.now()
      const sim = simulate(text, seed, proxyMode, actions)
      const t1 = performance.now()
      noteEngineCost(text.length, t1 - t0)
      performance.measure?.('engine', { start: t0, end: t1, detail: { where: 'main' } })
      commitSim(sim)
    },
    applyAction(action) {
      const before = get().actions
      const after = [...before, action]
      get().recordActions(before, after)
      set({ actions: after })
      get().runEngine()
    },
    clearActions() {
      const before = get().actions
      if (before.length > 0) get().recordActions(before, [])
      set({ actions: [] })
      get().runEngine()
    },
    setProxyMode(mode) {
      set({ proxyMode: mode })
      get().runEngine()
    },
    setSchemaProblems(problems) {
      set({ schemaProblems: problems })
    },

    // ui
    bottomTab: 'pods',
    setBottomTab(tab) {
      set({ bottomTab: tab })
    },
    selection: null,
    select(id) {
      set({ selection: id })
    },
    reveal: null,
    revealLine(line, column = 1) {
      set((s) => ({ reveal: { line, column, nonce: (s.reveal?.nonce ?? 0) + 1 } }))
    },
    editorWidth: 360,
    bottomHeight: 200,
    setEditorWidth(px) {
      set({ editorWidth: Math.round(Math.min(Math.max(px, 260), 1100)) })
    },
    setBottomHeight(px) {
      set({ bottomHeight: Math.round(Math.min(Math.max(px, 120), 700)) })
    },
  }
})
