/**
 * Small coherent clusters: namespaces, nodes, workloads and bare pods,
 * Services of every type (selector-less ones with hand-written Endpoints or
 * EndpointSlices that point at other Services' ClusterIPs, at NodePorts, at
 * pods or outside), ExternalName chains and loops, Ingresses (also in front
 * of the ingress controller's own Service), MetalLB pools and a kube-proxy
 * mode. Every object has its own name and its own app label, and requested
 * addresses never collide, so the documents are independent of each other:
 * any order of them (Namespaces first) describes the same cluster.
 */
import fc from 'fast-check'
import { writeYaml } from './writeYaml'

export interface ClusterText {
  /** Namespace documents: kubectl apply needs them before the objects inside. */
  namespaces: string[]
  /** Every other document, each independent of the others. */
  documents: string[]
}

/** The whole text, documents in the order given. */
export function clusterYaml(c: ClusterText, order: string[] = c.documents): string {
  return [...c.namespaces, ...order].join('---\n')
}

const APP_NAMES = ['web', 'api', 'db', 'cache', 'front', 'ingress']
const SERVICE_NAMES = ['svc-a', 'svc-b', 'svc-c', 'svc-d', 'svc-e', 'web']
const NODE_NAMES = ['node-a', 'node-b', 'node-c', 'cp']
const PORTS = [{ name: 'http', port: 80 }, { name: 'alt', port: 8080 }, { name: 'metrics', port: 9376 }]
/** Addresses a hand-written endpoint may point at: default node IPs, pod-CIDR addresses, outside servers, static ClusterIPs. */
const ENDPOINT_IPS = ['192.168.49.2', '192.168.49.3', '192.168.49.10', '10.244.1.50', '10.244.2.7', '11.11.11.11', '10.96.1.1', '10.96.1.2', '10.96.1.3', '10.96.1.4']

interface AppPlan {
  name: string
  kind: 'Deployment' | 'ReplicaSet' | 'ReplicationController' | 'Pod'
  nsIndex: number
  replicas: number
  ports: number[]
  readiness: 'none' | 'http' | 'exec'
  ingressController: boolean
  nodeSelector: boolean
  podIP: boolean
}

const appPlan = (name: string): fc.Arbitrary<AppPlan> => fc.record({
  name: fc.constant(name),
  kind: fc.constantFrom('Deployment', 'Deployment', 'ReplicaSet', 'ReplicationController', 'Pod'),
  nsIndex: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat(2), weight: 1 }),
  replicas: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 }), weight: 5 }, { arbitrary: fc.constant(0), weight: 1 }),
  ports: fc.subarray([0, 1, 2]),
  readiness: fc.constantFrom('none', 'none', 'http', 'exec'),
  ingressController: fc.boolean().map((b) => b && name === 'ingress'),
  nodeSelector: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
  podIP: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
})

interface ServicePlan {
  name: string
  nsIndex: number
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName' | 'Headless'
  /** Index into the apps (selector app=<name>), or null: endpoints by hand. */
  app: number | null
  ports: { port: number; target: number | string; named: boolean }[]
  staticClusterIP: boolean
  staticNodePort: boolean
  externalTrafficPolicy: 'Cluster' | 'Local'
  affinity: boolean
  externalName: { service: number; form: 'fqdn' | 'short' } | string
  manual: { form: 'Endpoints' | 'EndpointSlice'; ips: string[]; port: 'target' | 'nodePort' | number; nameMatches: boolean } | null
  externalIP: boolean
  pool: number | null
  lbIP: boolean
}

