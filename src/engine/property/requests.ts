/**
 * Requests to send into a generated cluster. A recipe is generated before
 * the cluster exists (indices, not names); `toRequest` turns it into a
 * RequestSpec against the simulation it is sent in: from a pod, a node or
 * outside, to a Service by short name, namespaced name, FQDN, ClusterIP,
 * NodePort, load balancer or external IP, to a pod IP, or to an odd URL.
 */
import fc from 'fast-check'
import type { RequestSpec, Simulation } from '../api/types'

export interface RequestRecipe {
  from: { kind: 'pod' | 'node'; index: number } | { kind: 'external'; clientIP?: string }
  to:
    | { kind: 'service'; index: number; form: 'short' | 'namespaced' | 'fqdn' | 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP'; port: number }
    | { kind: 'pod'; index: number; port: number }
    | { kind: 'url'; url: string }
  host?: string
  path: string
}

export const requestRecipe: fc.Arbitrary<RequestRecipe> = fc.record({
  from: fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('pod' as const), index: fc.nat(30) }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant('node' as const), index: fc.nat(5) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('external' as const), clientIP: fc.option(fc.constantFrom('203.0.113.10', '10.244.1.9', 'not-an-ip'), { nil: undefined }) }, { requiredKeys: ['kind'] }), weight: 2 },
  ),
  to: fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('service' as const), index: fc.nat(10), form: fc.constantFrom('short', 'namespaced', 'fqdn', 'clusterIP', 'nodePort', 'loadBalancer', 'externalIP'), port: fc.nat(3) }), weight: 6 },
    { arbitrary: fc.record({ kind: fc.constant('pod' as const), index: fc.nat(30), port: fc.constantFrom(80, 8080, 9376, 81) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('url' as const), url: fc.constantFrom('http://example.com', 'https://kubernetes.default', 'http://kube-dns.kube-system:53', 'http://10.96.0.1:443', 'http://10.96.200.200', 'http://192.168.49.2:30001', 'http://shop.example.com/api', 'http://a.example.com', 'ftp://x', 'http://x:99999', '') }), weight: 1 },
  ),
  host: fc.option(fc.constantFrom('shop.example.com', 'a.example.com', 'other.org'), { freq: 3, nil: undefined }),
  path: fc.constantFrom('/', '/api', '/api/v1', '/x'),
}, { requiredKeys: ['from', 'to', 'path'] })

function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length]
}

/** The recipe as a request in `sim` (a pod or Service that is not there becomes an odd but valid request). */
export function toRequest(sim: Simulation, r: RequestRecipe): RequestSpec {
  const userPods = sim.pods.filter((p) => p.docIndex >= 0)
  let from = 'external'
  if (r.from.kind === 'pod') {
    const pod = pick(userPods.length > 0 ? userPods : sim.pods, r.from.index)
    from = pod ? `pod/${pod.namespace}/${pod.name}` : 'pod/nobody'
  } else if (r.from.kind === 'node') {
    from = `node/${pick(sim.nodes, r.from.index)?.name ?? 'nowhere'}`
  }
  const clientIP = r.from.kind === 'external' ? r.from.clientIP : undefined
  let url: string
  const to = r.to
  if (to.kind === 'url') url = to.url
  else if (to.kind === 'pod') {
    const pod = pick(sim.pods, to.index)
    url = `http://${pod?.ip || '10.244.9.9'}:${to.port}${r.path}`
  } else {
    const svc = pick(sim.services.filter((s) => !s.builtIn), to.index) ?? pick(sim.services, to.index)!
    const port = pick(svc.ports, to.port)
    const portText = port ? `:${port.port}` : ''
    switch (to.form) {
      case 'short': url = `http://${svc.name}${portText}${r.path}`; break
      case 'namespaced': url = `http://${svc.name}.${svc.namespace}${portText}${r.path}`; break
      case 'fqdn': url = `http://${svc.name}.${svc.namespace}.svc.cluster.local.${portText}${r.path}`; break
      case 'clusterIP': url = `http://${svc.clusterIP}${portText}${r.path}`; break
      case 'nodePort': url = `http://${pick(sim.nodes, to.index)?.ip ?? '192.168.49.2'}:${port?.nodePort ?? 30000}${r.path}`; break
      case 'loadBalancer': url = `http://${svc.loadBalancerIngress[0] ?? '192.168.49.200'}${portText}${r.path}`; break
      case 'externalIP': url = `http://${svc.externalIPs[0] ?? '198.51.100.1'}${portText}${r.path}`; break
    }
  }
  return { from, url, ...(clientIP ? { clientIP } : {}), ...(r.host ? { headers: { Host: r.host } } : {}) }
}
