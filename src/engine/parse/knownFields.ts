/**
 * Known-field lookups for kubectl's strict decoding
 * (`strict decoding error: unknown field "spec.publishNotReadyEndpoints"`).
 *
 * The field tree comes from ./knownFields.generated.ts (Kubernetes OpenAPI via
 * `npm run gen:schema`). Kinds are keyed by `"<apiVersion>/<kind>"` exactly as they
 * appear in a manifest — e.g. "v1/Service", "apps/v1/Deployment",
 * "networking.k8s.io/v1beta1/Ingress" — because field sets differ between versions
 * (a networking.k8s.io/v1 Ingress backend has `service`, the v1beta1 one has
 * `serviceName`/`servicePort`). Use `kindKey()` to build one.
 *
 * Path segments are field names (strings) and array indices (numbers, or numeric
 * strings). An index may be left out: a field name met on a list is looked up in the
 * list's element type.
 */
import { KNOWN_FIELDS, type FieldNode } from './knownFields.generated'

export { KNOWN_FIELDS }
export type { FieldNode }

export type PathSegment = string | number

export type FieldLookup<P extends PathSegment = PathSegment> =
  | { known: true }
  /**
   * `parentPath` is the prefix of the given path that names the object holding the
   * unknown field (`[]` = the top level); `siblings` are that object's known field
   * names, sorted, for a did-you-mean.
   */
  | { known: false; parentPath: P[]; siblings: string[] }

export interface UnknownField {
  /** Full path of the unknown field, e.g. ['spec', 'ports', 0, 'targetPortt']. */
  path: PathSegment[]
  /** The known field names of the object that holds it, sorted. */
  siblings: string[]
}

/** The KNOWN_FIELDS key for a manifest's apiVersion and kind. */
export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`
}

/** Whether the field tree covers this kind key at all. */
export function hasKnownFields(key: string): boolean {
  return Object.hasOwn(KNOWN_FIELDS, key)
}

function isIndex(seg: PathSegment): boolean {
  return typeof seg === 'number' || /^\d+$/.test(seg)
}

function siblingsOf(node: FieldNode & { t: 'object' }): string[] {
  return Object.keys(node.f).sort()
}

/**
 * Is the field at `path` known for this kind?
 *
 * - Keys under maps (metadata.labels, annotations, selector, nodeSelector, …) are
 *   always known.
 * - Everything below a free-form value (`any`: RawExtension, CRD status, List items)
 *   is known; List items must be checked against their own kind key.
 * - Going below a scalar counts as known: that is a type error, not an unknown field.
 * - A key this tree does not cover (see `hasKnownFields`) answers `{ known: true }`.
 */
export function lookupField<P extends PathSegment>(key: string, path: readonly P[]): FieldLookup<P> {
  if (!hasKnownFields(key)) return { known: true }
  let node: FieldNode = KNOWN_FIELDS[key]
  let i = 0
  while (i < path.length) {
    const seg = path[i]
    switch (node.t) {
      case 'any':
      case 'scalar':
        return { known: true }
      case 'map':
        node = node.v
        i++
        break
      case 'array':
        node = node.i
        if (isIndex(seg)) i++ // otherwise: the index was left out, look seg up in the element
        break
      case 'object': {
        const name = String(seg)
        if (!Object.hasOwn(node.f, name)) {
          return { known: false, parentPath: path.slice(0, i), siblings: siblingsOf(node) }
        }
        node = node.f[name]
        i++
        break
      }
    }
  }
  return { known: true }
}

/**
 * Every unknown field in a decoded manifest body, in document order — what kubectl
 * lists in one `strict decoding error: unknown field "a", unknown field "b"`.
 * Values whose type does not match the schema (a string where an object is expected…)
 * are skipped: they are type errors, not unknown fields. Unknown kind keys yield [].
 */
export function findUnknownFields(key: string, body: unknown): UnknownField[] {
  if (!hasKnownFields(key)) return []
  const out: UnknownField[] = []
  const walk = (node: FieldNode, value: unknown, path: PathSegment[]): void => {
    if (value === null || typeof value !== 'object') return
    switch (node.t) {
      case 'any':
      case 'scalar':
        return
      case 'array':
        if (Array.isArray(value)) value.forEach((v, idx) => walk(node.i, v, [...path, idx]))
        return
      case 'map':
        if (!Array.isArray(value)) {
          for (const [k, v] of Object.entries(value)) walk(node.v, v, [...path, k])
        }
        return
      case 'object':
        if (Array.isArray(value)) return
        for (const [k, v] of Object.entries(value)) {
          if (Object.hasOwn(node.f, k)) walk(node.f[k], v, [...path, k])
          else out.push({ path: [...path, k], siblings: siblingsOf(node) })
        }
        return
    }
  }
  walk(KNOWN_FIELDS[key], body, [])
  return out
}
