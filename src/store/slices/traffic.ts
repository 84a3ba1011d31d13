/**
 * The request console and the trace player: what to send, the traces that
 * came back, and where the animation is. Playback progress inside a step
 * lives in the animation component (refs), not here.
 */
import type { StateCreator } from 'zustand'
import type { RequestSpec, Trace } from '../../engine'
import type { AppState } from '../index'

export const SPEEDS = [0.5, 1, 2, 4] as const
export const MAX_REQUESTS = 1000

export interface SentRequest {
  spec: RequestSpec
  trace: Trace
}

export interface TrafficSlice {
  requestFrom: string
  requestUrl: string
  requestHost: string
  requestCount: number
  /** The requests sent by the last Send, in order (one per curl in the loop). */
  sent: SentRequest[]
  /** Every request sent to the current simulation, in order: replaying it reproduces the traces (share links). */
  history: RequestSpec[]
  /** Which of `sent` the player shows (the last one by default). */
  shownRequest: number
  /** Steps of the shown trace revealed so far (0 = none, steps.length = all). */
  stepCount: number
  playing: boolean
  speed: number
  setRequestFrom(from: string): void
  setRequestUrl(url: string): void
  setRequestHost(host: string): void
  setRequestCount(n: number): void
  sendRequest(): void
  showRequest(i: number): void
  play(): void
  pause(): void
  togglePlay(): void
  stepForward(): void
  stepBack(): void
  replay(): void
  setSpeed(speed: number): void
  clearTraffic(): void
}

function shownTrace(s: AppState): Trace | undefined {
  return s.sent[s.shownRequest]?.trace
}

export const createTrafficSlice: StateCreator<AppState, [], [], TrafficSlice> = (set, get) => ({
  requestFrom: 'pod/client',
  requestUrl: 'http://kubia',
  requestHost: '',
  requestCount: 1,
  sent: [],
  history: [],
  shownRequest: 0,
  stepCount: 0,
  playing: false,
  speed: 1,
  setRequestFrom: (requestFrom) => set({ requestFrom }),
  setRequestUrl: (requestUrl) => set({ requestUrl }),
  setRequestHost: (requestHost) => set({ requestHost }),
  setRequestCount: (n) => set({ requestCount: Math.max(1, Math.min(MAX_REQUESTS, Math.round(Number.isFinite(n) ? n : 1))) }),
  sendRequest() {
    const { sim, requestFrom, requestUrl, requestHost, requestCount } = get()
    const spec: RequestSpec = { from: requestFrom, url: requestUrl.trim() }
    if (requestHost.trim()) spec.headers = { Host: requestHost.trim() }
    const sent: SentRequest[] = []
    for (let i = 0; i < requestCount; i++) sent.push({ spec, trace: sim.request(spec) })
    set((s) => ({ sent, history: [...s.history, ...sent.map((r) => r.spec)].slice(-5000), shownRequest: sent.length - 1, stepCount: 0, playing: true }))
  },
  showRequest(i) {
    set((s) => ({ shownRequest: Math.max(0, Math.min(s.sent.length - 1, i)), stepCount: 0, playing: true }))
  },
  play() {
    const s = get()
    const t = shownTrace(s)
    if (!t) return
    set({ playing: true, stepCount: s.stepCount >= t.steps.length ? 0 : s.stepCount })
  },
  pause: () => set({ playing: false }),
  togglePlay() {
    if (get().playing) get().pause()
    else get().play()
  },
  stepForward() {
    const s = get()
    const t = shownTrace(s)
    if (!t) return
    set({ playing: false, stepCount: Math.min(t.steps.length, s.stepCount + 1) })
  },
  stepBack() {
    set((s) => ({ playing: false, stepCount: Math.max(0, s.stepCount - 1) }))
  },
  replay() {
    if (!shownTrace(get())) return
    set({ stepCount: 0, playing: true })
  },
  setSpeed: (speed) => set({ speed }),
  clearTraffic: () => set({ sent: [], history: [], shownRequest: 0, stepCount: 0, playing: false }),
})