const servicePlan = (name: string): fc.Arbitrary<ServicePlan> => fc.record({
  name: fc.constant(name),
  nsIndex: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat(2), weight: 1 }),
  type: fc.constantFrom('ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Headless'),
  app: fc.option(fc.nat(APP_NAMES.length - 1), { freq: 3 }),
  ports: fc.array(fc.record({ port: fc.constantFrom(80, 443, 8080), target: fc.oneof({ arbitrary: fc.constantFrom(80, 'http'), weight: 4 }, { arbitrary: fc.constantFrom(8080, 9376, 81, 'alt', 'nope'), weight: 1 }), named: fc.boolean() }), { minLength: 1, maxLength: 2 }),
  staticClusterIP: fc.boolean(),
  staticNodePort: fc.boolean(),
  externalTrafficPolicy: fc.constantFrom('Cluster', 'Local'),
  affinity: fc.boolean(),
  externalName: fc.oneof(fc.record({ service: fc.nat(SERVICE_NAMES.length - 1), form: fc.constantFrom('fqdn', 'short') }), fc.constantFrom('example.com', 'kubernetes.default.svc.cluster.local')),
  manual: fc.option(fc.record({
    form: fc.constantFrom('Endpoints', 'EndpointSlice'),
    ips: fc.uniqueArray(fc.constantFrom(...ENDPOINT_IPS), { minLength: 1, maxLength: 3 }),
    port: fc.oneof(fc.constantFrom('target', 'nodePort'), fc.constantFrom(80, 30001, 30003)),
    nameMatches: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
  }), { freq: 2, nil: null }),
  externalIP: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
  pool: fc.option(fc.nat(1), { freq: 3 }),
  lbIP: fc.boolean(),
})

interface IngressPlan {
  nsIndex: number
  rules: { host: string | null; path: string; pathType: 'Prefix' | 'Exact'; service: number; byName: boolean }[]
  defaultBackend: number | null
  upstream: boolean
  className: boolean
}

const ingressPlan: fc.Arbitrary<IngressPlan> = fc.record({
  nsIndex: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat(2), weight: 1 }),
  rules: fc.array(fc.record({
    host: fc.constantFrom('shop.example.com', '*.example.com', null),
    path: fc.constantFrom('/', '/api'),
    pathType: fc.constantFrom('Prefix', 'Exact'),
    service: fc.nat(SERVICE_NAMES.length - 1),
    byName: fc.boolean(),
  }), { minLength: 1, maxLength: 2 }),
  defaultBackend: fc.option(fc.nat(SERVICE_NAMES.length - 1), { nil: null }),
  upstream: fc.boolean(),
  className: fc.boolean(),
})

export interface ClusterPlan {
  namespaces: string[]
  nodes: { name: string; ip: boolean; cidr: boolean; ready: boolean; tainted: boolean; unschedulable: boolean }[]
  apps: AppPlan[]
  services: ServicePlan[]
  ingresses: IngressPlan[]
  pools: number
  ingressClass: boolean
  proxyMode: string | null
  /** Block YAML as people write it, or JSON (valid YAML, what `kubectl get -o json` prints). */
  style: 'block' | 'json'
}

export const clusterPlan: fc.Arbitrary<ClusterPlan> = fc.record({
  namespaces: fc.oneof({ arbitrary: fc.constant<string[]>([]), weight: 3 }, { arbitrary: fc.subarray(['shop', 'tools'], { minLength: 1 }), weight: 1 }),
  nodes: fc.oneof(
    { arbitrary: fc.constant([]), weight: 4 },
    { arbitrary: fc.uniqueArray(fc.constantFrom(...NODE_NAMES), { minLength: 1, maxLength: 3 }).chain((names) => fc.tuple(...names.map((name) => fc.record({
      name: fc.constant(name), ip: fc.boolean(), cidr: fc.boolean(),
      ready: fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
      tainted: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
      unschedulable: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
    })))), weight: 1 },
  ),
  apps: fc.subarray(APP_NAMES, { maxLength: 2 }).chain((names) => fc.tuple(...names.map(appPlan))),
  services: fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.constant(2), weight: 2 }, { arbitrary: fc.constant(3), weight: 1 }).chain((n) => fc.subarray(SERVICE_NAMES, { minLength: n, maxLength: n })).chain((names) => fc.tuple(...names.map(servicePlan))),
  ingresses: fc.oneof({ arbitrary: fc.constant<IngressPlan[]>([]), weight: 3 }, { arbitrary: fc.array(ingressPlan, { minLength: 1, maxLength: 2 }), weight: 1 }),
  pools: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 1 }),
  ingressClass: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
  proxyMode: fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.constantFrom('iptables', 'nftables', 'ipvs', 'userspace'), weight: 1 }),
  style: fc.constantFrom<'block' | 'json'>('block', 'json'),
}).map((p) => ({ ...p, apps: [...p.apps], services: [...p.services], nodes: [...p.nodes] }))

