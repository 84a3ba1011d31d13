/**
 * kube-proxy's iptables mode (pkg/proxy/iptables/proxier.go syncProxyRules)
 * for one node: the fixed jump rules, then per Service port the ClusterIP,
 * external IP, load balancer and NodePort captures, the KUBE-EXT, KUBE-SVC,
 * KUBE-SVL and KUBE-SEP chains, and the filter rules that REJECT a Service
 * with no endpoints or DROP where there is no local endpoint.
 * See k8s-semantics.md §3.2–3.6 and kernel-notes.md.
 */
import { categorizeEndpoints, type ProxyEndpoint, type ProxyServicePort } from '../servicePorts'
import { sepChain } from '../chainNames'
import { MASQ_MARK, type Match, type Rule, type Table, type Target } from './model'

export interface NodeRules {
  filter: Table
  nat: Table
}

const comment = (text: string): Match => ({ m: 'comment', comment: text })
const jump = (chain: string): Target => ({ j: 'chain', chain })
const NEW: Match = { m: 'conntrack', ctstate: ['NEW'] }

/** Probability for rule i of n, as kube-proxy writes it (`%0.10f` of 1/(n-i)). */
export function ruleProbability(i: number, n: number): number {
  return Number((1 / (n - i)).toFixed(10))
}

function writeEndpointRules(rules: Rule[], sp: ProxyServicePort, chain: string, endpoints: ProxyEndpoint[]): void {
  // ClientIP affinity: jump straight to an endpoint this client was sent to recently.
  if (sp.affinitySeconds !== undefined) {
    for (const ep of endpoints) {
      const sep = sepChain(sp.spn, sp.protocol, ep.address)
      rules.push({ chain, matches: [comment(`${sp.spn} -> ${ep.address}`), { m: 'recent', mode: 'rcheck', name: sep, seconds: sp.affinitySeconds }], target: jump(sep) })
    }
  }
  endpoints.forEach((ep, i) => {
    const sep = sepChain(sp.spn, sp.protocol, ep.address)
    const matches: Match[] = [comment(`${sp.spn} -> ${ep.address}`)]
    if (i < endpoints.length - 1) matches.push({ m: 'statistic', probability: ruleProbability(i, endpoints.length) })
    rules.push({ chain, matches, target: jump(sep) })
  })
}

function writeEndpointChain(rules: Rule[], sp: ProxyServicePort, ep: ProxyEndpoint): string {
  const sep = sepChain(sp.spn, sp.protocol, ep.address)
  // Hairpin: a pod reaching itself through the Service is masqueraded.
  rules.push({ chain: sep, src: { cidr: ep.ip }, matches: [comment(sp.spn)], target: jump('KUBE-MARK-MASQ') })
  const dnatMatches: Match[] = [comment(sp.spn)]
  if (sp.affinitySeconds !== undefined) dnatMatches.push({ m: 'recent', mode: 'set', name: sep })
  dnatMatches.push({ m: 'proto', proto: sp.protocol })
  rules.push({ chain: sep, proto: sp.protocol, matches: dnatMatches, target: { j: 'DNAT', to: ep.address } })
  return sep
}

