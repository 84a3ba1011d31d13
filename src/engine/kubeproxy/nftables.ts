/**
 * kube-proxy's nftables mode (pkg/proxy/nftables/proxier.go, GA in 1.33):
 * one table `ip kube-proxy` with verdict maps from address . protocol . port
 * to per-service chains, `numgen random` to pick an endpoint, dynamic sets
 * for ClientIP affinity, and reject/drop for services without endpoints and
 * for ClusterIP ports that do not exist. Printed as `nft list table ip
 * kube-proxy` prints it (and loadable with `nft -f`).
 */
import { base32, sha256 } from './sha256'
import { categorizeEndpoints, type ProxyEndpoint, type ProxyServicePort } from './servicePorts'
import { SERVICE_CIDR } from '../cluster/serviceAllocation'
import { parseIPv4 } from '../util/ip'

/** hashAndTruncate: 8 characters of base32(sha256(name)), a dash, the name. */
export function nftChainBase(name: string): string {
  const full = `${base32(sha256(name)).slice(0, 8)}-${name}`
  return full.length > 200 ? `${full.slice(0, 197)}...` : full
}

function portBase(sp: ProxyServicePort): string {
  return nftChainBase(`${sp.namespace}/${sp.name}/${sp.protocol}/${sp.portName ?? ''}`)
}

function endpointBase(sp: ProxyServicePort, ep: ProxyEndpoint): string {
  return nftChainBase(`${sp.namespace}/${sp.name}/${sp.protocol}/${sp.portName ?? ''}__${ep.ip}/${ep.port}`)
}

export interface NftRuleset {
  text: string
  /** The lines the tracer reports, by what they do. */
  lines: {
    dnat: Map<string, string> // "<spn>|<ip:port>" -> dnat line
    nodePort: Map<string, string> // "<proto>/<nodePort>" -> service-nodeports element
    noEndpoints: Map<string, string> // "<ip>/<proto>/<port>" or "<proto>/<nodePort>" -> element line
    masquerade: string
    rejectUnknownPort: string
  }
}

const T = '\t'

/**
 * nft's element list: plain address sets two to a line, sorted as the kernel
 * returns them; maps one element to a line. (A real node lists map elements
 * in the kernel's hash order, which no model can predict.)
 */
function element(entries: string[], perLine = 1): string {
  if (entries.length === 0) return ''
  const rows: string[] = []
  for (let i = 0; i < entries.length; i += perLine) rows.push(entries.slice(i, i + perLine).join(', '))
  return `${T}${T}elements = { ${rows.join(',\n\t\t\t     ')} }`
}

function byAddress(a: string, b: string): number {
  return (parseIPv4(a) ?? 0) - (parseIPv4(b) ?? 0)
}