function nsOf(plan: ClusterPlan, index: number): string {
  const all = ['default', ...plan.namespaces]
  return all[index % all.length]
}

function staticClusterIP(i: number): string {
  return `10.96.1.${i + 1}`
}

function staticNodePort(i: number, port: number): number {
  return 30001 + i * 2 + port
}

function appDocument(plan: ClusterPlan, app: AppPlan): unknown {
  const namespace = nsOf(plan, app.nsIndex)
  const labels: Record<string, string> = { app: app.name }
  if (app.ingressController) labels['app.kubernetes.io/name'] = 'ingress-nginx'
  const ports = app.ingressController ? [{ name: 'http', containerPort: 80 }] : app.ports.map((i) => ({ name: PORTS[i].name, containerPort: PORTS[i].port }))
  const probe = app.readiness === 'http' ? { httpGet: { port: 80, path: '/' } } : app.readiness === 'exec' ? { exec: { command: ['ls', '/var/ready'] } } : undefined
  const container = { name: 'app', image: 'nginx', ports, ...(probe ? { readinessProbe: probe } : {}) }
  const firstNode = plan.nodes[0]?.name ?? 'worker-1'
  const spec = { containers: [container], ...(app.nodeSelector ? { nodeSelector: { 'kubernetes.io/hostname': firstNode } } : {}) }
  if (app.kind === 'Pod') {
    return {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: app.name, namespace, labels }, spec,
      ...(app.podIP ? { status: { phase: 'Running', podIP: `10.244.${plan.nodes.length > 0 ? 10 : 1}.${100 + APP_NAMES.indexOf(app.name)}` } } : {}),
    }
  }
  const selector = app.kind === 'ReplicationController' ? labels : { matchLabels: labels }
  return {
    apiVersion: app.kind === 'ReplicationController' ? 'v1' : 'apps/v1', kind: app.kind, metadata: { name: app.name, namespace },
    spec: { replicas: app.replicas, selector, template: { metadata: { labels }, spec } },
  }
}

function serviceDocuments(plan: ClusterPlan, svc: ServicePlan, index: number): unknown[] {
  const namespace = nsOf(plan, svc.nsIndex)
  const named = svc.ports.length > 1 || svc.ports.some((p) => p.named)
  const ports = svc.ports.map((p, i) => ({
    ...(named ? { name: `p${i}` } : {}),
    port: p.port + i, // two ports of one Service never share a number
    targetPort: p.target,
    ...(svc.staticNodePort && (svc.type === 'NodePort' || svc.type === 'LoadBalancer') ? { nodePort: staticNodePort(index, i) } : {}),
  }))
  const app = svc.app === null ? undefined : plan.apps[svc.app % Math.max(1, plan.apps.length)]
  const spec: Record<string, unknown> = { ports }
  if (svc.type === 'ExternalName') {
    const target = typeof svc.externalName === 'string' ? svc.externalName : plan.services[svc.externalName.service % plan.services.length]
    spec.type = 'ExternalName'
    spec.externalName = typeof target === 'string' ? target : target.name + (typeof svc.externalName !== 'string' && svc.externalName.form === 'fqdn' ? `.${nsOf(plan, target.nsIndex)}.svc.cluster.local` : '')
  } else {
    if (svc.type !== 'Headless') spec.type = svc.type
    if (svc.type === 'Headless') spec.clusterIP = 'None'
    else if (svc.staticClusterIP) spec.clusterIP = staticClusterIP(index)
    if (app && svc.manual === null) spec.selector = { app: app.name }
    if (svc.type === 'NodePort' || svc.type === 'LoadBalancer') spec.externalTrafficPolicy = svc.externalTrafficPolicy
    if (svc.affinity) spec.sessionAffinity = 'ClientIP'
    if (svc.externalIP && svc.type !== 'Headless') spec.externalIPs = [`198.51.100.${index + 1}`]
    if (svc.type === 'LoadBalancer' && svc.lbIP && plan.pools > 0) spec.loadBalancerIP = `192.168.49.${224 + index}`
  }
  const annotations = svc.type === 'LoadBalancer' && svc.pool !== null && svc.pool < plan.pools ? { 'metallb.io/address-pool': `pool-${svc.pool}` } : undefined
  const docs: unknown[] = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: svc.name, namespace, ...(annotations ? { annotations } : {}) }, spec }]
  if (svc.manual && svc.type !== 'ExternalName') {
    const m = svc.manual
    const epPorts = ports.map((p, i) => ({
      ...(p.name && m.nameMatches ? { name: p.name } : p.name || !m.nameMatches ? { name: `x${i}` } : {}),
      port: m.port === 'target' ? (typeof p.targetPort === 'number' ? p.targetPort : 80) : m.port === 'nodePort' ? staticNodePort((index + 1) % plan.services.length, 0) : m.port,
    }))
    docs.push(m.form === 'Endpoints'
      ? { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.name, namespace }, subsets: [{ addresses: m.ips.map((ip) => ({ ip })), ports: epPorts }] }
      : {
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
        metadata: { name: `${svc.name}-manual`, namespace, labels: { 'kubernetes.io/service-name': svc.name } },
        addressType: 'IPv4', ports: epPorts, endpoints: m.ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      })
  }
  return docs
}

