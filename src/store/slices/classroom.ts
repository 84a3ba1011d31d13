/**
 * Scenarios, lessons, challenges, share links and the classroom modes.
 * Loading anything replaces the editor text as one undoable edit.
 */
import type { StateCreator } from 'zustand'
import type { ProxyMode, RequestSpec } from '../../engine'
import type { GoalReport, Scenario } from '../../scenarios'
import type { DecodeRefusal, DecodeResult, SharedScenario } from '../../share/shareFormat'
import { DEFAULT_SCENARIO } from '../../scenarios/defaultScenario'
import { currentLanguage, setLanguage } from '../../i18n'
import { loadSavedYaml } from '../persistence'
import type { AppState } from '../index'

export type Theme = 'light' | 'dark'

type Library = typeof import('../../scenarios')
let library: Library | undefined
/**
 * The scenario library (25 YAML files, their checkers and patches) loads when
 * first needed, not with the first paint. Once loaded, it runs synchronously.
 */
export function loadLibrary(): Promise<Library> {
  return import('../../scenarios').then((lib) => (library = lib))
}
function withLibrary(fn: (lib: Library) => void): void {
  if (library) fn(library)
  else void loadLibrary().then(fn)
}
const PROGRESS_KEY = 'ksp:challenges:v1'
const THEME_KEY = 'ksp:theme'

export interface LinkNotice {
  kind: 'error' | 'ask'
  /** Why a link was refused (kind 'error'). */
  reason?: DecodeRefusal
  /** The format version of a link from a newer playground. */
  version?: number
  pending?: SharedScenario
}

export interface ClassroomSlice {
  scenarioId: string | null
  lessonStep: number
  presentation: boolean
  embed: boolean
  theme: Theme
  challengeReport: GoalReport | null
  solved: string[]
  linkNotice: LinkNotice | null
  loadScenario(id: string): void
  resetScenario(): void
  setLessonStep(step: number): void
  doLessonStep(): void
  checkChallenge(): void
  togglePresentation(): void
  setTheme(theme: Theme): void
  /** What a share link carries, for the current state (the classroom controls encode it: share/shareLink.ts). */
  sharedScenario(): SharedScenario
  /** Opens a decoded share link (`hash`: the fragment it was read from). */
  openLink(link: DecodeResult, hash: string): void
  acceptLink(): void
  dismissLink(): void
}

function readProgress(): string[] {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(PROGRESS_KEY) ?? '[]')
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

