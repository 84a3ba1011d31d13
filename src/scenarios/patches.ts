/**
 * Applies a scenario's patches (a lesson step's edits, a challenge's
 * solution) to YAML text, the way a student would make them: a text edit,
 * `kubectl patch --type merge`, `kubectl delete`, or one more document.
 * Pure: text in, text and errors out.
 */
import { parse, stringify } from 'yaml'
import type { ObjectRef, Patch } from './types'

/** kubectl's short names for the kinds the playground simulates. */
const KIND_ALIASES: Record<string, string> = {
  svc: 'service', services: 'service', po: 'pod', pods: 'pod', deploy: 'deployment', deployments: 'deployment',
  rs: 'replicaset', replicasets: 'replicaset', rc: 'replicationcontroller', replicationcontrollers: 'replicationcontroller',
  ep: 'endpoints', ing: 'ingress', ingresses: 'ingress', ns: 'namespace', namespaces: 'namespace', no: 'node', nodes: 'node',
}

interface Chunk {
  /** The chunk's text (without the `---` line that ends it). */
  text: string
  /** The separator line that followed it (`---`), or '' for the last chunk. */
  separator: string
}

interface ParsedRef {
  kind: string
  name: string
  namespace?: string
}

export function parseObjectRef(ref: ObjectRef): ParsedRef | undefined {
  const parts = ref.split('/')
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return undefined
  const kind = parts[0].toLowerCase()
  return parts.length === 2
    ? { kind: KIND_ALIASES[kind] ?? kind, name: parts[1] }
    : { kind: KIND_ALIASES[kind] ?? kind, namespace: parts[1], name: parts[2] }
}

function splitDocuments(text: string): Chunk[] {
  const lines = text.split('\n')
  const chunks: Chunk[] = []
  let current: string[] = []
  for (const line of lines) {
    if (/^---\s*$/.test(line)) {
      chunks.push({ text: current.join('\n'), separator: line })
      current = []
    } else current.push(line)
  }
  chunks.push({ text: current.join('\n'), separator: '' })
  return chunks
}

function joinDocuments(chunks: Chunk[]): string {
  return chunks.map((c) => (c.separator ? `${c.text}\n${c.separator}` : c.text)).join('\n')
}

function objectOf(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parse(text)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function matches(obj: Record<string, unknown>, ref: ParsedRef): boolean {
  const kind = typeof obj.kind === 'string' ? obj.kind.toLowerCase() : ''
  const meta = (obj.metadata ?? {}) as Record<string, unknown>
  const namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default'
  return kind === ref.kind && meta.name === ref.name && namespace === (ref.namespace ?? 'default')
}

function findChunk(chunks: Chunk[], ref: ObjectRef): { index: number } | { error: string } {
  const parsed = parseObjectRef(ref)
  if (!parsed) return { error: `"${ref}" is not an object reference: write Kind/name or Kind/namespace/name` }
  const hits = chunks.map((c, i) => ({ obj: objectOf(c.text), i })).filter((x) => x.obj && matches(x.obj, parsed))
  if (hits.length === 0) return { error: `no document is ${ref}` }
  if (hits.length > 1) return { error: `${hits.length} documents are ${ref}` }
  return { index: hits[0].i }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, anything else (lists too) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key]
    else out[key] = mergePatch(out[key], value)
  }
  return out
}

/** The leading comment lines of a document, kept when the document is rewritten. */
function leadingComments(text: string): string {
  const lines = text.split('\n')
  const kept: string[] = []
  for (const line of lines) {
    if (/^\s*(#.*)?$/.test(line)) kept.push(line)
    else break
  }
  return kept.length > 0 ? `${kept.join('\n')}\n` : ''
}

function countOccurrences(text: string, find: string): number {
  let n = 0
  for (let at = text.indexOf(find); at !== -1; at = text.indexOf(find, at + find.length)) n++
  return n
}

function applyOne(text: string, patch: Patch): { text: string } | { error: string } {
  if ('find' in patch) {
    if (patch.find === '') return { error: 'find is empty' }
    if (patch.target !== undefined) {
      const chunks = splitDocuments(text)
      const hit = findChunk(chunks, patch.target)
      if ('error' in hit) return hit
      const chunk = chunks[hit.index]
      const n = countOccurrences(chunk.text, patch.find)
      if (n !== 1) return { error: `${JSON.stringify(patch.find)} occurs ${n} times in ${patch.target} (it must occur once)` }
      chunks[hit.index] = { ...chunk, text: chunk.text.replace(patch.find, () => patch.replace) }
      return { text: joinDocuments(chunks) }
    }
    const n = countOccurrences(text, patch.find)
    if (n !== 1) return { error: `${JSON.stringify(patch.find)} occurs ${n} times in the YAML (it must occur once: add a target or more context)` }
    return { text: text.replace(patch.find, () => patch.replace) }
  }
  if ('add' in patch) {
    const trimmed = text.replace(/\s+$/, '')
    return { text: `${trimmed}\n---\n${patch.add.replace(/\s+$/, '')}\n` }
  }
  const chunks = splitDocuments(text)
  const hit = findChunk(chunks, patch.target)
  if ('error' in hit) return hit
  if ('delete' in patch) {
    const removed = chunks.splice(hit.index, 1)[0]
    // The document before it now ends the text: it takes over the removed one's separator.
    if (hit.index > 0 && removed.separator === '') chunks[hit.index - 1] = { ...chunks[hit.index - 1], separator: '' }
    return { text: joinDocuments(chunks) }
  }
  const chunk = chunks[hit.index]
  const merged = mergePatch(objectOf(chunk.text), patch.merge)
  chunks[hit.index] = { ...chunk, text: `${leadingComments(chunk.text)}${stringify(merged).replace(/\n$/, '')}` }
  return { text: joinDocuments(chunks) }
}

/** Applies the patches in order; a patch that cannot apply is skipped and reported. */
export function applyPatches(yaml: string, patches: Patch[]): { yaml: string; errors: string[] } {
  let text = yaml
  const errors: string[] = []
  patches.forEach((patch, i) => {
    const result = applyOne(text, patch)
    if ('error' in result) errors.push(`patch ${i + 1}: ${result.error}`)
    else text = result.text
  })
  return { yaml: text, errors }
}

/** The YAML a solution describes: the patched text, or the corrected YAML itself. */
export function solve(yaml: string, solution: Patch[] | string): { yaml: string; errors: string[] } {
  return typeof solution === 'string' ? { yaml: solution, errors: [] } : applyPatches(yaml, solution)
}
