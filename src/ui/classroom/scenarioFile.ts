/**
 * Scenario files: YAML that `kubectl apply -f` accepts, with the
 * playground's own state (seed, kube-proxy mode, runtime events) in one
 * comment line at the top, where kubectl ignores it.
 */
import type { Action, ProxyMode } from '../../engine'

export const MAX_FILE_BYTES = 1_000_000
const STATE_PREFIX = '# ksp-state: '

export interface FileState {
  seed?: number
  proxyMode?: ProxyMode
  actions?: Action[]
  scenarioId?: string
}

export function toScenarioFile(yaml: string, state: FileState): string {
  const body = yaml.split('\n').filter((l) => !l.startsWith(STATE_PREFIX)).join('\n')
  return `# Kube Service Playground scenario: kubectl apply -f accepts this file.\n${STATE_PREFIX}${JSON.stringify(state)}\n${body.startsWith('# Kube Service Playground scenario') ? body.split('\n').slice(1).join('\n') : body}`
}

export type FileRefusal = 'too-large' | 'not-text' | 'empty'

export type ReadResult = { ok: true; yaml: string; state: FileState } | { ok: false; reason: FileRefusal }

/**
 * Reads an imported file's bytes. Refuses what cannot be a scenario: more
 * than MAX_FILE_BYTES, bytes that are not UTF-8 text (a picture, an archive),
 * or nothing at all. The caller keeps the user's work when it is refused.
 */
export function readScenarioFile(bytes: Uint8Array): ReadResult {
  if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, reason: 'too-large' }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { ok: false, reason: 'not-text' }
  }
  // NUL never appears in YAML (a YAML stream is printable Unicode): a binary file.
  if (text.includes('\u0000')) return { ok: false, reason: 'not-text' }
  const read = fromScenarioFile(text.replace(/^\uFEFF/, ''))
  if (read.yaml.trim() === '') return { ok: false, reason: 'empty' }
  return { ok: true, ...read }
}

export function fromScenarioFile(text: string): { yaml: string; state: FileState } {
  const lines = text.split('\n')
  let state: FileState = {}
  const kept: string[] = []
  for (const line of lines) {
    if (line.startsWith(STATE_PREFIX)) {
      try {
        const v = JSON.parse(line.slice(STATE_PREFIX.length))
        if (v && typeof v === 'object') {
          state = {
            seed: typeof v.seed === 'number' ? v.seed : undefined,
            proxyMode: ['iptables', 'nftables', 'ipvs', 'userspace'].includes(v.proxyMode) ? v.proxyMode : undefined,
            actions: Array.isArray(v.actions) ? v.actions.filter((a: unknown) => a && typeof a === 'object' && typeof (a as { type?: unknown }).type === 'string').slice(0, 500) : undefined,
            scenarioId: typeof v.scenarioId === 'string' ? v.scenarioId : undefined,
          }
        }
      } catch {
        // an unreadable state line is ignored: the YAML still loads
      }
      continue
    }
    if (line.startsWith('# Kube Service Playground scenario')) continue
    kept.push(line)
  }
  return { yaml: kept.join('\n'), state }
}
