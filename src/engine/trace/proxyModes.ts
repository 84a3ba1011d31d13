/**
 * The proxy modes other than iptables, as the tracer sees them:
 * - ipvs: the kernel's IPVS picks a real server for a virtual server with
 *   the configured scheduler (or the persistence entry for ClientIP
 *   affinity); a service port with no virtual server is rejected by
 *   KUBE-IPVS-FILTER, one with no real server gets ICMP port unreachable.
 * - userspace: iptables hands the connection to kube-proxy itself, which
 *   opens a second connection to an endpoint it picks round robin.
 */
import type { NodeState } from '../cluster/state'
import { ruleText } from '../kubeproxy/iptables/iptablesSave'
import { realServerLine, virtualServerLine, type RealServer, type VirtualServer } from '../kubeproxy/ipvs'
import type { ProxyServicePort } from '../kubeproxy/servicePorts'
import { inCidr } from '../kubeproxy/servicePorts'
import { fnv1a32 } from '../rng'
import type { Packet } from './netfilter'
import { carry, hp, type CarryOptions, type Delivery } from './network'
import { ephemeralPort, nextRoundRobin } from './trafficState'


function pickReal(o: CarryOptions, node: NodeState, vs: VirtualServer, pkt: Packet): { rs: RealServer; how: string } {
  const key = `${node.name}/${virtualServerLine(vs)}`
  if (vs.persistent !== undefined) {
    let table = o.traffic.ipvsPersistence.get(key)
    if (!table) o.traffic.ipvsPersistence.set(key, (table = new Map()))
    const entry = table.get(pkt.src)
    const rs = entry && o.traffic.now - entry.at <= vs.persistent ? vs.reals.find((r) => `${r.address}:${r.port}` === entry.server) : undefined
    if (rs) {
      table.set(pkt.src, { server: entry!.server, at: o.traffic.now })
      return { rs, how: `the persistence entry for ${pkt.src} (ClientIP affinity, ${vs.persistent} s)` }
    }
  }
  const n = vs.reals.length
  let index: number
  let how: string
  switch (vs.scheduler) {
    case 'sh':
    case 'mh':
      index = fnv1a32(pkt.src) % n
      how = `the ${vs.scheduler} scheduler (hash of the source address)`
      break
    case 'dh':
    case 'lblc':
    case 'lblcr':
      index = fnv1a32(pkt.dst) % n
      how = `the ${vs.scheduler} scheduler (hash of the destination address)`
      break
    case 'lc':
    case 'wlc':
    case 'sed':
    case 'nq': {
      // Short connections linger in TIME_WAIT as inactive connections: the least loaded server is next.
      const counts = vs.reals.map((r) => o.traffic.roundRobin.get(`ipvs-conns/${key}/${r.address}:${r.port}`) ?? 0)
      index = counts.indexOf(Math.min(...counts))
      how = `the ${vs.scheduler} scheduler (fewest connections)`
      break
    }
    default:
      index = nextRoundRobin(o.traffic, `ipvs/${key}`, n)
      how = `the ${vs.scheduler} scheduler (round robin)`
  }
  const rs = vs.reals[index]
  const connKey = `ipvs-conns/${key}/${rs.address}:${rs.port}`
  o.traffic.roundRobin.set(connKey, (o.traffic.roundRobin.get(connKey) ?? 0) + 1)
  if (vs.persistent !== undefined) o.traffic.ipvsPersistence.get(key)!.set(pkt.src, { server: `${rs.address}:${rs.port}`, at: o.traffic.now })
  return { rs, how }
}

/**
 * IPVS on a node: 'pass' when the packet is not for a virtual server,
 * 'forwarded' when IPVS rewrote its destination, or the end of the road.
 */
