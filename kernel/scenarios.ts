/**
 * The built-in scenario (src/scenarios/kubia.yaml) and the inline scenarios,
 * each with the requests to send. Requests name their destination by IP (the
 * kernel test has no DNS), read from the engine's own view of the cluster.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createSimulation, type Action, type PodInfo, type ServiceInfo, type Simulation } from '../src/engine'
import type { Probe } from './check'
import type { DnsProbe } from './dns'

export interface Scenario {
  name: string
  kind: 'built-in' | 'inline' | 'generated'
  yaml: string
  seed?: number
  actions?: Action[]
  /** The requests, built from a fresh simulation of this scenario. */
  probes(sim: Simulation): Probe[]
  /** DNS lookups from client pods (run when dnsmasq is available). */
  dns?(sim: Simulation): DnsProbe[]
}

// ------------------------------------------------------------------ helpers

export function svcOf(sim: Simulation, name: string, namespace = 'default'): ServiceInfo {
  const s = sim.services.find((x) => x.name === name && x.namespace === namespace)
  if (!s) throw new Error(`scenario: no Service ${namespace}/${name}`)
  return s
}

export function podsOf(sim: Simulation, prefix: string, namespace = 'default'): PodInfo[] {
  return sim.pods.filter((p) => p.namespace === namespace && p.name.startsWith(prefix) && p.phase === 'Running' && p.ip)
}

export function podNamed(sim: Simulation, name: string, namespace = 'default'): PodInfo {
  const p = sim.pods.find((x) => x.name === name && x.namespace === namespace)
  if (!p) throw new Error(`scenario: no pod ${namespace}/${name}`)
  return p
}

export function nodeIP(sim: Simulation, name: string): string {
  const n = sim.nodes.find((x) => x.name === name)
  if (!n) throw new Error(`scenario: no node ${name}`)
  return n.ip
}

export const fromPod = (p: PodInfo): string => `pod/${p.namespace}/${p.name}`

function nodePort(s: ServiceInfo, i = 0): number {
  const np = s.ports[i]?.nodePort
  if (!np) throw new Error(`scenario: ${s.name} has no nodePort`)
  return np
}

function lbIP(s: ServiceInfo): string {
  const ip = s.loadBalancerIngress[0]
  if (!ip) throw new Error(`scenario: ${s.name} has no LoadBalancer address`)
  return ip
}

const probe = (what: string, from: string, host: string, port: number, count: number, mode: Probe['mode'] = 'each'): Probe => ({ what, from, host, port, count, mode })

/** Node objects (all schedulable workers), with extra labels per node. */
function nodes(list: [string, Record<string, string>?][]): string {
  return list.map(([name, labels]) => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels ?? {})}
`).join('---\n')
}

function clientPod(name: string, node: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: ${node}
  containers:
  - name: client
    image: curlimages/curl
    command: ["sleep", "infinity"]
`
}

function deployment(name: string, replicas: number, port: number, nodeSelector?: Record<string, string>): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${nodeSelector ? `      nodeSelector: ${JSON.stringify(nodeSelector)}\n` : ''}      containers:
      - name: app
        image: luksa/kubia
        ports:
        - name: http
          containerPort: ${port}
`
}

const POOL = `apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata:
  name: pool
  namespace: metallb-system
spec:
  addresses: ["192.168.49.240-192.168.49.250"]
---
apiVersion: metallb.io/v1beta1
kind: L2Advertisement
metadata:
  name: l2
  namespace: metallb-system
