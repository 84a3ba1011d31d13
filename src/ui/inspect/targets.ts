/**
 * What the inspector tabs look at: the element selected in the graph (ids
 * like `pod/<ns>/<name>`), or else the shown request's source. Only reads
 * the id formats of the graph and of RequestSpec.from.
 */
import type { RequestSpec } from '../../engine'

export interface Ref {
  namespace: string
  name: string
}

export type Selected =
  | { kind: 'pod' | 'service' | 'ingress'; namespace: string; name: string }
  | { kind: 'node'; name: string }

export function parseSelection(id: string | null): Selected | undefined {
  if (!id) return undefined
  const [kind, ...rest] = id.split('/')
  if (kind === 'node' && rest.length === 1) return { kind, name: rest[0] }
  if ((kind === 'pod' || kind === 'service' || kind === 'ingress') && rest.length === 2) return { kind, namespace: rest[0], name: rest[1] }
  return undefined
}

/** The pod a request was sent from (`pod/<name>` or `pod/<namespace>/<name>`). */
export function requestPod(spec: RequestSpec | undefined): Ref | undefined {
  if (!spec) return undefined
  const [kind, ...rest] = spec.from.split('/')
  if (kind !== 'pod') return undefined
  return rest.length >= 2 ? { namespace: rest[0], name: rest[1] } : { namespace: 'default', name: rest[0] }
}

/** The selected pod, else the request's source pod. */
export function targetPod(selection: string | null, spec: RequestSpec | undefined): Ref | undefined {
  const sel = parseSelection(selection)
  if (sel?.kind === 'pod') return { namespace: sel.namespace, name: sel.name }
  return requestPod(spec)
}

/** The host part of a curl URL (no scheme means http). */
export function urlHost(url: string): string | undefined {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`).hostname || undefined
  } catch {
    return undefined
  }
}
