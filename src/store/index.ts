/**
 * The app state, one zustand store made of slices: editor (the YAML text),
 * simulation (the engine's output and the last valid one) and ui (panels,
 * selection). The engine runs only here, once per debounced edit.
 */
import { create } from 'zustand'
import { createSimulation, type Action, type Diagnostic, type ProxyMode, type Simulation } from '../engine'
import { DEFAULT_SCENARIO } from '../scenarios'
import { loadSavedYaml, saveYaml } from './persistence'
import { createTrafficSlice, type TrafficSlice } from './slices/traffic'
import { createClassroomSlice, type ClassroomSlice } from './slices/classroom'
import { createHistorySlice, type HistorySlice } from './slices/history'

export const ENGINE_DEBOUNCE_MS = 200

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
  saveFailed: boolean
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

function simulate(yaml: string, seed: number, proxyMode: ProxyMode | undefined, actions: Action[]): Simulation {
  let sim: Simulation = createSimulation(yaml, { seed, proxyMode })
  for (const action of actions) sim = sim.apply(action)
  return sim
}

let engineTimer: ReturnType<typeof setTimeout> | undefined

export function initialYaml(): string {
  return loadSavedYaml() ?? DEFAULT_SCENARIO
}

export const useAppStore = create<AppState>()((set, get, store) => {
  const yaml = initialYaml()
  const first = simulate(yaml, 1, undefined, [])
  const scheduleEngine = (): void => {
    if (engineTimer) clearTimeout(engineTimer)
    engineTimer = setTimeout(() => get().runEngine(), ENGINE_DEBOUNCE_MS)
  }
  return {
    ...createTrafficSlice(set, get, store),
    ...createClassroomSlice(set, get, store),
    ...createHistorySlice(set, get, store),
    // editor
    yaml,
    externalVersion: 0,
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
      if (engineTimer) clearTimeout(engineTimer)
      engineTimer = undefined
      const { yaml: text, seed, proxyMode, actions } = get()
      const t0 = performance.now()
      const sim = simulate(text, seed, proxyMode, actions)
      performance.measure?.('engine', { start: t0, end: performance.now() })
      if (hasErrors(sim.diagnostics)) {
        set({ sim })
        return
      }
      set({ sim, lastGood: sim })
      // The cluster changed: send the last request again so the picture shows today's path.
      const last = get().sent.at(-1)
      if (last) set({ sent: [{ spec: last.spec, trace: sim.request(last.spec) }], history: [last.spec], shownRequest: 0, stepCount: Number.MAX_SAFE_INTEGER, playing: false })
      else set({ history: [] })
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
