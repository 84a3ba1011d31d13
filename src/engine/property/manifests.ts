/**
 * Structurally valid manifests (apiVersion, kind, metadata, spec in the right
 * places, written out as block YAML so the text always parses) whose
 * field values are random: mostly plausible, sometimes hostile (negative
 * ports, 70000, empty or huge names, wrong types, big label maps, replica
 * counts no cluster could run).
 */
import fc from 'fast-check'
import { writeYaml } from './writeYaml'

type Json = unknown

/** Values that break assumptions: out-of-range numbers, wrong types, empty and oversized strings. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(-1, 0, 1, 65535, 65536, 70000, 30000, 32767, 32768, 2147483647, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER, 1.5, -0.0,
    1e21, '', ' ', '-', 'None', 'none', 'UPPER', 'a/b', 'a.b', '80', '-80', 'http', 'x'.repeat(70), 'y'.repeat(300), '10.96.0.1', '0.0.0.0', '127.0.0.1',
    '255.255.255.255', '10.96.0.0', '::1', '1.2.3', 'true', true, false, null, [], {}, [null], { a: null }, '\u0000', '\u202e', '<b>x</b>'),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.string({ maxLength: 12 }),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 3 }),
)

/** A field: usually a plausible value, sometimes a hostile one. */
export function field<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<T | Json> {
  return fc.oneof({ arbitrary: plausible, weight: 15 }, { arbitrary: hostileValue, weight: 1 })
}

/** An object whose keys are each present or not, except the `required` ones (which a valid object needs). */
function some<T extends Record<string, fc.Arbitrary<unknown>>>(fields: T, required: (keyof T & string)[] = []): fc.Arbitrary<Partial<{ [K in keyof T]: unknown }>> {
  return fc.record(fields, { requiredKeys: required }) as fc.Arbitrary<Partial<{ [K in keyof T]: unknown }>>
}