export function nftRuleset(ports: ProxyServicePort[], node: string, nodeIPs: string[], clusterCIDR: string): NftRuleset {
  const clusterIPs: string[] = []
  const serviceIps: string[] = []
  const serviceNodeports: string[] = []
  const noEndpointServices: string[] = []
  const noEndpointNodeports: string[] = []
  const affinitySets: string[] = []
  const serviceChains: string[] = []
  const lines: NftRuleset['lines'] = {
    dnat: new Map(), nodePort: new Map(), noEndpoints: new Map(),
    masquerade: 'masquerade fully-random',
    rejectUnknownPort: 'ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"',
  }
  const chain = (name: string, rules: string[]): string => `${T}chain ${name} {\n${rules.map((r) => `${T}${T}${r}`).join('\n')}\n${T}}`

  for (const sp of ports) {
    const base = portBase(sp)
    const svcChain = `service-${base}`
    const localChain = `local-${base}`
    const extChain = `external-${base}`
    const { cluster, local } = categorizeEndpoints(sp, node)
    const hasEndpoints = cluster.length > 0 || local.length > 0
    const hasInternal = sp.internalPolicyLocal ? local.length > 0 : cluster.length > 0
    const hasExternal = sp.externalPolicyLocal ? local.length > 0 : cluster.length > 0
    const internalChain = sp.internalPolicyLocal ? localChain : svcChain
    const externalPolicyChain = sp.externalPolicyLocal ? localChain : svcChain
    const verdict = (has: boolean): string => (hasEndpoints && !has ? 'drop' : 'goto reject-chain')
    const tuple = (ip: string, port: number): string => `${ip} . ${sp.protocol} . ${port}`

    clusterIPs.push(sp.clusterIP)
    if (hasInternal) serviceIps.push(`${tuple(sp.clusterIP, sp.port)} : goto ${internalChain}`)
    else {
      const line = `${tuple(sp.clusterIP, sp.port)} comment "${sp.spn}" : ${verdict(hasInternal)}`
      noEndpointServices.push(line)
      lines.noEndpoints.set(`${sp.clusterIP}/${sp.protocol}/${sp.port}`, line)
    }
    for (const ip of [...sp.externalIPs, ...sp.loadBalancerIPs]) {
      if (hasEndpoints) serviceIps.push(`${tuple(ip, sp.port)} : goto ${extChain}`)
      if (!hasExternal) {
        const line = `${tuple(ip, sp.port)} comment "${sp.spn}" : ${verdict(hasExternal)}`
        noEndpointServices.push(line)
        lines.noEndpoints.set(`${ip}/${sp.protocol}/${sp.port}`, line)
      }
    }
    if (sp.nodePort) {
      if (hasEndpoints) {
        const line = `${sp.protocol} . ${sp.nodePort} : goto ${extChain}`
        serviceNodeports.push(line)
        lines.nodePort.set(`${sp.protocol}/${sp.nodePort}`, line)
      }
      if (!hasExternal) {
        const line = `${sp.protocol} . ${sp.nodePort} comment "${sp.spn}" : ${verdict(hasExternal)}`
        noEndpointNodeports.push(line)
        lines.noEndpoints.set(`${sp.protocol}/${sp.nodePort}`, line)
      }
    }
    if (!hasEndpoints) continue

    const usesExternal = sp.externallyAccessible
    if (usesExternal) {
      const rules = sp.externalPolicyLocal
        ? [
          `ip saddr ${clusterCIDR} goto ${svcChain} comment "short-circuit pod traffic"`,
          `fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"`,
          `fib saddr type local goto ${svcChain} comment "short-circuit local traffic"`,
          ...(hasExternal ? [`goto ${externalPolicyChain}`] : []),
        ]
        : ['jump mark-for-masquerade', `goto ${svcChain}`]
      serviceChains.push(chain(extChain, rules))
    }
    const dispatch = (eps: ProxyEndpoint[]): string[] => {
      const out: string[] = []
      if (sp.affinitySeconds !== undefined) for (const ep of eps) out.push(`ip saddr @affinity-${endpointBase(sp, ep)} goto endpoint-${endpointBase(sp, ep)}`)
      out.push(`numgen random mod ${eps.length} vmap { ${eps.map((ep, i) => `${i} : goto endpoint-${endpointBase(sp, ep)}`).join(', ')} }`)
      return out
    }
    // Off-cluster clients of the ClusterIP are masqueraded: first rule of the internal chain.
    const masq = `ip daddr ${sp.clusterIP} ${sp.protocol} dport ${sp.port} ip saddr != ${clusterCIDR} jump mark-for-masquerade`
    if (cluster.length > 0) {
      serviceChains.push(chain(svcChain, [...(hasInternal && !sp.internalPolicyLocal ? [masq] : []), ...dispatch(cluster)]))
    }
    if (local.length > 0 && (sp.internalPolicyLocal || (usesExternal && sp.externalPolicyLocal))) {
      serviceChains.push(chain(localChain, [...(hasInternal && sp.internalPolicyLocal ? [masq] : []), ...dispatch(local)]))
    }
    const reachable = new Map<string, ProxyEndpoint>()
    for (const ep of [...cluster, ...local]) reachable.set(ep.address, ep)
    for (const ep of reachable.values()) {
      const eb = endpointBase(sp, ep)
      const dnat = `meta l4proto ${sp.protocol} dnat to ${ep.ip}:${ep.port}`
      lines.dnat.set(`${sp.spn}|${ep.address}`, dnat)
      const rules = [`ip saddr ${ep.ip} jump mark-for-masquerade`]
      if (sp.affinitySeconds !== undefined) {
        rules.push(`update @affinity-${eb} { ip saddr }`)
        affinitySets.push(`${T}set affinity-${eb} {\n${T}${T}type ipv4_addr\n${T}${T}size 65535\n${T}${T}flags dynamic,timeout\n${T}${T}timeout ${nftDuration(sp.affinitySeconds)}\n${T}}`)
      }
      rules.push(dnat)
      serviceChains.push(chain(`endpoint-${eb}`, rules))
    }
  }

  const set = (name: string, type: string, comment: string, elems: string[]): string =>
    [`${T}set ${name} {`, `${T}${T}type ${type}`, `${T}${T}comment "${comment}"`, element(elems.slice().sort(byAddress), 2), `${T}}`].filter((l) => l !== '').join('\n')
  const map = (name: string, type: string, comment: string, elems: string[]): string =>
    [`${T}map ${name} {`, `${T}${T}type ${type}`, `${T}${T}comment "${comment}"`, element(elems), `${T}}`].filter((l) => l !== '').join('\n')
  const hooked = (name: string, header: string, rules: string[]): string => `${T}chain ${name} {\n${T}${T}${header}\n${rules.map((r) => `${T}${T}${r}`).join('\n')}\n${T}}`

  const blocks = [
    set('cluster-ips', 'ipv4_addr', 'Active ClusterIPs', [...new Set(clusterIPs)]),
    set('nodeport-ips', 'ipv4_addr', 'IPs that accept NodePort traffic', nodeIPs),
    map('firewall-ips', 'ipv4_addr . inet_proto . inet_service : verdict', 'destinations that are subject to LoadBalancerSourceRanges', []),
    map('no-endpoint-nodeports', 'inet_proto . inet_service : verdict', 'vmap to drop or reject packets to service nodeports with no endpoints', noEndpointNodeports),
    map('no-endpoint-services', 'ipv4_addr . inet_proto . inet_service : verdict', 'vmap to drop or reject packets to services with no endpoints', noEndpointServices),
    map('service-ips', 'ipv4_addr . inet_proto . inet_service : verdict', 'ClusterIP, ExternalIP and LoadBalancer IP traffic', serviceIps),
    map('service-nodeports', 'inet_proto . inet_service : verdict', 'NodePort traffic', serviceNodeports),
    ...affinitySets,
    chain('mark-for-masquerade', ['meta mark set meta mark | 0x00004000']),
    chain('masquerading', ['meta mark & 0x00004000 == 0x00000000 return', 'meta mark set meta mark ^ 0x00004000', 'masquerade fully-random']),
    chain('services', ['ip daddr . meta l4proto . th dport vmap @service-ips', 'ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports']),
    chain('service-endpoints-check', ['ip daddr . meta l4proto . th dport vmap @no-endpoint-services']),
    hooked('filter-prerouting', 'type filter hook prerouting priority dstnat - 10; policy accept;', ['ct state new jump firewall-check']),
    hooked('filter-forward', 'type filter hook forward priority -110; policy accept;', ['ct state new jump service-endpoints-check', 'ct state new jump cluster-ips-check']),
    hooked('filter-input', 'type filter hook input priority -110; policy accept;', ['ct state new jump nodeport-endpoints-check', 'ct state new jump service-endpoints-check']),
    hooked('filter-output', 'type filter hook output priority -110; policy accept;', ['ct state new jump service-endpoints-check', 'ct state new jump firewall-check']),
    hooked('filter-output-post-dnat', 'type filter hook output priority -90; policy accept;', ['ct state new jump cluster-ips-check']),
    hooked('nat-output', 'type nat hook output priority -100; policy accept;', ['jump services']),
    hooked('nat-postrouting', 'type nat hook postrouting priority srcnat; policy accept;', ['jump masquerading']),
    hooked('nat-prerouting', 'type nat hook prerouting priority dstnat; policy accept;', ['jump services']),
    chain('nodeport-endpoints-check', ['ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports']),
    chain('cluster-ips-check', [lines.rejectUnknownPort, `ip daddr ${SERVICE_CIDR} drop comment "Drop traffic to unallocated ClusterIPs"`]),
    chain('firewall-check', ['ip daddr . meta l4proto . th dport vmap @firewall-ips']),
    `${T}chain reject-chain {\n${T}${T}comment "helper for @no-endpoint-services / @no-endpoint-nodeports"\n${T}${T}reject\n${T}}`,
    ...serviceChains,
  ]
  const text = `table ip kube-proxy {\n${T}comment "rules for kube-proxy"\n${blocks.join('\n\n')}\n}\n`
  return { text, lines }
}

/** nft prints timeouts in its own units: 10800s -> 3h. */
function nftDuration(seconds: number): string {
  const d = Math.floor(seconds / 86400)
  const h = Math.floor((seconds % 86400) / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || seconds === 0 ? `${s}s` : ''}`
}
