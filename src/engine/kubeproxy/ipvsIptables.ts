/**
 * The iptables rules kube-proxy still writes in ipvs mode: masquerade
 * decisions through ipsets (KUBE-CLUSTER-IP, KUBE-NODE-PORT-TCP, ...), the
 * hairpin KUBE-LOOP-BACK rule, and KUBE-IPVS-FILTER rejecting ports no
 * virtual server has on a service address.
 */
import type { ProxyServicePort } from './servicePorts'
import type { Match, Rule, Table } from './iptables/model'

const comment = (c: string): Match => ({ m: 'comment', comment: c })
const set = (name: string, flags: string): Match => ({ m: 'set', name, flags })

export function ipvsModeTables(ports: ProxyServicePort[], clusterCIDR: string): Table[] {
  const hasLB = ports.some((p) => p.loadBalancerIPs.length > 0)
  const hasExternal = ports.some((p) => p.externalIPs.length > 0)
  const localNodePorts = ports.some((p) => p.nodePort && p.externalPolicyLocal)
  const nat: Rule[] = [
    { chain: 'PREROUTING', matches: [comment('kubernetes service portals')], target: { j: 'chain', chain: 'KUBE-SERVICES' } },
    { chain: 'OUTPUT', matches: [comment('kubernetes service portals')], target: { j: 'chain', chain: 'KUBE-SERVICES' } },
    { chain: 'POSTROUTING', matches: [comment('kubernetes postrouting rules')], target: { j: 'chain', chain: 'KUBE-POSTROUTING' } },
    { chain: 'KUBE-LOAD-BALANCER', matches: [], target: { j: 'chain', chain: 'KUBE-MARK-MASQ' } },
    { chain: 'KUBE-MARK-MASQ', matches: [], target: { j: 'MARK', or: 0x4000 } },
  ]
  if (localNodePorts) {
    nat.push({ chain: 'KUBE-NODE-PORT', proto: 'tcp', matches: [comment('Kubernetes nodeport TCP port with externalTrafficPolicy=local'), set('KUBE-NODE-PORT-LOCAL-TCP', 'dst')], target: { j: 'RETURN' } })
  }
  nat.push(
    { chain: 'KUBE-NODE-PORT', proto: 'tcp', matches: [comment('Kubernetes nodeport TCP port for masquerade purpose'), set('KUBE-NODE-PORT-TCP', 'dst')], target: { j: 'chain', chain: 'KUBE-MARK-MASQ' } },
    { chain: 'KUBE-POSTROUTING', matches: [comment('Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose'), set('KUBE-LOOP-BACK', 'dst,dst,src')], target: { j: 'MASQUERADE' } },
    { chain: 'KUBE-POSTROUTING', matches: [{ m: 'mark', mark: 0x4000, mask: 0x4000, negate: true }], target: { j: 'RETURN' } },
    { chain: 'KUBE-POSTROUTING', matches: [], target: { j: 'MARK', xor: 0x4000 } },
    { chain: 'KUBE-POSTROUTING', matches: [comment('kubernetes service traffic requiring SNAT')], target: { j: 'MASQUERADE' } },
    { chain: 'KUBE-SERVICES', src: { cidr: clusterCIDR, negate: true }, matches: [comment('Kubernetes service cluster ip + port for masquerade purpose'), set('KUBE-CLUSTER-IP', 'dst,dst')], target: { j: 'chain', chain: 'KUBE-MARK-MASQ' } },
  )
  if (hasExternal) nat.push({ chain: 'KUBE-SERVICES', matches: [comment('Kubernetes service external ip + port for masquerade and filter purpose'), set('KUBE-EXTERNAL-IP', 'dst,dst')], target: { j: 'chain', chain: 'KUBE-MARK-MASQ' } })
  if (hasLB) nat.push({ chain: 'KUBE-SERVICES', matches: [comment('Kubernetes service lb portal'), set('KUBE-LOAD-BALANCER', 'dst,dst')], target: { j: 'chain', chain: 'KUBE-LOAD-BALANCER' } })
  nat.push(
    { chain: 'KUBE-SERVICES', matches: [{ m: 'addrtype', dstType: 'LOCAL' }], target: { j: 'chain', chain: 'KUBE-NODE-PORT' } },
    { chain: 'KUBE-SERVICES', matches: [set('KUBE-CLUSTER-IP', 'dst,dst')], target: { j: 'ACCEPT' } },
  )
  if (hasLB) nat.push({ chain: 'KUBE-SERVICES', matches: [set('KUBE-LOAD-BALANCER', 'dst,dst')], target: { j: 'ACCEPT' } })

  const filter: Rule[] = [
    { chain: 'INPUT', matches: [comment('kubernetes health check rules')], target: { j: 'chain', chain: 'KUBE-NODE-PORT' } },
    { chain: 'INPUT', matches: [comment('kubernetes ipvs access filter')], target: { j: 'chain', chain: 'KUBE-IPVS-FILTER' } },
    { chain: 'INPUT', matches: [comment('kube-proxy firewall rules')], target: { j: 'chain', chain: 'KUBE-PROXY-FIREWALL' } },
    { chain: 'FORWARD', matches: [comment('kube-proxy firewall rules')], target: { j: 'chain', chain: 'KUBE-PROXY-FIREWALL' } },
    { chain: 'FORWARD', matches: [comment('kubernetes forwarding rules')], target: { j: 'chain', chain: 'KUBE-FORWARD' } },
    { chain: 'OUTPUT', matches: [comment('kubernetes ipvs access filter')], target: { j: 'chain', chain: 'KUBE-IPVS-OUT-FILTER' } },
    { chain: 'KUBE-FORWARD', matches: [{ m: 'conntrack', ctstate: ['INVALID'] }], target: { j: 'DROP' } },
    { chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding rules'), { m: 'mark', mark: 0x4000, mask: 0x4000 }], target: { j: 'ACCEPT' } },
    { chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding conntrack rule'), { m: 'conntrack', ctstate: ['RELATED', 'ESTABLISHED'] }], target: { j: 'ACCEPT' } },
    { chain: 'KUBE-IPVS-FILTER', matches: [set('KUBE-LOAD-BALANCER', 'dst,dst')], target: { j: 'RETURN' } },
    { chain: 'KUBE-IPVS-FILTER', matches: [set('KUBE-CLUSTER-IP', 'dst,dst')], target: { j: 'RETURN' } },
    { chain: 'KUBE-IPVS-FILTER', matches: [set('KUBE-EXTERNAL-IP', 'dst,dst')], target: { j: 'RETURN' } },
    { chain: 'KUBE-IPVS-FILTER', matches: [set('KUBE-EXTERNAL-IP-LOCAL', 'dst,dst')], target: { j: 'RETURN' } },
    { chain: 'KUBE-IPVS-FILTER', matches: [set('KUBE-HEALTH-CHECK-NODE-PORT', 'dst')], target: { j: 'RETURN' } },
    { chain: 'KUBE-IPVS-FILTER', matches: [{ m: 'conntrack', ctstate: ['NEW'] }, set('KUBE-IPVS-IPS', 'dst')], target: { j: 'REJECT' } },
    { chain: 'KUBE-NODE-PORT', matches: [comment('Kubernetes health check node port'), set('KUBE-HEALTH-CHECK-NODE-PORT', 'dst')], target: { j: 'ACCEPT' } },
    { chain: 'KUBE-SOURCE-RANGES-FIREWALL', matches: [], target: { j: 'DROP' } },
  ]
  return [
    {
      name: 'filter',
      builtins: [{ chain: 'INPUT', policy: 'ACCEPT' }, { chain: 'FORWARD', policy: 'ACCEPT' }, { chain: 'OUTPUT', policy: 'ACCEPT' }],
      chains: ['KUBE-FORWARD', 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL'],
      rules: filter,
    },
    {
      name: 'nat',
      builtins: [{ chain: 'PREROUTING', policy: 'ACCEPT' }, { chain: 'INPUT', policy: 'ACCEPT' }, { chain: 'OUTPUT', policy: 'ACCEPT' }, { chain: 'POSTROUTING', policy: 'ACCEPT' }],
      chains: ['KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ', 'KUBE-NODE-PORT', 'KUBE-POSTROUTING', 'KUBE-SERVICES'],
      rules: nat,
    },
  ]
}
