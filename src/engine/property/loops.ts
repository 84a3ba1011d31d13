/**
 * Clusters built to go round in circles, with the requests that would:
 * selector-less Services whose hand-written Endpoints point at other
 * Services' ClusterIPs or NodePorts (possibly their own), ExternalName
 * chains and cycles, and an Ingress whose backend is the ingress
 * controller's own Service.
 */
import fc from 'fast-check'
import { writeYaml } from './writeYaml'
import type { RequestSpec } from '../api/types'

export interface LoopingCluster {
  text: string
  requests: RequestSpec[]
}

const CLIENT = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', labels: { app: 'client' } }, spec: { containers: [{ name: 'c', image: 'curlimages/curl' }] } }
const NODE_IPS = ['192.168.49.2', '192.168.49.3', '192.168.49.4']
const clusterIP = (i: number): string => `10.96.2.${i + 1}`
const nodePort = (i: number): number => 30050 + i

function write(objects: unknown[]): string {
  return objects.map((o) => writeYaml(o)).join('---\n')
}

/** Services 0..n-1; the Endpoints of each point at another one's ClusterIP or NodePort. */
const endpointCycle: fc.Arbitrary<LoopingCluster> = fc.integer({ min: 1, max: 4 }).chain((n) => fc.record({
  targets: fc.array(fc.record({ service: fc.nat(n - 1), via: fc.constantFrom('clusterIP', 'nodePort'), node: fc.nat(2) }), { minLength: n, maxLength: n }),
  type: fc.constantFrom('ClusterIP', 'NodePort'),
  from: fc.constantFrom('pod', 'node', 'external'),
  start: fc.nat(n - 1),
}).map(({ targets, type, from, start }) => {
  const objects: unknown[] = [CLIENT]
  targets.forEach((t, i) => {
    objects.push({
      apiVersion: 'v1', kind: 'Service', metadata: { name: `loop-${i}` },
      spec: { type: t.via === 'nodePort' || type === 'NodePort' ? 'NodePort' : 'ClusterIP', clusterIP: clusterIP(i), ports: [{ port: 80, ...(t.via === 'nodePort' || type === 'NodePort' ? { nodePort: nodePort(i) } : {}) }] },
    })
    const ip = t.via === 'clusterIP' ? clusterIP(t.service) : NODE_IPS[t.node]
    const port = t.via === 'clusterIP' ? 80 : nodePort(t.service)
    objects.push({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: `loop-${i}` }, subsets: [{ addresses: [{ ip }], ports: [{ port }] }] })
  })
  const requests: RequestSpec[] = from === 'pod'
    ? [{ from: 'pod/client', url: `http://loop-${start}` }, { from: 'pod/client', url: `http://${clusterIP(start)}` }]
    : from === 'node'
      ? [{ from: 'node/worker-1', url: `http://${clusterIP(start)}` }, { from: 'node/control-plane', url: `http://192.168.49.3:${nodePort(start)}` }]
      : [{ from: 'external', url: `http://192.168.49.2:${nodePort(start)}` }, { from: 'external', url: `http://192.168.49.4:${nodePort(start)}` }]
  return { text: write(objects), requests }
}))

/** ExternalName Services naming each other (chains, cycles, a Service naming itself). */
const externalNameCycle: fc.Arbitrary<LoopingCluster> = fc.integer({ min: 1, max: 5 }).chain((n) => fc.record({
  targets: fc.array(fc.record({ service: fc.nat(n - 1), fqdn: fc.boolean(), outside: fc.boolean() }), { minLength: n, maxLength: n }),
  start: fc.nat(n - 1),
}).map(({ targets, start }) => {
  const objects: unknown[] = [CLIENT, ...targets.map((t, i) => ({
    apiVersion: 'v1', kind: 'Service', metadata: { name: `name-${i}` },
    spec: { type: 'ExternalName', externalName: t.outside && i === n - 1 ? 'example.com' : t.fqdn ? `name-${t.service}.default.svc.cluster.local` : `name-${t.service}` },
  }))]
  return { text: write(objects), requests: [{ from: 'pod/client', url: `http://name-${start}` }, { from: 'pod/client', url: `http://name-${start}.default.svc.cluster.local.` }] }
}))

/** A user-installed ingress controller whose Ingress sends traffic back to the controller's own Service. */
const ingressSelfLoop: fc.Arbitrary<LoopingCluster> = fc.record({
  type: fc.constantFrom('NodePort', 'LoadBalancer', 'ClusterIP'),
  upstream: fc.boolean(),
  host: fc.constantFrom('loop.example.com', null),
  replicas: fc.integer({ min: 1, max: 2 }),
  viaEndpoints: fc.boolean(),
}).map(({ type, upstream, host, replicas, viaEndpoints }) => {
  const labels = { app: 'ctl', 'app.kubernetes.io/name': 'ingress-nginx' }
  const objects: unknown[] = [
    CLIENT,
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ctl' }, spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'ingress-nginx', ports: [{ name: 'http', containerPort: 80 }] }] } } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ctl' }, spec: { type, clusterIP: clusterIP(0), selector: labels, ports: [{ name: 'http', port: 80, ...(type !== 'ClusterIP' ? { nodePort: nodePort(0) } : {}) }] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
    // The backend is the controller itself, directly or through a selector-less Service pointing at its ClusterIP.
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'back' }, spec: { clusterIP: clusterIP(1), ports: [{ name: 'http', port: 80 }] } },
    { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'back' }, subsets: [{ addresses: [{ ip: clusterIP(0) }], ports: [{ name: 'http', port: 80 }] }] },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
      metadata: { name: 'self', ...(upstream ? { annotations: { 'nginx.ingress.kubernetes.io/service-upstream': 'true' } } : {}) },
      spec: { ingressClassName: 'nginx', rules: [{ ...(host ? { host } : {}), http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: viaEndpoints ? 'back' : 'ctl', port: { number: 80 } } } }] } }] },
    },
  ]
  const headers = { Host: host ?? 'any.example.com' }
  return {
    text: write(objects),
    requests: [
      { from: 'pod/client', url: 'http://ctl/', headers },
      { from: 'external', url: `http://192.168.49.3:${nodePort(0)}/`, headers },
      { from: 'pod/client', url: `http://${clusterIP(1)}/`, headers },
    ],
  }
})

export const loopingCluster: fc.Arbitrary<LoopingCluster> = fc.oneof(endpointCycle, externalNameCycle, ingressSelfLoop)