const name = fc.oneof({ arbitrary: fc.constantFrom('web', 'api', 'db', 'a', 'kubia', 'kubernetes', 'kube-dns', 'x-1'), weight: 6 }, { arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), weight: 2 })
const namespace = fc.constantFrom('default', 'default', 'default', 'kube-system', 'shop', 'missing')
const labelKey = fc.oneof({ arbitrary: fc.constantFrom('app', 'tier', 'app.kubernetes.io/name', 'k8s-app'), weight: 20 }, { arbitrary: fc.constantFrom('bad key', 'a/b/c'), weight: 1 })
const labelValue = fc.oneof({ arbitrary: fc.constantFrom('web', 'api', 'db', 'kubia', 'ingress-nginx', 'kube-dns', ''), weight: 20 }, { arbitrary: fc.constant('x'.repeat(64)), weight: 1 })
const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 2 })
/** Mostly the usual values, now and then an odd one. */
function rare<T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: usual, weight: 12 }, { arbitrary: odd, weight: 1 })
}
const port = rare(fc.oneof(fc.constantFrom(53, 80, 443, 8080, 9376), fc.integer({ min: 1, max: 65535 })), fc.integer({ min: -2, max: 70_000 }))
const portName = rare(fc.constantFrom('http', 'https', 'web', 'dns', 'metrics'), fc.constantFrom('HTTP', 'a-very-long-port-name', '8080'))
const protocol = rare(fc.constantFrom('TCP', 'TCP', 'UDP', 'SCTP'), fc.constantFrom('tcp', 'ICMP'))
const ip = fc.oneof(fc.constantFrom('10.96.0.1', '10.96.0.10', '10.96.100.1', '10.244.1.5', '192.168.49.2', '192.168.49.200', '1.1.1.1', '11.11.11.11', '10.97.0.0'),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')))

const metadata = fc.record({ name: field(name), namespace: fc.oneof({ arbitrary: fc.constant('default'), weight: 3 }, { arbitrary: field(namespace), weight: 1 }), labels: field(labels), annotations: field(fc.dictionary(fc.constantFrom('nginx.ingress.kubernetes.io/rewrite-target', 'metallb.io/address-pool', 'note'), fc.constantFrom('/', 'pool', 'true', ''), { maxKeys: 2 })) }, { requiredKeys: ['name'] })

const containerPort = some({ name: field(portName), containerPort: field(port), protocol: field(protocol) }, ['containerPort'])
const probe = rare<Json>(fc.oneof(
  fc.record({ httpGet: some({ port: field(fc.oneof(port, portName)), path: field(fc.constantFrom('/', '/healthz', '')) }, ['port']) }),
  fc.record({ tcpSocket: some({ port: field(port) }, ['port']) }),
  fc.record({ exec: fc.record({ command: field(fc.constant(['ls', '/var/ready'])) }) }),
), some({ httpGet: fc.constant({ port: 80 }), tcpSocket: fc.constant({ port: 80 }), initialDelaySeconds: hostileValue }))
const container = some({ name: field(fc.constantFrom('app', 'web', 'sidecar')), image: field(fc.constantFrom('nginx', 'luksa/kubia')), ports: field(fc.array(containerPort, { maxLength: 3 })), readinessProbe: field(probe),
  env: field(fc.array(some({ name: field(fc.constantFrom('A', 'KUBIA_SERVICE_HOST', '1x')), value: field(fc.string({ maxLength: 5 })) }), { maxLength: 2 })) }, ['name', 'image'])
const podSpec = some({
  containers: field(fc.array(container, { minLength: 1, maxLength: 2 })),
  nodeName: field(fc.constantFrom('control-plane', 'worker-1', 'worker-2', 'node-a', 'nowhere')),
  nodeSelector: field(labels),
  tolerations: field(fc.array(some({ key: field(labelKey), operator: field(fc.constantFrom('Exists', 'Equal', 'Bogus')), effect: field(fc.constantFrom('NoSchedule', 'NoExecute', '')) }), { maxLength: 2 })),
  hostname: field(name), subdomain: field(name),
  dnsPolicy: field(fc.constantFrom('ClusterFirst', 'Default', 'None', 'ClusterFirstWithHostNet', 'Bogus')),
  dnsConfig: field(some({ nameservers: field(fc.array(ip, { maxLength: 4 })), searches: field(fc.array(name, { maxLength: 3 })), options: field(fc.array(some({ name: field(fc.constantFrom('ndots', 'timeout')), value: field(fc.constantFrom('0', '2', '99', 'x')) }), { maxLength: 2 })) })),
  enableServiceLinks: field(fc.boolean()),
}, ['containers'])
const selector = some({ matchLabels: field(labels), matchExpressions: field(fc.array(some({ key: field(labelKey), operator: field(fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Bogus')), values: field(fc.array(labelValue, { maxLength: 2 })) }), { maxLength: 2 })) })
const template = some({ metadata: field(some({ labels: field(labels), annotations: field(labels) }, ['labels'])), spec: field(podSpec) }, ['metadata', 'spec'])
/** Replica counts, including ones no cluster could run. */
const replicas = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 40 }, { arbitrary: fc.constantFrom(-1, 1.5, 70_000, 2147483647, 1e12), weight: 1 })

/** A workload spec whose selector matches its template's labels (`matchLabels` for apps/v1, a plain map for an RC). */
function workloadSpec(labelSelector: boolean): fc.Arbitrary<Json> {
  return fc.record({ app: fc.constantFrom('web', 'api', 'db', 'kubia'), replicas: field(replicas), spec: field(podSpec), extra: labels }).map(({ app, replicas, spec, extra }) => ({
    replicas,
    selector: labelSelector ? { matchLabels: { app } } : { app },
    template: { metadata: { labels: { ...extra, app } }, spec },
  }))
}
const servicePort = some({ name: field(portName), port: field(port), targetPort: field(fc.oneof(port, portName)), nodePort: field(fc.oneof(fc.integer({ min: 29_990, max: 32_770 }), port)), protocol: field(protocol) }, ['port'])
/** Any Service field, whatever the type (most combinations are refused: that is the point). */
const anyServiceSpec = some({
  type: field(fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'clusterip', 'Headless')),
  selector: field(labels),
  ports: field(fc.array(servicePort, { minLength: 1, maxLength: 3 })),
  clusterIP: field(fc.oneof(ip, fc.constantFrom('None', ''))),
  clusterIPs: field(fc.array(ip, { maxLength: 2 })),
  externalIPs: field(fc.array(ip, { maxLength: 2 })),
  externalName: field(fc.constantFrom('example.com', 'web.default.svc.cluster.local', 'db', '1.2.3.4', 'bad_name', '')),
  sessionAffinity: field(fc.constantFrom('None', 'ClientIP', 'Cookie')),
  sessionAffinityConfig: field(some({ clientIP: field(some({ timeoutSeconds: field(fc.integer({ min: -1, max: 100_000 })) })) })),
  externalTrafficPolicy: field(fc.constantFrom('Cluster', 'Local', 'Global')),
  internalTrafficPolicy: field(fc.constantFrom('Cluster', 'Local')),
  publishNotReadyAddresses: field(fc.boolean()),
  allocateLoadBalancerNodePorts: field(fc.boolean()),
  loadBalancerIP: field(ip),
  loadBalancerClass: field(fc.constantFrom('example.com/lb', '')),
  loadBalancerSourceRanges: field(fc.array(fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '203.0.113.0/24', 'x'), { maxLength: 2 })),
  ipFamilyPolicy: field(fc.constantFrom('SingleStack', 'PreferDualStack', 'RequireDualStack')),
}, ['ports'])
const shared = {
  selector: field(labels),
  ports: field(fc.array(servicePort, { minLength: 1, maxLength: 3 })),
  sessionAffinity: field(fc.constantFrom('None', 'ClientIP')),
  sessionAffinityConfig: field(some({ clientIP: field(some({ timeoutSeconds: field(fc.integer({ min: 1, max: 86400 })) })) })),
  internalTrafficPolicy: field(fc.constantFrom('Cluster', 'Local')),
  publishNotReadyAddresses: field(fc.boolean()),
  externalIPs: field(fc.array(ip, { maxLength: 1 })),
}
/** A Service of one type with the fields that type allows, their values random. */
const serviceSpec = fc.oneof(
  some({ type: fc.constant('ClusterIP'), clusterIP: field(fc.oneof(ip, fc.constantFrom('None', ''))), ...shared }, ['ports']),
  some({ type: fc.constant('NodePort'), externalTrafficPolicy: field(fc.constantFrom('Cluster', 'Local')), ...shared }, ['type', 'ports']),
  some({ type: fc.constant('LoadBalancer'), externalTrafficPolicy: field(fc.constantFrom('Cluster', 'Local')), allocateLoadBalancerNodePorts: field(fc.boolean()), loadBalancerIP: field(ip),
    loadBalancerClass: rare(fc.constant(undefined), field(fc.constant('example.com/lb'))), loadBalancerSourceRanges: field(fc.array(fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '203.0.113.0/24'), { maxLength: 2 })), ...shared }, ['type', 'ports']),
  some({ type: fc.constant('ExternalName'), externalName: field(fc.constantFrom('example.com', 'web.default.svc.cluster.local', 'db', 'db.shop', '1.2.3.4', 'bad_name')), ports: field(fc.array(servicePort, { maxLength: 1 })) }, ['type', 'externalName']),
  anyServiceSpec,
)
const endpointAddress = some({ ip: field(ip), hostname: field(name), nodeName: field(fc.constantFrom('worker-1', 'nowhere')), targetRef: field(some({ kind: field(fc.constant('Pod')), name: field(name), namespace: field(namespace) })) }, ['ip'])
const endpointPort = some({ name: field(portName), port: field(port), protocol: field(protocol) }, ['port'])
const backend = some({ service: field(some({ name: field(name), port: field(some({ number: field(port), name: field(portName) })) })), resource: field(some({ kind: field(fc.constant('StorageBucket')), name: field(name) })) })
const ingressPath = some({ path: field(fc.constantFrom('/', '/api', '/api/', 'api', '/a/b', '')), pathType: field(fc.constantFrom('Prefix', 'Exact', 'ImplementationSpecific', 'Regex')), backend: field(backend) })
const ingressSpec = some({
  ingressClassName: field(fc.constantFrom('nginx', 'other', '')),
  defaultBackend: field(backend),
  rules: field(fc.array(some({ host: field(fc.constantFrom('shop.example.com', '*.example.com', 'foo.bar.com', '*', '1.2.3.4', 'UPPER.com')), http: field(some({ paths: field(fc.array(ingressPath, { maxLength: 3 })) })) }), { maxLength: 3 })),
  tls: field(fc.array(some({ hosts: field(fc.array(fc.constantFrom('shop.example.com', 'x'), { maxLength: 2 })), secretName: field(name) }), { maxLength: 1 })),
})
const legacyIngressPath = some({ path: field(fc.constantFrom('/', '/api')), backend: field(some({ serviceName: field(name), servicePort: field(fc.oneof(port, portName)) })) })

/** One object of a simulated kind (or a kind the playground ignores), as a plain JS value. */
export const manifestObject: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Service'), metadata, spec: field(serviceSpec), status: field(some({ loadBalancer: field(some({ ingress: field(fc.array(some({ ip: field(ip), hostname: field(name) }), { maxLength: 2 })) })) })) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata, spec: field(podSpec), status: field(some({ podIP: field(ip), phase: field(fc.constantFrom('Running', 'Pending', 'Failed')) })) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] }),
  fc.record({ apiVersion: fc.constantFrom('apps/v1', 'apps/v1', 'extensions/v1beta1', 'apps/v1beta2'), kind: fc.constantFrom('Deployment', 'ReplicaSet'), metadata, spec: field(rare(workloadSpec(true), some({ replicas: field(replicas), selector: field(selector), template: field(template) }))) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('ReplicationController'), metadata, spec: field(rare(workloadSpec(false), some({ replicas: field(replicas), selector: field(labels), template: field(template) }))) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Endpoints'), metadata, subsets: field(fc.array(some({ addresses: field(fc.array(endpointAddress, { maxLength: 3 })), notReadyAddresses: field(fc.array(endpointAddress, { maxLength: 2 })), ports: field(fc.array(endpointPort, { maxLength: 2 })) }), { maxLength: 2 })) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'subsets'] }),
  fc.record({ apiVersion: fc.constantFrom('discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1'), kind: fc.constant('EndpointSlice'), metadata, addressType: field(fc.constantFrom('IPv4', 'IPv6', 'FQDN')), ports: field(fc.array(endpointPort, { maxLength: 2 })), endpoints: field(fc.array(some({ addresses: field(fc.array(ip, { maxLength: 2 })), conditions: field(some({ ready: field(fc.boolean()), serving: field(fc.boolean()), terminating: field(fc.boolean()) })), nodeName: field(name) }), { maxLength: 3 })) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'addressType', 'endpoints'] }),
  fc.record({ apiVersion: fc.constant('networking.k8s.io/v1'), kind: fc.constant('Ingress'), metadata, spec: field(ingressSpec) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] }),
  fc.record({ apiVersion: fc.constantFrom('extensions/v1beta1', 'networking.k8s.io/v1beta1'), kind: fc.constant('Ingress'), metadata, spec: field(some({ backend: field(some({ serviceName: field(name), servicePort: field(port) })), rules: field(fc.array(some({ host: field(fc.constantFrom('a.com', '')), http: field(some({ paths: field(fc.array(legacyIngressPath, { maxLength: 2 })) })) }), { maxLength: 2 })) })) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] }),
  fc.record({ apiVersion: fc.constant('networking.k8s.io/v1'), kind: fc.constant('IngressClass'), metadata: fc.record({ name: field(name), annotations: field(fc.constant({ 'ingressclass.kubernetes.io/is-default-class': 'true' })) }, { requiredKeys: ['name'] }), spec: field(some({ controller: field(fc.constantFrom('k8s.io/ingress-nginx', 'example.com/other')) })) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Namespace'), metadata: fc.record({ name: field(name) }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Node'), metadata: fc.record({ name: field(fc.constantFrom('node-a', 'node-b', 'control-plane', 'worker-1')), labels: field(labels) }, { requiredKeys: ['name'] }), spec: field(some({ podCIDR: field(fc.constantFrom('10.244.0.0/24', '10.244.1.0/24', '10.244.0.0/16', '10.244.5.0/30', '10.244.9.0/32', 'x')), unschedulable: field(fc.boolean()), taints: field(fc.array(some({ key: field(labelKey), effect: field(fc.constantFrom('NoSchedule', 'NoExecute')) }), { maxLength: 1 })) })), status: field(some({ addresses: field(fc.array(some({ type: field(fc.constantFrom('InternalIP', 'Hostname')), address: field(ip) }), { maxLength: 2 })), conditions: field(fc.constant([{ type: 'Ready', status: 'False' }])) })) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] }),
  fc.record({ apiVersion: fc.constant('metallb.io/v1beta1'), kind: fc.constant('IPAddressPool'), metadata: fc.record({ name: field(name), namespace: field(fc.constantFrom('metallb-system', 'default')) }, { requiredKeys: ['name'] }), spec: field(some({ addresses: field(fc.array(fc.constantFrom('192.168.49.200-192.168.49.210', '192.168.49.240/28', '10.0.0.0/8', '0.0.0.0/0', '192.168.49.9-192.168.49.1', 'x'), { maxLength: 2 })), autoAssign: field(fc.boolean()), avoidBuggyIPs: field(fc.boolean()) }, ['addresses'])) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] }),
  fc.record({ apiVersion: fc.constant('kubeproxy.config.k8s.io/v1alpha1'), kind: fc.constant('KubeProxyConfiguration'), mode: field(rare(fc.constantFrom('iptables', 'ipvs', 'nftables', 'userspace', ''), fc.constantFrom('kernelspace', 'ebpf'))), ipvs: field(some({ scheduler: field(fc.constantFrom('rr', 'lc', 'sh', 'bogus')) })) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('ConfigMap'), metadata, data: field(labels) }),
)

/** A `kind: List` of objects, or a single object. */
const document: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: manifestObject, weight: 6 },
  { arbitrary: fc.array(manifestObject, { maxLength: 3 }).map((items) => ({ apiVersion: 'v1', kind: 'List', items })), weight: 1 },
)

/** One to four such documents, joined with `---`. */
export const manifestText: fc.Arbitrary<string> = fc
  .array(document, { minLength: 1, maxLength: 4 })
  .map((docs) => docs.map((d) => writeYaml(d)).join('---\n'))