function readTheme(): Theme {
  try {
    const t = globalThis.localStorage?.getItem(THEME_KEY)
    if (t === 'light' || t === 'dark') return t
  } catch {
    // fall through
  }
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

export const createClassroomSlice: StateCreator<AppState, [], [], ClassroomSlice> = (set, get) => {
  /** Loads a scenario: its YAML, kube-proxy mode and suggested request. */
  const applyScenario = (s: Scenario, { toRequestSpec }: Library): void => {
    set({ scenarioId: s.id, lessonStep: 0, challengeReport: null, proxyMode: s.proxyMode, sent: [], history: [], stepCount: 0, playing: false })
    get().replaceYaml(s.yaml)
    const sim = get().sim
    const spec = toRequestSpec(sim, s.request)
    set({ requestFrom: spec.from, requestUrl: spec.url, requestHost: s.request.host ?? '', requestCount: s.request.count })
  }
  /** Puts a shared scenario on screen and replays its requests, so the same traces come back. */
  const applyShared = (sc: SharedScenario): void => {
    if (sc.lang) setLanguage(sc.lang)
    set({ scenarioId: sc.scenarioId ?? null, lessonStep: sc.lessonStep ?? 0, seed: sc.seed, proxyMode: sc.proxyMode, sent: [], history: [], stepCount: 0, playing: false, challengeReport: null, linkNotice: null })
    get().replaceYaml(sc.yaml, { actions: sc.actions })
    if (sc.request) {
      set({ requestFrom: sc.request.from, requestUrl: sc.request.url, requestHost: sc.request.host ?? '', requestCount: sc.request.count ?? 1 })
    }
    const history = sc.history ?? []
    if (history.length > 0) {
      const sim = get().sim
      const traces = history.map((spec) => ({ spec, trace: sim.request(spec) }))
      const count = Math.min(sc.request?.count ?? 1, traces.length)
      const sent = traces.slice(-count)
      set({ sent, history, shownRequest: sent.length - 1, stepCount: Number.MAX_SAFE_INTEGER })
    }
  }
  return {
    scenarioId: null,
    lessonStep: 0,
    presentation: false,
    embed: typeof location !== 'undefined' && new URLSearchParams(location.search).get('embed') === '1',
    theme: readTheme(),
    challengeReport: null,
    solved: readProgress(),
    linkNotice: null,
    loadScenario(id) {
      withLibrary((lib) => {
        const s = lib.scenarioById(id)
        if (s) applyScenario(s, lib)
      })
    },
    resetScenario() {
      const id = get().scenarioId
      if (id) {
        withLibrary((lib) => {
          const s = lib.scenarioById(id)
          if (s) applyScenario(s, lib)
        })
        return
      }
      set({ sent: [], history: [] })
      get().replaceYaml(DEFAULT_SCENARIO)
    },
    setLessonStep(step) {
      withLibrary(({ scenarioById }) => {
        const s = scenarioById(get().scenarioId ?? '')
        if (!s) return
        set({ lessonStep: Math.max(0, Math.min(s.lesson.length - 1, step)) })
      })
    },
    doLessonStep() {
      withLibrary(({ scenarioById, applyPatches, resolveAction }) => {
        const s = scenarioById(get().scenarioId ?? '')
        const step = s?.lesson[get().lessonStep]
        if (!s || !step) return
        if (step.proxyMode) get().setProxyMode(step.proxyMode)
        if (step.action) get().applyAction(resolveAction(get().sim, step.action))
        if (step.patch) {
          const r = applyPatches(get().yaml, step.patch)
          if (r.errors.length === 0) get().replaceYaml(r.yaml, { actions: get().actions })
        }
      })
    },
    checkChallenge() {
      withLibrary(({ scenarioById, checkGoals }) => {
        const s = scenarioById(get().scenarioId ?? '')
        if (!s?.goal) return
        const report = checkGoals(get().yaml, s.goal, { proxyMode: get().proxyMode, actions: get().actions })
        let solved = get().solved
        if (report.passed && !solved.includes(s.id)) {
          solved = [...solved, s.id]
          try {
            globalThis.localStorage?.setItem(PROGRESS_KEY, JSON.stringify(solved))
          } catch {
            // progress is kept for this page only
          }
        }
        set({ challengeReport: report, solved })
      })
    },
    togglePresentation() {
      set((st) => ({ presentation: !st.presentation }))
    },
    setTheme(theme) {
      set({ theme })
      try {
        globalThis.localStorage?.setItem(THEME_KEY, theme)
      } catch {
        // not saved
      }
    },
    sharedScenario() {
      const st = get()
      const request: SharedScenario['request'] = { from: st.requestFrom, url: st.requestUrl, count: st.requestCount }
      if (st.requestHost) request.host = st.requestHost
      return {
        yaml: st.yaml, actions: st.actions, seed: st.seed, proxyMode: st.proxyMode, request,
        scenarioId: st.scenarioId ?? undefined, lessonStep: st.scenarioId ? st.lessonStep : undefined,
        lang: currentLanguage(), history: st.history.slice(-1000),
      }
    },
    openLink(r, hash) {
      if (!r.ok) {
        // An empty fragment is the page itself; any other fragment was meant as a link and is refused aloud.
        if (r.reason !== 'not-a-share-link' || hash.length > 1) set({ linkNotice: { kind: 'error', reason: r.reason, version: r.version } })
        return
      }
      const saved = loadSavedYaml()
      const unsaved = saved !== null && saved !== r.scenario.yaml && saved !== DEFAULT_SCENARIO && saved.trim() !== ''
      if (unsaved) set({ linkNotice: { kind: 'ask', pending: r.scenario } })
      else applyShared(r.scenario)
    },
    acceptLink() {
      const pending = get().linkNotice?.pending
      if (pending) applyShared(pending)
    },
    dismissLink() {
      set({ linkNotice: null })
    },
  }
}

export type { RequestSpec, ProxyMode }
