/**
 * What the textbook's curl loop prints for each outcome: the kubia app
 * answers "You've hit <pod>", failures read as curl reports them (curl and
 * nginx print English, so these stay English). Only the note for a request
 * that left the cluster is the playground's own words, in the UI language.
 */
import type { TFunction } from '../../i18n'
import type { Outcome } from '../../engine'

export function curlLine(outcome: Outcome, host: string, t: TFunction): string {
  switch (outcome.status) {
    case 'delivered':
      return `You've hit ${outcome.pod}`
    case 'left-cluster':
      return t('output.leftCluster', { host: outcome.host, port: outcome.port })
    case 'failed':
      switch (outcome.reason) {
        case 'NXDOMAIN': return `curl: (6) Could not resolve host: ${host}`
        case 'CONNECTION_REFUSED': return `curl: (7) Failed to connect to ${host}: Connection refused`
        case 'TIMEOUT': return `curl: (28) Failed to connect to ${host}: Connection timed out`
        case 'HTTP_404': return '404 Not Found (nginx)'
        case 'HTTP_503': return '503 Service Temporarily Unavailable (nginx)'
        case 'INVALID_REQUEST': return `error: ${outcome.message}`
      }
  }
}

/** How many requests each pod answered, and how many failed, in order of first appearance. */
export function histogram(outcomes: Outcome[]): { label: string; count: number; ok: boolean }[] {
  const counts = new Map<string, { count: number; ok: boolean }>()
  for (const o of outcomes) {
    const label = o.status === 'delivered' ? o.pod : o.status === 'left-cluster' ? `→ ${o.host}` : o.reason
    const entry = counts.get(label) ?? { count: 0, ok: o.status !== 'failed' }
    entry.count += 1
    counts.set(label, entry)
  }
  return [...counts].map(([label, v]) => ({ label, ...v }))
}

export function hostOf(url: string): string {
  const m = /^(?:https?:\/\/)?([^/:?#\s]+)/i.exec(url.trim())
  return m ? m[1] : url
}
