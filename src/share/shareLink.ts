/**
 * Share links: the whole scenario in the URL fragment, versioned and
 * compressed with lz-string: `#v1/<data>`. Decoding never throws: a link
 * that is not ours, truncated, from a future version or too big is refused
 * with a reason, and the caller keeps the user's work.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string'
import type { Action, ProxyMode } from '../engine'

import { SHARE_VERSION, MAX_DECODED_BYTES, type DecodeResult, type SharedScenario, type SharedRequestSpec } from './shareFormat'

export { SHARE_VERSION, MAX_DECODED_BYTES } from './shareFormat'
export type { DecodeRefusal, DecodeResult, SharedRequest, SharedRequestSpec, SharedScenario } from './shareFormat'

const PROXY_MODES = ['iptables', 'nftables', 'ipvs', 'userspace']
const ACTION_TYPES = ['deletePod', 'scale', 'setReady', 'exec', 'addNode', 'drainNode']

export function encodeShare(s: SharedScenario): string {
  const payload: Record<string, unknown> = { y: s.yaml, s: s.seed }
  if (s.actions.length) payload.a = s.actions
  if (s.proxyMode) payload.m = s.proxyMode
  if (s.request) payload.r = s.request
  if (s.scenarioId) payload.i = s.scenarioId
  if (s.lessonStep !== undefined) payload.l = s.lessonStep
  if (s.lang) payload.g = s.lang
  if (s.history && s.history.length) payload.h = s.history
  return `#v${SHARE_VERSION}/${compressToEncodedURIComponent(JSON.stringify(payload))}`
}

function isAction(a: unknown): a is Action {
  return !!a && typeof a === 'object' && ACTION_TYPES.includes((a as { type?: unknown }).type as string)
}

/** Reads a `location.hash`. Empty or unrelated hashes are `not-a-share-link`. */
export function decodeShare(hash: string): DecodeResult {
  const m = /^#v(\d+)\/(.*)$/s.exec(hash)
  if (!m) return { ok: false, reason: 'not-a-share-link', detail: 'The address has no playground scenario in it.' }
  const version = Number(m[1])
  if (version !== SHARE_VERSION) {
    return { ok: false, reason: 'unsupported-version', version, detail: `The link was made by a newer playground (format v${version}); this one reads v${SHARE_VERSION}.` }
  }
  // lz-string's output for 1 MB of JSON is far below this; a longer fragment cannot be ours.
  if (m[2].length > MAX_DECODED_BYTES) return { ok: false, reason: 'too-large', detail: 'The link is larger than any scenario the playground makes.' }
  let json: string | null
  try {
    json = decompressFromEncodedURIComponent(m[2])
  } catch {
    json = null
  }
  if (!json) return { ok: false, reason: 'corrupt', detail: 'The link is damaged or cut short: it could not be decompressed.' }
  if (json.length > MAX_DECODED_BYTES) return { ok: false, reason: 'too-large', detail: `The scenario in the link is larger than ${MAX_DECODED_BYTES / 1_000_000} MB.` }
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    return { ok: false, reason: 'corrupt', detail: 'The link is damaged: its content is not readable.' }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, reason: 'invalid', detail: 'The link does not hold a scenario.' }
  const d = data as Record<string, unknown>
  if (typeof d.y !== 'string') return { ok: false, reason: 'invalid', detail: 'The link has no YAML.' }
  const seed = typeof d.s === 'number' && Number.isFinite(d.s) ? Math.trunc(d.s) >>> 0 : 1
  const actions = Array.isArray(d.a) ? d.a.filter(isAction).slice(0, 500) : []
  const scenario: SharedScenario = { yaml: d.y, seed, actions }
  if (typeof d.m === 'string' && PROXY_MODES.includes(d.m)) scenario.proxyMode = d.m as ProxyMode
  const r = d.r as Record<string, unknown> | undefined
  if (r && typeof r === 'object' && typeof r.from === 'string' && typeof r.url === 'string') {
    scenario.request = { from: r.from.slice(0, 300), url: r.url.slice(0, 2000) }
    if (typeof r.host === 'string') scenario.request.host = r.host.slice(0, 300)
    if (typeof r.count === 'number' && Number.isFinite(r.count)) scenario.request.count = Math.max(1, Math.min(1000, Math.trunc(r.count)))
  }
  if (typeof d.i === 'string') scenario.scenarioId = d.i.slice(0, 100)
  if (typeof d.l === 'number' && Number.isFinite(d.l)) scenario.lessonStep = Math.max(0, Math.trunc(d.l))
  if (d.g === 'en' || d.g === 'ko') scenario.lang = d.g
  if (Array.isArray(d.h)) {
    const history = d.h.slice(0, 1000).flatMap((x): SharedRequestSpec[] => {
      const h = x as Record<string, unknown>
      if (!h || typeof h !== 'object' || typeof h.from !== 'string' || typeof h.url !== 'string') return []
      const spec: SharedRequestSpec = { from: h.from.slice(0, 300), url: h.url.slice(0, 2000) }
      if (typeof h.clientIP === 'string') spec.clientIP = h.clientIP.slice(0, 64)
      if (h.headers && typeof h.headers === 'object' && !Array.isArray(h.headers)) {
        spec.headers = Object.fromEntries(Object.entries(h.headers as Record<string, unknown>).filter(([, v]) => typeof v === 'string').slice(0, 20).map(([k, v]) => [k.slice(0, 100), (v as string).slice(0, 1000)]))
      }
      return [spec]
    })
    if (history.length) scenario.history = history
  }
  return { ok: true, scenario }
}
