/** Label maps and equality-based selectors, as the API server reads them. */

export type Labels = Record<string, string>

/** True when every key of `selector` is in `labels` with the same value. An empty selector selects everything. */
export function selectorMatches(selector: Labels, labels: Labels): boolean {
  for (const key of Object.keys(selector)) {
    if (labels[key] !== selector[key]) return false
  }
  return true
}

export function formatLabels(labels: Labels | null | undefined, empty = '<none>'): string {
  if (!labels) return empty
  const keys = Object.keys(labels).sort()
  if (keys.length === 0) return empty
  return keys.map((k) => `${k}=${labels[k]}`).join(',')
}

/** Reads a label map from untrusted YAML: string values only, numbers and booleans stringified. */
export function toLabels(value: unknown): Labels {
  const out: Labels = {}
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || v === undefined) out[k] = ''
    else if (typeof v === 'object') out[k] = JSON.stringify(v)
    else out[k] = String(v)
  }
  return out
}