export function ipvsHop(o: CarryOptions, node: NodeState, pkt: Packet): Delivery | 'pass' | 'forwarded' {
  const proxy = o.net.proxy
  const packet = { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) }
  const vs = proxy.virtualServers(node.name).find((v) => v.address === pkt.dst && v.port === pkt.dport && v.protocol.toLowerCase() === pkt.proto)
  if (!vs) {
    const serviceAddress = proxy.ports.some((p) => p.clusterIP === pkt.dst || p.externalIPs.includes(pkt.dst) || p.loadBalancerIPs.includes(pkt.dst))
    if (!serviceAddress) return 'pass'
    const filter = proxy.iptablesTables(node.name).find((t) => t.name === 'filter')!
    const reject = filter.rules.find((r) => r.chain === 'KUBE-IPVS-FILTER' && r.target.j === 'REJECT')!
    o.steps.push({
      kind: 'reject', at: `node/${node.name}`, node: node.name, packet,
      text: `${node.name}: ${pkt.dst} is bound to kube-ipvs0, but no IPVS virtual server has port ${pkt.dport}: KUBE-IPVS-FILTER rejects it`,
      rule: ruleText(reject), rules: [ruleText(reject)],
    })
    return { status: 'failed', reason: 'CONNECTION_REFUSED', message: `connect to ${hp(pkt.dst, pkt.dport)} failed: Connection refused (no IPVS virtual server for this port)` }
  }
  const vsText = virtualServerLine(vs)
  if (vs.kind === 'nodeport') {
    o.steps.push({ kind: 'nodeport', at: `node/${node.name}`, node: node.name, packet, text: `${node.name}: IPVS has a virtual server for NodePort ${pkt.dport} on the node's address (${vs.service.spn})`, rule: vsText, rules: [vsText] })
  }
  if (vs.reals.length === 0) {
    const local = (vs.kind === 'cluster' ? vs.service.internalPolicyLocal : vs.service.externalPolicyLocal) && vs.service.endpoints.length > 0
    o.steps.push({
      kind: 'reject', at: `node/${node.name}`, node: node.name, packet, rule: vsText, rules: [vsText],
      text: `${node.name}: the virtual server ${vsText} has no real server${local ? ' on this node (traffic policy Local)' : ''}: IPVS answers ICMP port unreachable`,
    })
    return { status: 'failed', reason: 'CONNECTION_REFUSED', message: `connect to ${hp(pkt.dst, pkt.dport)} failed: Connection refused (no real server)` }
  }
  const { rs, how } = pickReal(o, node, vs, pkt)
  const masq = vs.kind === 'cluster' ? !inCidr(pkt.src, proxy.clusterCIDR) : !vs.service.externalPolicyLocal
  const rsText = realServerLine(rs)
  o.steps.push({
    kind: 'dnat', at: `node/${node.name}`, node: node.name, packet,
    text: `${node.name}: IPVS virtual server ${vsText} picks ${hp(rs.address, rs.port)} with ${how}; Masq forwarding rewrites the destination ${hp(pkt.dst, pkt.dport)} → ${hp(rs.address, rs.port)}${masq ? ' (marked for masquerade)' : ''}`,
    rule: `${vsText}\n${rsText}`, rules: [vsText, rsText],
  })
  pkt.dst = rs.address
  pkt.dport = rs.port
  if (masq) pkt.mark |= 0x4000
  return 'forwarded'
}

/** kube-proxy (userspace) accepted the connection on its proxy port: it connects to an endpoint itself. */
export function userspaceProxy(o: CarryOptions, node: NodeState, sp: ProxyServicePort, original: Packet): Delivery {
  const at = `node/${node.name}`
  const eps = sp.endpoints
  if (eps.length === 0) {
    o.steps.push({ kind: 'reject', at, node: node.name, text: `kube-proxy (userspace) on ${node.name} accepted the connection for ${sp.spn} but has no endpoint to send it to: it closes the connection`, packet: { src: hp(original.src, original.sport), dst: hp(original.dst, original.dport) } })
    return { status: 'failed', reason: 'CONNECTION_REFUSED', message: `connection to ${hp(original.dst, original.dport)} reset: ${sp.spn} has no endpoints` }
  }
  let ep = eps[0]
  let how = 'round robin'
  const affinityKey = `userspace-affinity/${node.name}/${sp.spn}/${original.src}`
  const remembered = o.traffic.ipvsPersistence.get(affinityKey)?.get(original.src)
  if (sp.affinitySeconds !== undefined && remembered && o.traffic.now - remembered.at <= sp.affinitySeconds) {
    ep = eps.find((e) => e.address === remembered.server) ?? ep
    how = `ClientIP affinity (${original.src} was sent to ${remembered.server})`
  } else {
    ep = eps[nextRoundRobin(o.traffic, `userspace/${node.name}/${sp.spn}`, eps.length)]
  }
  if (sp.affinitySeconds !== undefined) o.traffic.ipvsPersistence.set(affinityKey, new Map([[original.src, { server: ep.address, at: o.traffic.now }]]))
  const pkt: Packet = { src: node.ip, sport: ephemeralPort(o.traffic), dst: ep.ip, dport: ep.port, proto: original.proto, mark: 0 }
  o.steps.push({
    kind: 'send', at, node: node.name,
    text: `kube-proxy (userspace) on ${node.name} picks ${ep.address} (${how}) and opens its own connection from ${hp(pkt.src, pkt.sport)} to ${hp(pkt.dst, pkt.dport)}: the pod will see the node's address`,
    packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) },
  })
  return carry(o, pkt, node, 'local')
}
