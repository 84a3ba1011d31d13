/**
 * Duplicate mapping keys, found in linear time. The YAML parser can check
 * them itself (`uniqueKeys: true`), but it compares each new key with every
 * key before it in the map, so a map of 20,000 labels took seconds. Same
 * rule as the parser's (two scalar keys with the same value, `===`; other
 * keys only when they are the same node), same error, at the repeated key.
 */
import { Pair, Scalar, YAMLMap, YAMLParseError, YAMLSeq, type Document } from 'yaml'

/** Small maps are compared pairwise (no Set to allocate); bigger ones through a Set. */
const PAIRWISE_UP_TO = 12

function keyId(pair: Pair): unknown {
  return pair.key instanceof Scalar ? pair.key.value : pair.key
}

function repeated(items: Pair[], i: number, seen: Set<unknown> | undefined): boolean {
  const id = keyId(items[i])
  if (typeof id === 'number' && Number.isNaN(id)) return false
  if (seen) {
    const hit = seen.has(id)
    seen.add(id)
    return hit
  }
  for (let j = 0; j < i; j++) if (keyId(items[j]) === id) return true
  return false
}

/** Adds a DUPLICATE_KEY error to `doc.errors` for every repeated key (walks without recursion: documents may nest deeply). */
export function checkDuplicateKeys(doc: Document.Parsed): void {
  const stack: unknown[] = [doc.contents]
  // instanceof, not yaml's isMap/isPair (symbol lookups): this runs on every node of every edit.
  const push = (n: unknown): void => {
    if (n instanceof YAMLMap || n instanceof YAMLSeq || n instanceof Pair) stack.push(n)
  }
  while (stack.length > 0) {
    const node = stack.pop()
    if (node instanceof Pair) {
      push(node.key)
      push(node.value)
    } else if (node instanceof YAMLMap) {
      const items = node.items as Pair[]
      const seen = items.length > PAIRWISE_UP_TO ? new Set<unknown>() : undefined
      for (let i = 0; i < items.length; i++) {
        if (repeated(items, i, seen)) {
          const key = items[i].key
          const at = key instanceof Scalar && key.range ? key.range[0] : node.range?.[0] ?? 0
          doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'))
        }
        push(items[i].key)
        push(items[i].value)
      }
    } else if (node instanceof YAMLSeq) {
      for (const item of node.items) push(item)
    }
  }
}
