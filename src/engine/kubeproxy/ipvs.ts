/**
 * kube-proxy's ipvs mode (pkg/proxy/ipvs/proxier.go): one IPVS virtual
 * server per ClusterIP, external IP and load balancer address, and per node
 * address for each NodePort; one real server per endpoint (only the node's
 * own endpoints where a traffic policy is Local); ClientIP affinity is a
 * persistent virtual server. Printed as `ipvsadm -Ln` prints it.
 */
import { parseIPv4 } from '../util/ip'
import { categorizeEndpoints, type ProxyEndpoint, type ProxyServicePort } from './servicePorts'

export const IPVS_SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'mh'] as const

export interface RealServer {
  address: string
  port: number
  endpoint: ProxyEndpoint
}

export interface VirtualServer {
  protocol: 'TCP' | 'UDP' | 'SCTP'
  address: string
  port: number
  scheduler: string
  /** Persistence timeout (ClientIP affinity), in seconds. */
  persistent?: number
  kind: 'cluster' | 'external' | 'loadbalancer' | 'nodeport'
  service: ProxyServicePort
  reals: RealServer[]
}

export function buildVirtualServers(ports: ProxyServicePort[], node: string, nodeIP: string, scheduler: string): VirtualServer[] {
  const out: VirtualServer[] = []
  for (const sp of ports) {
    const { cluster, local } = categorizeEndpoints(sp, node)
    const internal = sp.internalPolicyLocal ? local : cluster
    const external = sp.externalPolicyLocal ? local : cluster
    const protocol = sp.protocol.toUpperCase() as VirtualServer['protocol']
    const make = (address: string, port: number, kind: VirtualServer['kind'], eps: ProxyEndpoint[]): VirtualServer => ({
      protocol, address, port, scheduler, kind, service: sp,
      persistent: sp.affinitySeconds,
      reals: eps.map((e) => ({ address: e.ip, port: e.port, endpoint: e })),
    })
    out.push(make(sp.clusterIP, sp.port, 'cluster', internal))
    for (const ip of sp.externalIPs) out.push(make(ip, sp.port, 'external', external))
    for (const ip of sp.loadBalancerIPs) out.push(make(ip, sp.port, 'loadbalancer', external))
    if (sp.nodePort) out.push(make(nodeIP, sp.nodePort, 'nodeport', external))
  }
  const num = (ip: string): number => parseIPv4(ip) ?? 0
  return out.sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : num(a.address) - num(b.address) || a.port - b.port))
}

export function virtualServerLine(vs: VirtualServer): string {
  return `${vs.protocol}  ${vs.address}:${vs.port} ${vs.scheduler}${vs.persistent !== undefined ? ` persistent ${vs.persistent}` : ''}`
}

export function realServerLine(rs: RealServer, active = 0, inactive = 0): string {
  return `  -> ${`${rs.address}:${rs.port}`.padEnd(28)} ${'Masq'.padEnd(7)} ${String(1).padEnd(6)} ${String(active).padEnd(10)} ${String(inactive).padEnd(10)}`
}

/** `ipvsadm -Ln`. */
export function ipvsadmText(vss: VirtualServer[]): string {
  const lines = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ]
  for (const vs of vss) {
    lines.push(virtualServerLine(vs))
    for (const rs of vs.reals) lines.push(realServerLine(rs))
  }
  return `${lines.join('\n')}\n`
}
