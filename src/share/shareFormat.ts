/**
 * The share link's format: its version, limits and the shapes it carries,
 * without the code that encodes and decodes it (shareLink.ts, with
 * lz-string). The store and the page's first script need only these; the
 * codec loads with the classroom controls, after the first paint.
 */
import type { Action, ProxyMode } from '../engine'

export const SHARE_VERSION = 1
/** Refuse links that decompress to more than this (a playground scenario is a few kB). */
export const MAX_DECODED_BYTES = 1_000_000

export interface SharedRequest {
  from: string
  url: string
  host?: string
  count?: number
}

export interface SharedScenario {
  yaml: string
  actions: Action[]
  seed: number
  proxyMode?: ProxyMode
  request?: SharedRequest
  scenarioId?: string
  lessonStep?: number
  lang?: 'en' | 'ko'
  /** The requests sent to this cluster so far: replayed, they give the same traces. */
  history?: SharedRequestSpec[]
}

export interface SharedRequestSpec {
  from: string
  url: string
  clientIP?: string
  headers?: Record<string, string>
}

export type DecodeResult =
  | { ok: true; scenario: SharedScenario }
  | { ok: false; reason: DecodeRefusal; detail: string; version?: number }

export type DecodeRefusal = 'not-a-share-link' | 'unsupported-version' | 'corrupt' | 'too-large' | 'invalid'
