/**
 * `kubectl scale` changes the object: the playground writes the new
 * replicas into the YAML, touching only that number (comments and layout
 * stay as they were).
 */
import { isScalar, LineCounter, parseAllDocuments } from 'yaml'

export function replicasIn(text: string, docIndex: number): number | undefined {
  const docs = parseAllDocuments(text)
  const doc = Array.isArray(docs) ? docs[docIndex] : undefined
  const v = doc?.getIn(['spec', 'replicas'])
  return typeof v === 'number' ? v : doc && doc.getIn(['spec']) !== undefined ? 1 : undefined
}

export function scaleInYaml(text: string, docIndex: number, replicas: number): string | undefined {
  const lineCounter = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter })
  if (!Array.isArray(docs)) return undefined
  const doc = docs[docIndex]
  if (!doc || doc.errors.length > 0 || doc.getIn(['kind']) === 'List') return undefined
  const node = doc.getIn(['spec', 'replicas'], true)
  if (isScalar(node) && node.range) {
    return text.slice(0, node.range[0]) + String(replicas) + text.slice(node.range[1])
  }
  // No replicas field yet: add it and rewrite this one document.
  doc.setIn(['spec', 'replicas'], replicas)
  const [start, , end] = doc.range
  const rendered = doc.toString().replace(/\n$/, '')
  const body = text.slice(start, end)
  const trailing = body.match(/\n*$/)?.[0] ?? ''
  return text.slice(0, start) + rendered + trailing + text.slice(end)
}