function ingressDocument(plan: ClusterPlan, ing: IngressPlan, index: number): unknown {
  const namespace = nsOf(plan, ing.nsIndex)
  const backend = (s: number, byName: boolean): unknown => {
    const svc = plan.services[s % plan.services.length]
    return { service: { name: svc.name, port: byName ? { name: 'p0' } : { number: svc.ports[0].port } } }
  }
  const byHost = new Map<string | null, { path: string; pathType: string; backend: unknown }[]>()
  for (const r of ing.rules) {
    const paths = byHost.get(r.host) ?? []
    if (!paths.some((p) => p.path === r.path && p.pathType === r.pathType)) paths.push({ path: r.path, pathType: r.pathType, backend: backend(r.service, r.byName) })
    byHost.set(r.host, paths)
  }
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name: `ing-${index}`, namespace, ...(ing.upstream ? { annotations: { 'nginx.ingress.kubernetes.io/service-upstream': 'true' } } : {}) },
    spec: {
      ...(ing.className ? { ingressClassName: 'nginx' } : {}),
      ...(ing.defaultBackend !== null ? { defaultBackend: backend(ing.defaultBackend, false) } : {}),
      rules: [...byHost].map(([host, paths]) => ({ ...(host ? { host } : {}), http: { paths } })),
    },
  }
}

function nodeDocument(node: ClusterPlan['nodes'][number], index: number): unknown {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: node.name, labels: node.name === 'cp' ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
    spec: {
      ...(node.cidr ? { podCIDR: `10.244.${10 + index}.0/24` } : {}),
      ...(node.tainted ? { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] } : {}),
      ...(node.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      ...(node.ip ? { addresses: [{ type: 'InternalIP', address: `192.168.49.${10 + index}` }] } : {}),
      conditions: [{ type: 'Ready', status: node.ready ? 'True' : 'False' }],
    },
  }
}

/** Writes a plan as YAML documents. */
export function writeCluster(plan: ClusterPlan): ClusterText {
  const objects: unknown[] = [
    ...plan.nodes.map(nodeDocument),
    ...plan.apps.map((a) => appDocument(plan, a)),
    ...plan.services.flatMap((s, i) => serviceDocuments(plan, s, i)),
    ...plan.ingresses.map((ing, i) => ingressDocument(plan, ing, i)),
    ...Array.from({ length: plan.pools }, (_, i) => ({
      apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: `pool-${i}`, namespace: 'metallb-system' },
      spec: { addresses: [i === 0 ? '192.168.49.200-192.168.49.203' : '192.168.49.224/28'] },
    })),
    ...(plan.ingressClass ? [{ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } }] : []),
    ...(plan.proxyMode ? [{ apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', mode: plan.proxyMode }] : []),
  ]
  const write = plan.style === 'json' ? (o: unknown): string => `${JSON.stringify(o)}\n` : writeYaml
  return {
    namespaces: plan.namespaces.map((name) => write({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    documents: objects.map(write),
  }
}

/** A small coherent cluster as YAML documents. */
export const cluster: fc.Arbitrary<ClusterText> = clusterPlan.map(writeCluster)