`

const join = (...docs: string[]): string => docs.join('---\n')

// ---------------------------------------------------------------- scenarios

const KUBIA_PATH = fileURLToPath(new URL('../src/scenarios/kubia.yaml', import.meta.url))

function kubia(): Scenario {
  return {
    name: 'kubia (built-in, src/scenarios/kubia.yaml)',
    kind: 'built-in',
    yaml: readFileSync(KUBIA_PATH, 'utf8'),
    probes(sim) {
      const s = svcOf(sim, 'kubia')
      const client = podNamed(sim, 'client')
      const [k0] = podsOf(sim, 'kubia-')
      const cp = sim.nodes.find((n) => n.roles.includes('control-plane'))!
      const worker = sim.nodes.find((n) => n.name !== client.node && !n.roles.includes('control-plane'))!
      return [
        probe('ClusterIP, 3 endpoints, from a pod: spread', fromPod(client), s.clusterIP, 80, 200, 'spread'),
        probe('ClusterIP from a node (SNAT to the node IP)', `node/${worker.name}`, s.clusterIP, 80, 6),
        probe('ClusterIP, a port the Service does not expose', fromPod(client), s.clusterIP, 81, 1),
        probe('hairpin: a kubia pod reaching its own Service', fromPod(k0), s.clusterIP, 80, 30),
        probe('kubernetes Service → API server on the control plane', fromPod(client), '10.96.0.1', 443, 3),
        probe('kubernetes Service from a node', `node/${worker.name}`, '10.96.0.1', 443, 3),
        probe('kube-dns TCP 53, two CoreDNS endpoints', fromPod(client), '10.96.0.10', 53, 6),
        probe('kube-dns metrics from the control-plane node (local endpoints)', `node/${cp.name}`, '10.96.0.10', 9153, 4),
        probe('ClusterIP from outside the cluster', 'external', s.clusterIP, 80, 1),
        probe('a pod IP directly, pod to pod across nodes', fromPod(client), k0.ip, 8080, 3),
      ]
    },
  }
}

function kubiaDns(): Scenario {
  return {
    name: 'kubia DNS (glibc resolver in the pods, kube-dns over UDP)',
    kind: 'built-in',
    yaml: readFileSync(KUBIA_PATH, 'utf8'),
    probes: () => [],
    dns(sim) {
      const [k0] = podsOf(sim, 'kubia-')
      const names = ['kubia', 'kubia.default', 'kubia.default.svc', 'kubia.default.svc.cluster.local', 'kubia.default.svc.cluster.local.',
        'kubernetes', 'kubernetes.default', 'kube-dns.kube-system', 'kube-dns', 'kubia.kube-system', 'default.svc.cluster.local', 'nothing-here']
      return [
        ...names.map((name) => ({ what: `${name} from client`, from: 'pod/default/client', name })),
        ...['kubia', 'kube-dns.kube-system.svc'].map((name) => ({ what: `${name} from ${k0.name}`, from: fromPod(k0), name })),
      ]
    },
  }
}

function clusterIP3(): Scenario {
  return {
    name: 'ClusterIP with 3 endpoints',
    kind: 'inline',
    yaml: join(nodes([['node-a'], ['node-b'], ['node-c']]), deployment('web', 3, 8080), `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 8080
`, clientPod('client-a', 'node-a'), clientPod('client-c', 'node-c')),
    probes(sim) {
      const s = svcOf(sim, 'web')
      return [
        probe('ClusterIP, 3 endpoints on 3 nodes: spread', 'pod/default/client-a', s.clusterIP, 80, 200, 'spread'),
        probe('same from another node\'s pod', 'pod/default/client-c', s.clusterIP, 80, 8),
        probe('ClusterIP from a node', 'node/node-b', s.clusterIP, 80, 8),
      ]
    },
  }
}

function nodePortEtp(): Scenario {
  return {
    name: 'NodePort, externalTrafficPolicy Cluster and Local, pods on node-a and node-b only',
    kind: 'inline',
    yaml: join(nodes([['node-a', { zone: 'z1' }], ['node-b', { zone: 'z1' }], ['node-c']]), deployment('web', 3, 8080, { zone: 'z1' }), `apiVersion: v1
kind: Service
metadata:
  name: web-cluster
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - port: 80
    targetPort: http
    nodePort: 30080
---
apiVersion: v1
kind: Service
metadata:
  name: web-local
spec:
  type: NodePort
  externalTrafficPolicy: Local
  selector: {app: web}
  ports:
  - port: 80
    targetPort: http
    nodePort: 30081
`, clientPod('client-a', 'node-a'), clientPod('client-c', 'node-c')),
    probes(sim) {
      const out: Probe[] = []
      for (const n of sim.nodes) {
        out.push(probe(`NodePort ETP Cluster from outside to ${n.name}`, 'external', n.ip, 30080, 6))
        out.push(probe(`NodePort ETP Local from outside to ${n.name}`, 'external', n.ip, 30081, 6))
      }
      const a = nodeIP(sim, 'node-a')
      const c = nodeIP(sim, 'node-c')
      const web = podsOf(sim, 'web-')
      const webA = web.find((p) => p.node === 'node-a') ?? web[0]
      out.push(
        probe('NodePort ETP Cluster from outside, via node-c (no local endpoint): spread', 'external', c, 30080, 200, 'spread'),
        probe('127.0.0.1:NodePort on node-c, ETP Cluster (route_localnet)', 'node/node-c', '127.0.0.1', 30080, 4),
        probe('127.0.0.1:NodePort on node-c, ETP Local (no local endpoint)', 'node/node-c', '127.0.0.1', 30081, 4),
        probe('node-a to its own IP, ETP Local', 'node/node-a', a, 30081, 4),
        probe('pod on node-c to its own node, ETP Local', 'pod/default/client-c', c, 30081, 4),
        probe('pod on node-c to node-a, ETP Local', 'pod/default/client-c', a, 30081, 4),
        probe('pod on node-a to node-c, ETP Cluster', 'pod/default/client-a', c, 30080, 4),
        probe('hairpin: a web pod to its own node\'s NodePort', fromPod(webA), nodeIP(sim, webA.node), 30080, 12),
        probe('a node port no Service uses', 'external', a, 31999, 1),
        probe('a pod IP from outside', 'external', webA.ip, 8080, 1),
      )
      return out
    },
  }
}

function metallb(): Scenario {
  return {
    name: 'LoadBalancer with a MetalLB IPAddressPool (L2), ETP Cluster and Local',
    kind: 'inline',
    yaml: join(nodes([['node-a', { zone: 'z1' }], ['node-b'], ['node-c', { zone: 'z1' }]]), deployment('web', 2, 8080, { zone: 'z1' }), `apiVersion: v1
