/**
 * ingress-nginx's routing (k8s-semantics.md §6.2–6.5): which Ingresses the
 * controller serves, the server (host) a request lands in, the longest
 * matching path (Exact before Prefix on a tie), the default backend, and the
 * choice of endpoint (round robin, or the cookie affinity annotations).
 */
import type { Ep, IngressBackendInfo, IngressPathInfo } from '../api/types'
import type { ClusterState } from '../cluster/state'
import type { IngressObject } from '../model/objects'
import { fnv1a32 } from '../rng'
import { nextRoundRobin, type TrafficState } from './trafficState'

export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx'

export interface IngressMatch {
  ingress: IngressObject
  /** The rule's host ('' for a rule without host, or the default backend). */
  host: string
  path?: IngressPathInfo
  backend: IngressBackendInfo
  defaultBackend: boolean
}

/** The Ingresses this controller serves: its class, or no class when its class is the default. */
export function servedIngresses(state: ClusterState): IngressObject[] {
  const classes = new Map(state.ingressClasses.map((c) => [c.meta.name, c.controller]))
  return state.ingresses.filter((i) => {
    const cls = i.ingressClassName ?? i.classAnnotation
    if (!cls) return false
    const controller = classes.get(cls)
    return controller === INGRESS_NGINX_CONTROLLER || (controller === undefined && cls === 'nginx')
  })
}

export function hostMatches(ruleHost: string, host: string): boolean {
  if (ruleHost.startsWith('*.')) {
    const suffix = ruleHost.slice(1) // ".foo.com"
    if (!host.endsWith(suffix)) return false
    const label = host.slice(0, -suffix.length)
    return label.length > 0 && !label.includes('.')
  }
  return ruleHost === host
}

function prefixMatches(rulePath: string, path: string): boolean {
  const split = (p: string): string[] => p.split('/').filter((s) => s !== '')
  const want = split(rulePath)
  const have = split(path)
  if (want.length > have.length) return false
  return want.every((seg, i) => seg === have[i])
}

function pathMatches(p: IngressPathInfo, path: string): boolean {
  switch (p.pathType) {
    case 'Exact': return p.path === path
    case 'Prefix': return prefixMatches(p.path, path)
    case 'ImplementationSpecific': return path.startsWith(p.path || '/')
  }
}

/** Finds the rule ingress-nginx would use for this Host and path. */
export function matchIngress(served: IngressObject[], host: string, path: string): IngressMatch | undefined {
  // nginx server selection: the exact host, then a wildcard host, then the catch-all server.
  const exact = served.flatMap((i) => i.rules.filter((r) => r.host === host).map((r) => ({ i, r })))
  const wildcard = served.flatMap((i) => i.rules.filter((r) => r.host?.startsWith('*.') && hostMatches(r.host, host)).map((r) => ({ i, r })))
  const catchAll = served.flatMap((i) => i.rules.filter((r) => !r.host).map((r) => ({ i, r })))
  for (const group of [exact, wildcard, catchAll]) {
    if (group.length === 0) continue
    const candidates = group.flatMap(({ i, r }) => r.paths.filter((p) => pathMatches(p, path)).map((p) => ({ i, r, p })))
    candidates.sort((a, b) => {
      const la = a.p.path.replace(/\/$/, '').length
      const lb = b.p.path.replace(/\/$/, '').length
      if (la !== lb) return lb - la
      const rank = (t: string): number => (t === 'Exact' ? 0 : 1)
      return rank(a.p.pathType) - rank(b.p.pathType)
    })
    const best = candidates[0]
    if (best) return { ingress: best.i, host: best.r.host ?? '', path: best.p, backend: best.p.backend, defaultBackend: false }
    if (group !== catchAll) break // the server exists; its unmatched paths go to the default backend
  }
  const withDefault = served.find((i) => i.defaultBackend)
  if (withDefault?.defaultBackend) return { ingress: withDefault, host: '', backend: withDefault.defaultBackend, defaultBackend: true }
  return undefined
}

export interface BackendChoice {
  endpoint?: Ep
  /** service-upstream: connect to the Service's ClusterIP instead of an endpoint. */
  clusterIP?: { ip: string; port: number }
  /** An ExternalName backend: nginx proxies to that name, out of the cluster. */
  externalName?: { host: string; port: number }
  /** Why there is no endpoint (503), when there is none. */
  why?: string
  how: string
  setCookie?: string
}

function cookieValue(ep: Ep): string {
  return fnv1a32(`${ep.ip}:${ep.port}`).toString(16).padStart(8, '0')
}

/** Picks a ready endpoint of the backend Service port, as ingress-nginx's balancer does. */
export function chooseEndpoint(state: ClusterState, traffic: TrafficState, ingress: IngressObject, backend: IngressBackendInfo, headers: Record<string, string>): BackendChoice {
  const ref = backend.service
  if (!ref) return { how: 'resource backend', why: `the backend is a ${backend.resource?.kind ?? 'resource'}, not a Service` }
  const svc = state.services.find((s) => s.obj.meta.namespace === ingress.meta.namespace && s.obj.meta.name === ref.name)
  if (!svc) return { how: '', why: `Service "${ref.name}" does not exist` }
  if (svc.obj.type === 'ExternalName') {
    return { how: `ExternalName Service: nginx proxies to ${svc.obj.externalName}`, externalName: { host: (svc.obj.externalName ?? '').replace(/\.$/, ''), port: ref.port.number ?? 80 } }
  }
  const port = svc.ports.find((p) => (ref.port.number !== undefined ? p.port === ref.port.number : p.name === ref.port.name))
  if (!port) return { how: '', why: `Service "${ref.name}" has no port ${ref.port.number ?? ref.port.name}` }
  if (ingress.meta.annotations['nginx.ingress.kubernetes.io/service-upstream'] === 'true' && svc.clusterIP && svc.clusterIP !== 'None') {
    return { how: 'service-upstream: through the ClusterIP', clusterIP: { ip: svc.clusterIP, port: port.port } }
  }
  const view = state.endpoints.get(`${ingress.meta.namespace}/${ref.name}`) ?? { ready: [], notReady: [] }
  const eps = view.ready.filter((e) => (e.portName ?? '') === (port.name ?? '')).slice().sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0))
  if (eps.length === 0) return { how: '', why: `Service "${ref.name}" has no ready endpoints` }
  const a = ingress.meta.annotations
  if (a['nginx.ingress.kubernetes.io/affinity'] === 'cookie') {
    const name = a['nginx.ingress.kubernetes.io/session-cookie-name'] ?? 'INGRESSCOOKIE'
    const cookies = Object.fromEntries((headers.Cookie ?? headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).filter((kv) => kv.length === 2))
    const sticky = eps.find((e) => cookieValue(e) === cookies[name])
    if (sticky) return { endpoint: sticky, how: `cookie ${name}=${cookies[name]} pins the endpoint` }
    const ep = eps[nextRoundRobin(traffic, `ingress/${ingress.meta.namespace}/${ref.name}/${port.port}`, eps.length)]
    return { endpoint: ep, how: 'round robin (no affinity cookie yet)', setCookie: `${name}=${cookieValue(ep)}` }
  }
  const ep = eps[nextRoundRobin(traffic, `ingress/${ingress.meta.namespace}/${ref.name}/${port.port}`, eps.length)]
  return { endpoint: ep, how: 'round robin' }
}
