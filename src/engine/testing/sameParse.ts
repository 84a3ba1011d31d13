/**
 * Test helper (test-only: nothing in the engine imports it): parseManifests by section (yamlDocuments.ts) against the
 * whole parse of the same text. Everything a caller can see is compared:
 * the manifests with every field's key and value position, the
 * diagnostics, the documents and syntaxOk.
 */
import { expect } from 'vitest'
import { parseManifests, type Manifest, type ParseResult, type Path } from '../parse/parseManifests'

function paths(value: unknown, prefix: Path, out: Path[], budget: { left: number }): void {
  if (budget.left-- <= 0) return
  out.push(prefix)
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out, budget))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out, budget)
}

function view(m: Manifest): unknown {
  const all: Path[] = []
  paths(m.body, [], all, { left: 120 })
  all.push(['no', 'such', 'field'])
  return {
    ...m,
    locate: undefined,
    at: all.map((p) => [p.join('.'), m.locate(p, 'key'), m.locate(p, 'value')]),
  }
}

/** JSON, with a reference back to an enclosing object written as "[circular]" (aliases can build those). */
function serialise(r: ParseResult): string {
  const value = { ...r, manifests: r.manifests.map(view) }
  try {
    return JSON.stringify(value)
  } catch {
    // a circular value: the slower way below
  }
  const open: unknown[] = []
  return JSON.stringify(value, function (this: unknown, _key, value: unknown) {
    if (!value || typeof value !== 'object') return value
    while (open.length > 0 && open[open.length - 1] !== this) open.pop()
    if (open.includes(value)) return '[circular]'
    open.push(value)
    return value
  })
}

/** Parses `text` both ways (by section with whatever the last call left remembered, then whole) and expects the same. */
export function sameParse(text: string): void {
  const bySection = serialise(parseManifests(text))
  const whole = serialise(parseManifests(text, { bySection: false }))
  if (bySection !== whole) expect(JSON.parse(bySection), JSON.stringify(text.slice(0, 200))).toEqual(JSON.parse(whole))
}