kind: Service
metadata:
  name: lb-cluster
spec:
  type: LoadBalancer
  selector: {app: web}
  ports:
  - port: 80
    targetPort: http
---
apiVersion: v1
kind: Service
metadata:
  name: lb-local
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector: {app: web}
  ports:
  - port: 80
    targetPort: http
`, POOL, clientPod('client-b', 'node-b'), clientPod('client-c', 'node-c')),
    probes(sim) {
      const cl = lbIP(svcOf(sim, 'lb-cluster'))
      const lo = lbIP(svcOf(sim, 'lb-local'))
      return [
        probe('LB IP (ETP Cluster) from outside, to the MetalLB node', 'external', cl, 80, 8),
        probe('LB IP (ETP Local) from outside, to the MetalLB node', 'external', lo, 80, 8),
        probe('LB IP (ETP Cluster) from a pod', 'pod/default/client-b', cl, 80, 6),
        probe('LB IP (ETP Local) from a pod', 'pod/default/client-b', lo, 80, 6),
        probe('LB IP (ETP Cluster) from a node', 'node/node-b', cl, 80, 6),
        probe('LB IP (ETP Local) from a node', 'node/node-b', lo, 80, 6),
        probe('LB IP (ETP Local) from a pod on an endpoint node', 'pod/default/client-c', lo, 80, 6),
        probe('LB IP, a port the Service does not expose', 'external', cl, 81, 1),
        probe('NodePort of the ETP Local LB on node-b (no local endpoint)', 'external', nodeIP(sim, 'node-b'), nodePort(svcOf(sim, 'lb-local')), 3),
      ]
    },
  }
}

function affinity(): Scenario {
  return {
    name: 'ClientIP session affinity (NodePort, 3 endpoints)',
    kind: 'inline',
    yaml: join(nodes([['node-a'], ['node-b'], ['node-c']]), deployment('web', 3, 8080), `apiVersion: v1
kind: Service
metadata:
  name: sticky
spec:
  type: NodePort
  sessionAffinity: ClientIP
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 8080
`, clientPod('client-a', 'node-a'), clientPod('client-b', 'node-b')),
    probes(sim) {
      const s = svcOf(sim, 'sticky')
      const sticky = (x: Probe): Probe => ({ ...x, svc: { name: 'sticky', namespace: 'default', port: 80 } })
      return [
        sticky(probe('ClusterIP with ClientIP affinity from a pod', 'pod/default/client-a', s.clusterIP, 80, 10, 'affinity')),
        sticky(probe('ClusterIP with ClientIP affinity from another pod', 'pod/default/client-b', s.clusterIP, 80, 10, 'affinity')),
        sticky(probe('ClusterIP with ClientIP affinity from a node', 'node/node-c', s.clusterIP, 80, 8, 'affinity')),
        sticky(probe('NodePort with ClientIP affinity from outside via node-a', 'external', nodeIP(sim, 'node-a'), nodePort(s), 10, 'affinity')),
        sticky(probe('NodePort with ClientIP affinity from outside via node-c', 'external', nodeIP(sim, 'node-c'), nodePort(s), 10, 'affinity')),
      ]
    },
  }
}

function noEndpoints(): Scenario {
  return {
    name: 'a Service with no endpoints (REJECT)',
    kind: 'inline',
    yaml: join(nodes([['node-a'], ['node-b']]), deployment('web', 2, 8080), `apiVersion: v1
kind: Service
metadata:
  name: empty
spec:
  type: NodePort
  selector: {app: nothing-has-this-label}
  ports:
  - port: 80
    targetPort: 8080
`, clientPod('client-a', 'node-a')),
    probes(sim) {
      const s = svcOf(sim, 'empty')
      const np = nodePort(s)
      return [
        probe('ClusterIP, no endpoints, from a pod', 'pod/default/client-a', s.clusterIP, 80, 3),
        probe('ClusterIP, no endpoints, from a node', 'node/node-b', s.clusterIP, 80, 3),
        probe('NodePort, no endpoints, from outside to node-a', 'external', nodeIP(sim, 'node-a'), np, 3),
        probe('NodePort, no endpoints, from outside to node-b', 'external', nodeIP(sim, 'node-b'), np, 3),
        probe('127.0.0.1:NodePort, no endpoints, from the node', 'node/node-a', '127.0.0.1', np, 3),
        probe('NodePort, no endpoints, from a pod to its node', 'pod/default/client-a', nodeIP(sim, 'node-a'), np, 3),
      ]
    },
  }
}

function unexposedPort(): Scenario {
  return {
    name: 'a port the Service does not expose (TIMEOUT)',
    kind: 'inline',
    yaml: join(nodes([['node-a'], ['node-b']]), deployment('web', 2, 8080), `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 8080
