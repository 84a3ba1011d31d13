/**
 * YAML text -> Kubernetes objects, each able to point back at its source.
 * Syntax errors become diagnostics with the parser's own line and column;
 * nothing here throws.
 */
import { parseAllDocuments, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml'
import type { Diagnostic } from '../api/types'
import { checkDuplicateKeys } from './duplicateKeys'
import { createLineIndex } from './lineIndex'
import { parseDocuments, type PlacedDocument } from './yamlDocuments'

export type Path = (string | number)[]

export interface SourceRange {
  line: number
  column: number
  endLine: number
  endColumn: number
}

/** One Kubernetes object as written, with a way to find any of its fields in the text. */
export interface Manifest {
  /** 0-based index of the YAML document the object is in. */
  docIndex: number
  /** Where the object sits inside its document: [] or ['items', i] for a List item. */
  itemPath: Path
  apiVersion: string
  kind: string
  name: string
  /** metadata.namespace as written ('' when absent). */
  namespace: string
  body: Record<string, unknown>
  /** Points at a field of this object (path relative to the object). */
  locate(path: Path, part?: 'key' | 'value'): SourceRange
}

export interface ParseResult {
  manifests: Manifest[]
  diagnostics: Diagnostic[]
  /** False when the text is not valid YAML: the caller should keep its last good state. */
  syntaxOk: boolean
  /** Source range of every document, for "scroll the editor to this object". */
  documents: SourceRange[]
}

/** Generous bound against "billion laughs" style alias expansion. */
const MAX_ALIAS_COUNT = 1000

/**
 * `bySection: false` parses the whole text in one go instead of one `---`
 * section at a time (yamlDocuments.ts); the result is the same, and a test
 * checks that it is.
 */
export function parseManifests(text: string, options: { bySection?: boolean } = {}): ParseResult {
  const lines = createLineIndex(text)
  const diagnostics: Diagnostic[] = []
  const manifests: Manifest[] = []
  const documents: SourceRange[] = []
  let syntaxOk = true
  let docs: PlacedDocument[]
  try {
    docs = parseDocuments(text, parseYaml, options.bySection ?? true)
  } catch (err) {
    return {
      manifests,
      diagnostics: [{ severity: 'error', message: `YAML error: ${String(err)}`, line: 1, column: 1, code: 'YAML_SYNTAX' }],
      syntaxOk: false,
      documents,
    }
  }
  const toTextRange = (start: number, end: number): SourceRange => {
    const a = lines.linePos(start)
    const b = lines.linePos(Math.max(start, end))
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col }
  }

  docs.forEach(({ doc, offset }, docIndex) => {
    // The document's offsets count from the start of its own `---` section (yamlDocuments.ts).
    const toRange = (start: number, end: number): SourceRange => toTextRange(offset + start, offset + end)
    documents.push(toRange(doc.range[0], doc.range[1]))
    for (const err of [...doc.errors, ...doc.warnings]) {
      const isError = doc.errors.includes(err)
      if (isError) syntaxOk = false
      // Positions from the offsets and our own line index, not err.linePos (see lineIndex.ts).
      const at = toRange(err.pos[0], err.pos[1])
      diagnostics.push({
        severity: isError ? 'error' : 'warning',
        message: `YAML ${isError ? 'error' : 'warning'}: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
        ...at,
        code: 'YAML_SYNTAX',
      })
    }
    if (doc.errors.length > 0) return
    let value: unknown
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    } catch (err) {
      syntaxOk = false
      const r = toRange(doc.range[0], doc.range[1])
      diagnostics.push({ severity: 'error', message: `YAML error: ${(err as Error).message}`, line: r.line, column: r.column, code: 'YAML_SYNTAX' })
      return
    }
    if (value === null || value === undefined) return // an empty document (e.g. a trailing ---)
    const locateIn = (path: Path, part: 'key' | 'value' = 'key'): SourceRange => {
      const hit = findNode(doc.contents as YamlNode | null, path, part)
      if (hit) return toRange(hit[0], hit[1])
      return toRange(doc.range[0], doc.range[0])
    }
    const rootRange = locateIn([], 'value')
    if (typeof value !== 'object' || Array.isArray(value)) {
      diagnostics.push({
        severity: 'error',
        message: 'error validating data: the document is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)',
        ...rootRange,
        code: 'NOT_AN_OBJECT',
      })
      return
    }
    const body = value as Record<string, unknown>
    if (body.kind === 'List' && Array.isArray(body.items)) {
      body.items.forEach((item, i) => {
        const itemPath: Path = ['items', i]
        const m = toManifest(item, docIndex, itemPath, (p, part) => locateIn([...itemPath, ...p], part), diagnostics)
        if (m) manifests.push(m)
      })
      return
    }
    const m = toManifest(body, docIndex, [], locateIn, diagnostics)
    if (m) manifests.push(m)
  })
  return { manifests, diagnostics, syntaxOk, documents }
}

/** The parser with our options; duplicate keys are checked in one pass by checkDuplicateKeys (the parser's own check is quadratic). */
function parseYaml(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: true }) as Document.Parsed[]
  if (!Array.isArray(docs)) return [] // an EmptyStream
  for (const doc of docs) checkDuplicateKeys(doc)
  return docs
}

function toManifest(
  value: unknown,
  docIndex: number,
  itemPath: Path,
  locate: (path: Path, part?: 'key' | 'value') => SourceRange,
  diagnostics: Diagnostic[],
): Manifest | null {
  const at = locate([], 'value')
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push({ severity: 'error', message: 'error validating data: a List item must be a Kubernetes object', ...at, code: 'NOT_AN_OBJECT' })
    return null
  }
  const body = value as Record<string, unknown>
  const missing: string[] = []
  if (typeof body.apiVersion !== 'string' || body.apiVersion === '') missing.push('apiVersion not set')
  if (typeof body.kind !== 'string' || body.kind === '') missing.push('kind not set')
  if (missing.length > 0) {
    diagnostics.push({ severity: 'error', message: `error validating data: [${missing.join(', ')}]`, ...at, code: 'MISSING_TYPE' })
    return null
  }
  const metadata = body.metadata && typeof body.metadata === 'object' && !Array.isArray(body.metadata)
    ? (body.metadata as Record<string, unknown>)
    : {}
  return {
    docIndex,
    itemPath,
    apiVersion: body.apiVersion as string,
    kind: body.kind as string,
    name: typeof metadata.name === 'string' ? metadata.name : metadata.name === undefined || metadata.name === null ? '' : String(metadata.name),
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
    body,
    locate,
  }
}

/**
 * Finds the [start, end) offsets of the node at `path`. When the path goes
 * deeper than the document, returns the deepest node that exists, so a message
 * about a missing field points at its parent.
 */
function findNode(root: YamlNode | null, path: Path, part: 'key' | 'value'): [number, number] | null {
  let node: unknown = root
  let keyRange: [number, number] | null = null
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg))
      if (!pair) break
      keyRange = isScalar(pair.key) && pair.key.range ? [pair.key.range[0], pair.key.range[1]] : null
      node = pair.value
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg]
      const r = (node as YamlNode | null)?.range
      keyRange = r ? [r[0], r[0]] : keyRange
    } else {
      break
    }
  }
  const valueRange = (node as YamlNode | null)?.range
  if (part === 'key' && keyRange) return keyRange
  if (valueRange) return [valueRange[0], valueRange[1]]
  return keyRange
}