export function buildNodeRules(ports: ProxyServicePort[], node: string, clusterCIDR: string): NodeRules {
  const filterRules: Rule[] = []
  const natRules: Rule[] = []
  const natChains = new Set(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ', 'KUBE-PROXY-CANARY'])
  const filterChains = new Set(['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-PROXY-CANARY'])

  // Jumps from the built-in chains (iptablesJumpChains).
  filterRules.push(
    { chain: 'INPUT', matches: [NEW, comment('kubernetes load balancer firewall')], target: jump('KUBE-PROXY-FIREWALL') },
    { chain: 'INPUT', matches: [comment('kubernetes health check service ports')], target: jump('KUBE-NODEPORTS') },
    { chain: 'INPUT', matches: [NEW, comment('kubernetes externally-visible service portals')], target: jump('KUBE-EXTERNAL-SERVICES') },
    { chain: 'FORWARD', matches: [NEW, comment('kubernetes load balancer firewall')], target: jump('KUBE-PROXY-FIREWALL') },
    { chain: 'FORWARD', matches: [comment('kubernetes forwarding rules')], target: jump('KUBE-FORWARD') },
    { chain: 'FORWARD', matches: [NEW, comment('kubernetes service portals')], target: jump('KUBE-SERVICES') },
    { chain: 'FORWARD', matches: [NEW, comment('kubernetes externally-visible service portals')], target: jump('KUBE-EXTERNAL-SERVICES') },
    { chain: 'OUTPUT', matches: [NEW, comment('kubernetes load balancer firewall')], target: jump('KUBE-PROXY-FIREWALL') },
    { chain: 'OUTPUT', matches: [NEW, comment('kubernetes service portals')], target: jump('KUBE-SERVICES') },
  )
  natRules.push(
    { chain: 'PREROUTING', matches: [comment('kubernetes service portals')], target: jump('KUBE-SERVICES') },
    { chain: 'OUTPUT', matches: [comment('kubernetes service portals')], target: jump('KUBE-SERVICES') },
    { chain: 'POSTROUTING', matches: [comment('kubernetes postrouting rules')], target: jump('KUBE-POSTROUTING') },
  )
  // Fixed rules written on every sync.
  natRules.push(
    { chain: 'KUBE-POSTROUTING', matches: [{ m: 'mark', mark: MASQ_MARK, mask: MASQ_MARK, negate: true }], target: { j: 'RETURN' } },
    { chain: 'KUBE-POSTROUTING', matches: [], target: { j: 'MARK', xor: MASQ_MARK } },
    { chain: 'KUBE-POSTROUTING', matches: [comment('kubernetes service traffic requiring SNAT')], target: { j: 'MASQUERADE' } },
    { chain: 'KUBE-MARK-MASQ', matches: [], target: { j: 'MARK', or: MASQ_MARK } },
  )
  filterRules.push(
    { chain: 'KUBE-FORWARD', matches: [{ m: 'conntrack', ctstate: ['INVALID'] }], target: { j: 'DROP' } },
    { chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding rules'), { m: 'mark', mark: MASQ_MARK, mask: MASQ_MARK }], target: { j: 'ACCEPT' } },
    { chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding conntrack rule'), { m: 'conntrack', ctstate: ['RELATED', 'ESTABLISHED'] }], target: { j: 'ACCEPT' } },
  )

  const sepRules: Rule[] = []
  const svcRules: Rule[] = []
  for (const sp of ports) {
    const { cluster, local } = categorizeEndpoints(sp, node)
    const hasEndpoints = cluster.length > 0 || local.length > 0
    const hasInternalEndpoints = sp.internalPolicyLocal ? local.length > 0 : cluster.length > 0
    const hasExternalEndpoints = sp.externalPolicyLocal ? local.length > 0 : cluster.length > 0
    // The cluster chain also serves ETP Local's short-circuit for pod and node traffic.
    const usesClusterPolicyChain = cluster.length > 0 && (!sp.internalPolicyLocal || sp.externallyAccessible)
    const usesLocalPolicyChain = local.length > 0 && (sp.internalPolicyLocal || (sp.externallyAccessible && sp.externalPolicyLocal))
    const internalChain = sp.internalPolicyLocal ? sp.svlChain : sp.svcChain
    const externalPolicyChain = sp.externalPolicyLocal ? sp.svlChain : sp.svcChain
    const usesExternalChain = hasEndpoints && sp.externallyAccessible
    const proto: Match = { m: 'proto', proto: sp.protocol, dport: sp.port }

    const noEndpointsComment = `${sp.spn} has no endpoints`
    const noLocalComment = `${sp.spn} has no local endpoints`
    const internalFilter = !hasEndpoints ? { c: noEndpointsComment, t: { j: 'REJECT' } as Target } : { c: noLocalComment, t: { j: 'DROP' } as Target }
    const externalFilter = !hasEndpoints ? { c: noEndpointsComment, t: { j: 'REJECT' } as Target } : { c: noLocalComment, t: { j: 'DROP' } as Target }

    // The ClusterIP.
    if (hasInternalEndpoints) {
      svcRules.push({ chain: 'KUBE-SERVICES', dst: { cidr: sp.clusterIP }, proto: sp.protocol, matches: [comment(`${sp.spn} cluster IP`), proto], target: jump(internalChain) })
    } else {
      filterRules.push({ chain: 'KUBE-SERVICES', dst: { cidr: sp.clusterIP }, proto: sp.protocol, matches: [comment(internalFilter.c), proto], target: internalFilter.t })
    }
    // External IPs.
    for (const ip of sp.externalIPs) {
      if (hasEndpoints) svcRules.push({ chain: 'KUBE-SERVICES', dst: { cidr: ip }, proto: sp.protocol, matches: [comment(`${sp.spn} external IP`), proto], target: jump(sp.extChain) })
      if (!hasExternalEndpoints) filterRules.push({ chain: 'KUBE-EXTERNAL-SERVICES', dst: { cidr: ip }, proto: sp.protocol, matches: [comment(externalFilter.c), proto], target: externalFilter.t })
    }
    // Load balancer addresses (through KUBE-FW when loadBalancerSourceRanges limits who may connect).
    const usesFW = sp.sourceRanges.length > 0 && sp.loadBalancerIPs.length > 0 && hasEndpoints
    if (usesFW) {
      natChains.add(sp.fwChain)
      const fwComment = comment(`${sp.spn} loadbalancer IP`)
      for (const src of sp.sourceRanges) natRules.push({ chain: sp.fwChain, src: { cidr: src }, matches: [fwComment], target: jump(sp.extChain) })
      // The load balancer's own address may come back in (hairpin through the LB).
      for (const ip of sp.loadBalancerIPs) natRules.push({ chain: sp.fwChain, src: { cidr: ip }, matches: [fwComment], target: jump(sp.extChain) })
      for (const ip of sp.loadBalancerIPs) {
        filterRules.push({ chain: 'KUBE-PROXY-FIREWALL', dst: { cidr: ip }, proto: sp.protocol, matches: [comment(`${sp.spn} traffic not accepted by ${sp.fwChain}`), proto], target: { j: 'DROP' } })
      }
    }
    for (const ip of sp.loadBalancerIPs) {
      if (hasEndpoints) svcRules.push({ chain: 'KUBE-SERVICES', dst: { cidr: ip }, proto: sp.protocol, matches: [comment(`${sp.spn} loadbalancer IP`), proto], target: jump(usesFW ? sp.fwChain : sp.extChain) })
      if (!hasExternalEndpoints) filterRules.push({ chain: 'KUBE-EXTERNAL-SERVICES', dst: { cidr: ip }, proto: sp.protocol, matches: [comment(externalFilter.c), proto], target: externalFilter.t })
    }
    // The NodePort.
    if (sp.nodePort) {
      const npMatch: Match = { m: 'proto', proto: sp.protocol, dport: sp.nodePort }
      if (hasEndpoints) natRules.push({ chain: 'KUBE-NODEPORTS', proto: sp.protocol, matches: [comment(sp.spn), npMatch], target: jump(sp.extChain) })
      if (!hasExternalEndpoints) {
        filterRules.push({ chain: 'KUBE-EXTERNAL-SERVICES', proto: sp.protocol, matches: [comment(externalFilter.c), { m: 'addrtype', dstType: 'LOCAL' }, npMatch], target: externalFilter.t })
      }
    }

    // KUBE-EXT: where external traffic enters.
    if (usesExternalChain) {
      natChains.add(sp.extChain)
      if (!sp.externalPolicyLocal) {
        natRules.push({ chain: sp.extChain, matches: [comment(`masquerade traffic for ${sp.spn} external destinations`)], target: jump('KUBE-MARK-MASQ') })
      } else {
        natRules.push({ chain: sp.extChain, src: { cidr: clusterCIDR }, matches: [comment(`pod traffic for ${sp.spn} external destinations`)], target: jump(sp.svcChain) })
        natRules.push({ chain: sp.extChain, matches: [comment(`masquerade LOCAL traffic for ${sp.spn} external destinations`), { m: 'addrtype', srcType: 'LOCAL' }], target: jump('KUBE-MARK-MASQ') })
        natRules.push({ chain: sp.extChain, matches: [comment(`route LOCAL traffic for ${sp.spn} external destinations`), { m: 'addrtype', srcType: 'LOCAL' }], target: jump(sp.svcChain) })
      }
      if (hasExternalEndpoints) natRules.push({ chain: sp.extChain, matches: [], target: jump(externalPolicyChain) })
    }
    // Internal traffic: off-cluster clients of the ClusterIP are masqueraded, first rule of the internal chain.
    if (hasInternalEndpoints) {
      natRules.push({ chain: internalChain, src: { cidr: clusterCIDR, negate: true }, dst: { cidr: sp.clusterIP }, proto: sp.protocol, matches: [comment(`${sp.spn} cluster IP`), proto], target: jump('KUBE-MARK-MASQ') })
    }
    // KUBE-SVC: every ready endpoint.
    if (usesClusterPolicyChain) {
      natChains.add(sp.svcChain)
      writeEndpointRules(natRules, sp, sp.svcChain, cluster)
    }
    // KUBE-SVL: only this node's endpoints.
    if (usesLocalPolicyChain) {
      natChains.add(sp.svlChain)
      writeEndpointRules(natRules, sp, sp.svlChain, local)
    }
    // KUBE-SEP: one chain per endpoint this node can send to.
    const reachable = new Map<string, ProxyEndpoint>()
    for (const ep of [...(usesClusterPolicyChain ? cluster : []), ...(usesLocalPolicyChain ? local : [])]) reachable.set(ep.address, ep)
    for (const ep of [...reachable.values()].sort((a, b) => (a.address < b.address ? -1 : 1))) {
      natChains.add(writeEndpointChain(sepRules, sp, ep))
    }
  }
  natRules.push(...sepRules)
  natRules.push(...svcRules)
  // Must be last in KUBE-SERVICES: NodePorts on every local address.
  natRules.push({ chain: 'KUBE-SERVICES', matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { m: 'addrtype', dstType: 'LOCAL' }], target: jump('KUBE-NODEPORTS') })

  return {
    filter: {
      name: 'filter',
      builtins: [{ chain: 'INPUT', policy: 'ACCEPT' }, { chain: 'FORWARD', policy: 'ACCEPT' }, { chain: 'OUTPUT', policy: 'ACCEPT' }],
      chains: [...filterChains],
      rules: filterRules,
    },
    nat: {
      name: 'nat',
      builtins: [{ chain: 'PREROUTING', policy: 'ACCEPT' }, { chain: 'INPUT', policy: 'ACCEPT' }, { chain: 'OUTPUT', policy: 'ACCEPT' }, { chain: 'POSTROUTING', policy: 'ACCEPT' }],
      chains: [...natChains],
      rules: natRules,
    },
  }
}