`, clientPod('client-a', 'node-a')),
    probes(sim) {
      const s = svcOf(sim, 'web')
      return [
        probe('ClusterIP:80 works', 'pod/default/client-a', s.clusterIP, 80, 4),
        probe('ClusterIP:8080 (not a Service port) from a pod', 'pod/default/client-a', s.clusterIP, 8080, 2),
        probe('ClusterIP:443 (not a Service port) from a node', 'node/node-b', s.clusterIP, 443, 2),
        probe('ClusterIP:81 from outside', 'external', s.clusterIP, 81, 1),
      ]
    },
  }
}

function notListening(): Scenario {
  return {
    name: 'a pod that does not listen on the targetPort (refused)',
    kind: 'inline',
    yaml: join(nodes([['node-a'], ['node-b']]), deployment('web', 2, 8080), `apiVersion: v1
kind: Service
metadata:
  name: wrong-port
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 9999
`, clientPod('client-a', 'node-a')),
    probes(sim) {
      const s = svcOf(sim, 'wrong-port')
      return [
        probe('ClusterIP → pods that do not listen on 9999, from a pod', 'pod/default/client-a', s.clusterIP, 80, 6),
        probe('same from a node', 'node/node-b', s.clusterIP, 80, 4),
        probe('NodePort from outside', 'external', nodeIP(sim, 'node-b'), nodePort(s), 4),
      ]
    },
  }
}

function headless(): Scenario {
  return {
    name: 'headless Service (connect to the pod IPs)',
    kind: 'inline',
    yaml: join(nodes([['node-a'], ['node-b'], ['node-c']]), deployment('db', 3, 5432), `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: {app: db}
  ports:
  - port: 5432
`, clientPod('client-a', 'node-a'), clientPod('client-b', 'node-b')),
    probes(sim) {
      const out: Probe[] = []
      const eps = sim.endpoints('db').ready
      for (const ep of eps) {
        out.push(probe(`headless endpoint ${ep.pod} from client-a`, 'pod/default/client-a', ep.ip, ep.port, 2))
        out.push(probe(`headless endpoint ${ep.pod} from client-b`, 'pod/default/client-b', ep.ip, ep.port, 2))
        out.push(probe(`headless endpoint ${ep.pod} from node-c`, 'node/node-c', ep.ip, ep.port, 2))
      }
      out.push(probe('headless: the pod port nobody listens on', 'pod/default/client-a', eps[0].ip, 5433, 1))
      return out
    },
    dns: () => ['db', 'db.default', 'db.default.svc.cluster.local'].map((name) => ({ what: `headless ${name}`, from: 'pod/default/client-a', name })),
  }
}

function manualEndpoints(): Scenario {
  const base = join(nodes([['node-a'], ['node-b']]), deployment('web', 2, 8080), `apiVersion: v1
kind: Service
metadata:
  name: manual
spec:
  ports:
  - port: 80
`, clientPod('client-a', 'node-a'))
  // The Endpoints must name a pod IP the engine assigns: read it from a first
  // build, then add the Endpoints object (the pod keeps its IP; checked below).
  const first = createSimulation(base)
  const target = podsOf(first, 'web-').sort((x, y) => x.name.localeCompare(y.name))[0]
  const yaml = join(base, `apiVersion: v1
kind: Endpoints
metadata:
  name: manual
subsets:
- addresses:
  - ip: ${target.ip}
  ports:
  - port: 8080
`)
  return {
    name: 'manual Endpoints pointing at a pod IP',
    kind: 'inline',
    yaml,
    probes(sim) {
      const p = sim.pods.find((x) => x.name === target.name)
      if (!p || p.ip !== target.ip) throw new Error('scenario: the pod changed its IP when the Endpoints were added')
      const s = svcOf(sim, 'manual')
      return [
        probe('selector-less Service with manual Endpoints, from a pod', 'pod/default/client-a', s.clusterIP, 80, 6),
        probe('same from a node', 'node/node-b', s.clusterIP, 80, 4),
      ]
    },
  }
}

export function inlineScenarios(): Scenario[] {
  return [kubia(), kubiaDns(), clusterIP3(), nodePortEtp(), metallb(), affinity(), noEndpoints(), unexposedPort(), notListening(), headless(), manualEndpoints()]
}
