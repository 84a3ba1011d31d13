/**
 * What kube-proxy reads from the API: one entry per Service port with its
 * addresses, traffic policies and endpoints (from the EndpointSlices), and
 * CategorizeEndpoints' split into cluster and node-local endpoints.
 */
import type { Ep } from '../api/types'
import type { ClusterState, NodeState } from '../cluster/state'
import { CLUSTER_CIDR } from '../cluster/topology'
import { cidrContains, formatIPv4, parseCidr, parseIPv4 } from '../util/ip'
import { extChain, fwChain, servicePortName, svcChain, svlChain } from './chainNames'

export interface ProxyEndpoint {
  ip: string
  port: number
  /** `ip:port`, the key kube-proxy sorts and hashes by. */
  address: string
  node?: string
  pod?: string
  podNamespace?: string
}

export interface ProxyServicePort {
  namespace: string
  name: string
  /** ServicePortName: `ns/name` or `ns/name:port`. */
  spn: string
  portName?: string
  /** Lower-case, as in the rules: tcp, udp, sctp. */
  protocol: string
  clusterIP: string
  port: number
  nodePort?: number
  externalIPs: string[]
  loadBalancerIPs: string[]
  externalPolicyLocal: boolean
  internalPolicyLocal: boolean
  /** ClientIP affinity timeout in seconds, when sessionAffinity is ClientIP. */
  affinitySeconds?: number
  /** Ready endpoints, sorted by `ip:port` as a string. */
  endpoints: ProxyEndpoint[]
  svcChain: string
  svlChain: string
  extChain: string
  fwChain: string
  externallyAccessible: boolean
  /** spec.loadBalancerSourceRanges (LoadBalancer only). */
  sourceRanges: string[]
}

function byAddress(a: ProxyEndpoint, b: ProxyEndpoint): number {
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0
}

function toProxyEndpoint(e: Ep, namespace: string): ProxyEndpoint {
  return { ip: e.ip, port: e.port, address: `${e.ip}:${e.port}`, node: e.node, pod: e.pod, podNamespace: e.pod ? namespace : undefined }
}

/** Every Service port kube-proxy programs: not headless, not ExternalName. */
export function proxyServicePorts(state: ClusterState): ProxyServicePort[] {
  const out: ProxyServicePort[] = []
  for (const s of state.services) {
    const svc = s.obj
    if (svc.type === 'ExternalName' || s.clusterIP === 'None' || s.clusterIP === '') continue
    const view = state.endpoints.get(`${svc.meta.namespace}/${svc.meta.name}`) ?? { ready: [], notReady: [] }
    for (const port of s.ports) {
      const spn = servicePortName(svc.meta.namespace, svc.meta.name, port.name)
      const protocol = port.protocol.toLowerCase()
      const endpoints = view.ready
        .filter((e) => (e.portName ?? '') === (port.name ?? '') && e.port > 0)
        .map((e) => toProxyEndpoint(e, svc.meta.namespace))
        .sort(byAddress)
      const unique = endpoints.filter((e, i) => i === 0 || e.address !== endpoints[i - 1].address)
      out.push({
        namespace: svc.meta.namespace,
        name: svc.meta.name,
        spn,
        portName: port.name,
        protocol,
        clusterIP: s.clusterIP,
        port: port.port,
        nodePort: port.nodePort,
        externalIPs: svc.externalIPs,
        loadBalancerIPs: s.loadBalancerIPs,
        externalPolicyLocal: svc.externalTrafficPolicy === 'Local',
        internalPolicyLocal: svc.internalTrafficPolicy === 'Local',
        affinitySeconds: svc.sessionAffinity === 'ClientIP' ? (svc.sessionAffinityTimeoutSeconds ?? 10800) : undefined,
        endpoints: unique,
        svcChain: svcChain(spn, protocol),
        svlChain: svlChain(spn, protocol),
        extChain: extChain(spn, protocol),
        fwChain: fwChain(spn, protocol),
        externallyAccessible: svc.type === 'NodePort' || svc.type === 'LoadBalancer' || svc.externalIPs.length > 0,
        sourceRanges: svc.loadBalancerSourceRanges ?? [],
      })
    }
  }
  return out.sort((a, b) => (a.spn < b.spn ? -1 : a.spn > b.spn ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0))
}

/** CategorizeEndpoints: cluster endpoints are the ready ones; local ones are those on this node. */
export function categorizeEndpoints(sp: ProxyServicePort, node: string): { cluster: ProxyEndpoint[]; local: ProxyEndpoint[] } {
  return { cluster: sp.endpoints, local: sp.endpoints.filter((e) => e.node === node) }
}

/**
 * kube-proxy's --cluster-cidr (the local-traffic detector): 10.244.0.0/16
 * when every node's pod CIDR is inside it, else the smallest block that
 * covers all of them.
 */
export function clusterCidr(nodes: NodeState[]): string {
  const def = parseCidr(CLUSTER_CIDR)!
  if (nodes.every((n) => cidrContains(def, n.cidr.base) && cidrContains(def, n.cidr.base + n.cidr.size - 1))) return CLUSTER_CIDR
  let lo = Math.min(...nodes.map((n) => n.cidr.base))
  const hi = Math.max(...nodes.map((n) => n.cidr.base + n.cidr.size - 1))
  let prefix = 32
  while (prefix > 0) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
    if (((lo & mask) >>> 0) + 2 ** (32 - prefix) - 1 >= hi) break
    prefix--
  }
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
  lo = (lo & mask) >>> 0
  return `${formatIPv4(lo)}/${prefix}`
}

export function inCidr(ip: string, cidr: string): boolean {
  const c = parseCidr(cidr.includes('/') ? cidr : `${cidr}/32`)
  const n = parseIPv4(ip)
  return !!c && n !== null && cidrContains(c, n)
}
