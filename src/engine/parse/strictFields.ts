/**
 * kubectl's strict field validation (the default since 1.27): an object with
 * a field its kind does not have is refused with
 * `strict decoding error: unknown field "spec.publishNotReadyEndpoints"`.
 * The playground adds a "did you mean" when a real field is close.
 */
import type { ReadContext } from '../objects/context'
import { formatPath } from '../objects/context'
import type { SimulatedKind } from '../objects/kinds'
import { findUnknownFields, hasKnownFields, kindKey } from './knownFields'
import { editDistance } from '../util/strings'

function commonPrefix(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

/** The known field most like `name`, when one is close enough to be a likely typo. */
export function didYouMean(name: string, candidates: string[]): string | undefined {
  const lower = name.toLowerCase()
  let best: { field: string; score: number } | undefined
  for (const c of candidates) {
    const cl = c.toLowerCase()
    const len = Math.max(lower.length, cl.length)
    const score = Math.max(1 - editDistance(lower, cl) / len, commonPrefix(lower, cl) / len)
    if (!best || score > best.score) best = { field: c, score }
  }
  return best && best.score >= 0.6 ? best.field : undefined
}

export function checkUnknownFields(ctx: ReadContext, kind: SimulatedKind): void {
  const key = kindKey(ctx.m.apiVersion, ctx.m.kind)
  if (!hasKnownFields(key)) return
  const unknown = findUnknownFields(key, ctx.m.body)
  if (unknown.length === 0) return
  const prefix = `${kind} in version "${ctx.m.apiVersion.split('/').pop()}" cannot be handled as a ${kind}: strict decoding error: `
  for (const u of unknown) {
    const name = String(u.path[u.path.length - 1])
    const hint = didYouMean(name, u.siblings)
    ctx.error(u.path, `${prefix}unknown field "${formatPath(u.path)}"${hint ? ` (did you mean "${hint}"?)` : ''}`, 'UNKNOWN_FIELD', 'key')
  }
}
