/**
 * The routed pod network and each node's kernel, in iptables (and nftables)
 * mode: a packet arrives at a node (from a local pod, from the wire, or from
 * a process on the node), passes nat PREROUTING or OUTPUT, the routing
 * decision, filter INPUT/FORWARD/OUTPUT, nat POSTROUTING, then goes to a
 * local pod, another node (each node routes the others' pod CIDRs via their
 * IP), or out of the cluster. See kernel-notes.md for what a real kernel
 * does with the same rules on this topology.
 */
import type { TraceStep } from '../api/types'
import type { ClusterState, NodeState, PodState } from '../cluster/state'
import type { NodeRules } from '../kubeproxy/iptables/buildRules'
import type { KubeProxy } from '../kubeproxy/kubeProxy'
import { ipvsHop, userspaceProxy } from './proxyModes'
import { nftChainBase } from '../kubeproxy/nftables'
import { DEFAULT_POOL } from '../cluster/loadBalancers'
import { electedSpeaker } from './metallb'
import { ruleText } from '../kubeproxy/iptables/iptablesSave'
import type { Rule } from '../kubeproxy/iptables/model'
import { inCidr } from '../kubeproxy/servicePorts'
import { API_SERVER_PORT } from '../cluster/builtins'
import { inServiceCidr } from '../cluster/serviceAllocation'
import { runHook, type HookResult, type Packet } from './netfilter'
import type { TrafficState } from './trafficState'

export type Delivery =
  | { status: 'delivered'; pod: string; namespace: string; ip: string; port: number; sourceIP: string }
  | { status: 'left-cluster'; host: string; ip?: string; port: number }
  | { status: 'failed'; reason: 'CONNECTION_REFUSED' | 'TIMEOUT'; message: string }

export interface Network {
  state: ClusterState
  proxy: KubeProxy
  rules(node: string): NodeRules
  isLocal(node: NodeState, ip: string): boolean
  podByIP(ip: string): PodState | undefined
  nodeByName(name: string): NodeState | undefined
  nodeByIP(ip: string): NodeState | undefined
  /** The node whose pod CIDR holds this address. */
  nodeForPodIP(ip: string): NodeState | undefined
}

export function createNetwork(state: ClusterState, proxy: KubeProxy): Network {
  const pods = new Map<string, PodState>()
  for (const p of state.pods) if (p.ip && p.phase === 'Running') pods.set(p.ip, p)
  // ipvs mode binds every service address to the dummy kube-ipvs0 on each node: they are local there.
  const ipvsAddresses = new Set(proxy.mode === 'ipvs' ? proxy.ports.flatMap((p) => [p.clusterIP, ...p.externalIPs, ...p.loadBalancerIPs]) : [])
  return {
    state,
    proxy,
    rules: (node) => proxy.rules(node),
    isLocal(node, ip) {
      return ip === node.ip || ip === '169.254.1.1' || inCidr(ip, '127.0.0.0/8') || ipvsAddresses.has(ip)
    },
    podByIP: (ip) => pods.get(ip),
    nodeByName: (name) => state.nodes.find((n) => n.name === name),
    nodeByIP: (ip) => state.nodes.find((n) => n.ip === ip),
    nodeForPodIP: (ip) => state.nodes.find((n) => inCidr(ip, n.podCIDR)),
  }
}

/** "ip:port", as the trace steps print addresses. */
export const hp = (ip: string, port: number): string => `${ip}:${port}`

/** Short names for the chains a walk went through: KUBE-SERVICES → KUBE-SVC-XCC… → KUBE-SEP-…. */
function chainPath(matched: Rule[]): string {
  const chains: string[] = []
  for (const r of matched) if (!chains.includes(r.chain) && r.chain.startsWith('KUBE-')) chains.push(r.chain)
  return chains.join(' → ')
}

function commentOf(r: Rule): string | undefined {
  const c = r.matches.find((m) => m.m === 'comment')
  return c && c.m === 'comment' ? c.comment : undefined
}

/** A pod listens on the ports its containers declare; one that declares none answers on any port. */
export function podListens(pod: PodState, port: number, proto: string): boolean {
  const ports = pod.spec.containers.flatMap((c) => c.ports)
  if (ports.length === 0) return true
  return ports.some((p) => p.containerPort === port && p.protocol.toLowerCase() === proto)
}

/**
 * Hops one request may take before it counts as going round in circles
 * (a packet's TTL, scaled down to the playground's few nodes).
 */
export const MAX_HOPS = 16

export interface CarryOptions {
  net: Network
  traffic: TrafficState
  steps: TraceStep[]
  /** The Service the packet was addressed to, for the step text. */
  service?: string
  /**
   * Hops left for the whole request, shared with the connections a proxy
   * opens on its behalf: userspace kube-proxy dialling an endpoint that is
   * itself a Service address opens a new connection that it proxies again.
   */
  hopsLeft?: { n: number }
}

/**
 * The text of a rule as the node shows it: the iptables-save line, or in
 * nftables mode the nft rule or map element that does the same thing.
 */
function shown(o: CarryOptions, node: NodeState, r: Rule, pkt: Packet): string {
  if (o.net.proxy.mode !== 'nftables') return ruleText(r)
  const nft = o.net.proxy.nft(node.name).lines
  const comment = commentOf(r) ?? ''
  if (r.target.j === 'DNAT') return nft.dnat.get(`${comment}|${r.target.to}`) ?? ruleText(r)
  if (r.chain === 'KUBE-NODEPORTS') return nft.nodePort.get(`${pkt.proto}/${pkt.dport}`) ?? ruleText(r)
  if (r.target.j === 'MASQUERADE') return nft.masquerade
  if (r.target.j === 'REJECT' || r.target.j === 'DROP') {
    return nft.noEndpoints.get(`${pkt.dst}/${pkt.proto}/${pkt.dport}`) ?? nft.noEndpoints.get(`${pkt.proto}/${pkt.dport}`) ?? ruleText(r)
  }
  return ruleText(r)
}

/** The same decision told with nftables' names: the verdict map, the service chain, numgen or the affinity set. */
function nftDnatText(node: NodeState, res: HookResult, before: Packet): string {
  const spn = commentOf(res.dnat!.rule) ?? ''
  const [nsName, portName = ''] = spn.split(':')
  const base = nftChainBase(`${nsName}/${before.proto}/${portName}`)
  const [ip, port] = res.dnat!.to.split(':')
  const ep = nftChainBase(`${nsName}/${before.proto}/${portName}__${ip}/${port}`)
  const affinity = res.matched.some((r) => r.matches.some((m) => m.m === 'recent' && m.mode === 'rcheck'))
  return `${node.name}: @service-ips sends ${hp(before.dst, before.dport)} to service-${base}; ${affinity ? `the affinity set @affinity-${ep} remembers this client and picks` : 'numgen random picks'} endpoint-${ep}; DNAT ${hp(before.dst, before.dport)} → ${res.dnat!.to}`
}

function natSteps(o: CarryOptions, node: NodeState, before: Packet, res: HookResult): void {
  const lines = o.net.proxy.mode === 'nftables' ? [] : res.matched.map(ruleText)
  const np = res.matched.find((r) => r.chain === 'KUBE-NODEPORTS')
  if (np) {
    o.steps.push({
      kind: 'nodeport', at: `node/${node.name}`, node: node.name,
      text: `${node.name}: NodePort ${before.dport} belongs to ${commentOf(np) ?? 'a Service'} (KUBE-NODEPORTS → ${np.target.j === 'chain' ? np.target.chain : ''})`,
      packet: { src: hp(before.src, before.sport), dst: hp(before.dst, before.dport) }, rule: shown(o, node, np, before), rules: lines,
    })
  }
  if (res.dnat && res.dnat.rule.target.j === 'REDIRECT' || (res.dnat && res.dnat.rule.chain.startsWith('KUBE-PORTALS-HOST')) || (res.dnat && res.dnat.rule.chain.startsWith('KUBE-NODEPORT-HOST'))) {
    o.steps.push({
      kind: 'dnat', at: `node/${node.name}`, node: node.name,
      text: `${node.name}: ${res.dnat!.rule.chain} sends ${hp(before.dst, before.dport)} to kube-proxy itself, listening on port ${res.dnat!.to.split(':').pop()} of the node (userspace mode)`,
      packet: { src: hp(before.src, before.sport), dst: hp(before.dst, before.dport) }, rule: ruleText(res.dnat!.rule), rules: lines,
    })
    return
  }
  if (res.dnat) {
    const sep = res.dnat.rule.chain
    const pick = res.matched.find((r) => r.target.j === 'chain' && r.target.chain === sep && r.chain.startsWith('KUBE-SV'))
    const how = pick?.matches.some((m) => m.m === 'recent') ? 'ClientIP affinity (recent list) picked' : pick?.matches.some((m) => m.m === 'statistic') ? 'the random statistic match picked' : 'picked'
    const text = o.net.proxy.mode === 'nftables'
      ? nftDnatText(node, res, before)
      : `${node.name}: ${chainPath(res.matched)}: ${how} ${sep}; DNAT ${hp(before.dst, before.dport)} → ${res.dnat.to}`
    o.steps.push({
      kind: 'dnat', at: `node/${node.name}`, node: node.name,
      text,
      packet: { src: hp(before.src, before.sport), dst: hp(before.dst, before.dport) }, rule: shown(o, node, res.dnat.rule, before), rules: lines,
    })
  }
}

function filterStop(o: CarryOptions, node: NodeState, pkt: Packet, res: HookResult): Delivery | undefined {
  if (res.verdict === 'ACCEPT') return undefined
  const rule = res.decisive!
  const why = commentOf(rule) ?? ''
  const step: TraceStep = {
    kind: res.verdict === 'REJECT' ? 'reject' : 'drop', at: `node/${node.name}`, node: node.name,
    text: res.verdict === 'REJECT'
      ? `${node.name}: filter ${rule.chain} rejects it (${why}): ICMP port unreachable, the connection is refused at once`
      : `${node.name}: filter ${rule.chain} drops it (${why}): no answer, the client times out`,
    packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) }, rule: shown(o, node, rule, pkt), rules: o.net.proxy.mode === 'nftables' ? [] : res.matched.map(ruleText),
  }
  o.steps.push(step)
  return res.verdict === 'REJECT'
    ? { status: 'failed', reason: 'CONNECTION_REFUSED', message: `connect to ${hp(pkt.dst, pkt.dport)} failed: Connection refused (${why})` }
    : { status: 'failed', reason: 'TIMEOUT', message: `connect to ${hp(pkt.dst, pkt.dport)} timed out (${why})` }
}

/**
 * Carries a new connection's first packet from where it enters `node` to its end.
 * `origin`: 'local' for a process on the node (nat OUTPUT), otherwise it arrived
 * from a pod or the wire (nat PREROUTING).
 */
export function carry(o: CarryOptions, pkt: Packet, startNode: NodeState, origin: 'local' | 'pod' | 'wire'): Delivery {
  let node = startNode
  let from = origin
  // The node that rewrote the destination without rewriting the source: replies must come back through it.
  let dnatAt: NodeState | undefined
  const originalClient = pkt.src
  const budget = (o.hopsLeft ??= { n: MAX_HOPS })
  while (budget.n-- > 0) {
    const rules = o.net.rules(node.name)
    const ctx = { node: node.name, isLocal: (ip: string) => o.net.isLocal(node, ip), traffic: o.traffic }
    const ipvs = o.net.proxy.mode === 'ipvs'
    if (ipvs) {
      // IPVS forwards packets for its virtual servers in LOCAL_IN; the nat table only marks for masquerade.
      const r = ipvsHop(o, node, pkt)
      if (r !== 'pass' && r !== 'forwarded') return r
      if (r === 'forwarded') dnatAt = node
    } else {
      const before = { ...pkt }
      const nat = runHook(rules.nat, from === 'local' ? 'OUTPUT' : 'PREROUTING', pkt, ctx)
      natSteps(o, node, before, nat)
      if (nat.dnat) dnatAt = node
      const proxyPortHit = o.net.proxy.mode === 'userspace' && nat.dnat
        ? o.net.proxy.userspaceOwner(node.name, Number(nat.dnat.to.split(':').pop()))
        : undefined
      if (proxyPortHit) return userspaceProxy(o, node, proxyPortHit, before)
      if (from === 'local') {
        const stop = filterStop(o, node, pkt, runHook(rules.filter, 'OUTPUT', pkt, ctx))
        if (stop) return stop
      }
    }
    if (o.net.isLocal(node, pkt.dst)) {
      if (!ipvs) {
        const stop = filterStop(o, node, pkt, runHook(rules.filter, 'INPUT', pkt, ctx))
        if (stop) return stop
      }
      const broken = asymmetricReturn(o, node, dnatAt, pkt, originalClient)
      if (broken) return broken
      return deliverToNode(o, node, pkt)
    }
    if (from !== 'local' && !ipvs) {
      const stop = filterStop(o, node, pkt, runHook(rules.filter, 'FORWARD', pkt, ctx))
      if (stop) return stop
    }
    const beforeSnat = { ...pkt }
    const post = ipvs ? ipvsPostrouting(o, pkt) : runHook(rules.nat, 'POSTROUTING', pkt, ctx)
    if (post.masquerade) {
      pkt.src = node.ip
      dnatAt = undefined // this node now owns both rewrites: replies come back to it
      o.steps.push({
        kind: 'snat', at: `node/${node.name}`, node: node.name,
        text: `${node.name}: the packet carries mark 0x4000 (KUBE-MARK-MASQ), so KUBE-POSTROUTING masquerades it: source ${hp(beforeSnat.src, beforeSnat.sport)} → ${hp(pkt.src, pkt.sport)} (the node's address)`,
        packet: { src: hp(beforeSnat.src, beforeSnat.sport), dst: hp(pkt.dst, pkt.dport) }, rule: shown(o, node, post.masquerade, pkt), rules: o.net.proxy.mode === 'nftables' ? [] : post.matched.map(ruleText),
      })
    }
    pkt.mark = 0
    // Routing: a local pod, another node's pod CIDR or address, or out of the cluster.
    const pod = o.net.podByIP(pkt.dst)
    if (pod && pod.node === node.name) {
      const broken = asymmetricReturn(o, node, dnatAt, pkt, originalClient)
      if (broken) return broken
      return deliverToPod(o, pod, pkt)
    }
    const owner = o.net.nodeForPodIP(pkt.dst) ?? o.net.nodeByIP(pkt.dst)
    if (owner && owner.name !== node.name) {
      const viaPodCidr = inCidr(pkt.dst, owner.podCIDR)
      o.steps.push({
        kind: 'route', at: `node/${owner.name}`,
        text: viaPodCidr
          ? `${node.name} routes ${owner.podCIDR} via ${owner.ip}: the packet crosses to ${owner.name}, addresses unchanged`
          : `${node.name} sends it to ${owner.name} (${owner.ip}) on the node network`,
        packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) },
      })
      node = owner
      from = 'wire'
      continue
    }
    if (owner && owner.name === node.name) {
      // An address in this node's pod CIDR that no running pod has.
      o.steps.push({ kind: 'drop', at: `node/${node.name}`, text: `${node.name}: no pod has ${pkt.dst} (no route to it): the connection times out`, packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) } })
      return { status: 'failed', reason: 'TIMEOUT', message: `connect to ${hp(pkt.dst, pkt.dport)} timed out: no pod has that address` }
    }
    if (inServiceCidr(pkt.dst) && o.net.proxy.mode === 'nftables') {
      // nftables mode checks ClusterIPs after DNAT: a port the Service does not have is rejected.
      const known = o.net.proxy.ports.some((p) => p.clusterIP === pkt.dst)
      const nft = o.net.proxy.nft(node.name).lines
      o.steps.push({
        kind: known ? 'reject' : 'drop', at: `node/${node.name}`, node: node.name,
        text: known
          ? `${node.name}: ${pkt.dst} is a ClusterIP but has no port ${pkt.dport}: cluster-ips-check rejects it`
          : `${node.name}: ${pkt.dst} is in the service range but no Service has it: cluster-ips-check drops it`,
        packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) },
        rule: known ? nft.rejectUnknownPort : `ip daddr 10.96.0.0/12 drop comment "Drop traffic to unallocated ClusterIPs"`,
      })
      return known
        ? { status: 'failed', reason: 'CONNECTION_REFUSED', message: `connect to ${hp(pkt.dst, pkt.dport)} failed: Connection refused (the Service has no port ${pkt.dport})` }
        : { status: 'failed', reason: 'TIMEOUT', message: `connect to ${hp(pkt.dst, pkt.dport)} timed out: no Service has this address` }
    }
    if (inServiceCidr(pkt.dst)) {
      o.steps.push({
        kind: 'drop', at: `node/${node.name}`,
        text: `${node.name}: no kube-proxy rule matched ${hp(pkt.dst, pkt.dport)}, and a ClusterIP belongs to no machine: the packet follows the default route and is never answered`,
        packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) },
      })
      return { status: 'failed', reason: 'TIMEOUT', message: `connect to ${hp(pkt.dst, pkt.dport)} timed out: nothing answers for this address and port` }
    }
    // An address on the nodes' own network: someone there must answer ARP for it.
    const segment = o.net.state.nodes.find((n) => sameSlash24(n.ip, pkt.dst))
    if (segment) {
      const lb = o.net.state.services.find((s) => s.loadBalancerIPs.includes(pkt.dst) && s.loadBalancerPool !== DEFAULT_POOL.name)
      const speaker = lb ? electedSpeaker(o.net.state, lb, pkt.dst) : undefined
      if (speaker && speaker.name !== node.name) {
        o.steps.push({ kind: 'route', at: `node/${speaker.name}`, text: `${node.name} asks the node network who has ${pkt.dst}: MetalLB's speaker on ${speaker.name} answers, so the packet goes there`, packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) } })
        node = speaker
        from = 'wire'
        continue
      }
      o.steps.push({
        kind: 'drop', at: `node/${node.name}`,
        text: `${pkt.dst} is on the node network, but ${lb ? (speaker ? 'no rule on the announcing node takes this port' : 'MetalLB does not announce it (no ready endpoint)') : 'no machine has that address'}: nobody answers and the connection times out`,
        packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) },
      })
      return { status: 'failed', reason: 'TIMEOUT', message: `connect to ${hp(pkt.dst, pkt.dport)} timed out` }
    }
    o.steps.push({ kind: 'route', at: 'external', text: `${node.name} sends it out of the cluster through its default route to ${pkt.dst}`, packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) } })
    return { status: 'left-cluster', host: pkt.dst, ip: pkt.dst, port: pkt.dport }
  }
  o.steps.push({ kind: 'drop', at: `node/${node.name}`, text: 'the packet went round in circles (routing loop): dropped', packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) } })
  return { status: 'failed', reason: 'TIMEOUT', message: 'routing loop' }
}

function sameSlash24(a: string, b: string): boolean {
  return a.split('.').slice(0, 3).join('.') === b.split('.').slice(0, 3).join('.')
}

/**
 * A destination rewritten on one node and delivered on another without
 * masquerade: the pod answers the client's address directly, the reply
 * bypasses the node that holds the NAT state, and the client drops it as
 * an answer from a stranger (kernel-notes.md, lesson 5). Unless the client
 * sits behind that node (its own pod CIDR, or the node itself).
 */
function asymmetricReturn(o: CarryOptions, deliveredOn: NodeState, dnatAt: NodeState | undefined, pkt: Packet, client: string): Delivery | undefined {
  if (!dnatAt || dnatAt.name === deliveredOn.name) return undefined
  const clientNode = o.net.podByIP(client)?.node ?? o.net.nodeByIP(client)?.name
  if (clientNode === dnatAt.name) return undefined
  o.steps.push({
    kind: 'drop', at: `node/${deliveredOn.name}`, node: deliveredOn.name,
    text: `${dnatAt.name} rewrote the destination but not the source, so the answer from ${hp(pkt.dst, pkt.dport)} goes straight back to ${pkt.src} without passing ${dnatAt.name}: the client never sees a reply from the address it called, and the connection times out`,
    packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) },
  })
  return { status: 'failed', reason: 'TIMEOUT', message: `connect timed out: the reply takes another way back (asymmetric route, no SNAT on ${dnatAt.name})` }
}

/** ipvs mode's KUBE-POSTROUTING: masquerade marked packets and hairpin connections. */
function ipvsPostrouting(o: CarryOptions, pkt: Packet): HookResult {
  const tables = o.net.proxy.iptablesTables('')
  const nat = tables.find((t) => t.name === 'nat')!
  const masq = nat.rules.filter((r) => r.chain === 'KUBE-POSTROUTING' && r.target.j === 'MASQUERADE')
  if (pkt.src === pkt.dst) return { verdict: 'ACCEPT', matched: [masq[0]], masquerade: masq[0], decisive: masq[0] }
  if (pkt.mark & 0x4000) return { verdict: 'ACCEPT', matched: [masq[1]], masquerade: masq[1], decisive: masq[1] }
  return { verdict: 'ACCEPT', matched: [] }
}

export function deliverToPod(o: CarryOptions, pod: PodState, pkt: Packet): Delivery {
  const at = `pod/${pod.namespace}/${pod.name}`
  const packet = { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) }
  if (!podListens(pod, pkt.dport, pkt.proto)) {
    const declared = pod.spec.containers.flatMap((c) => c.ports.map((p) => p.containerPort)).join(', ')
    o.steps.push({ kind: 'reject', at, text: `${pod.name} listens on ${declared}, not ${pkt.dport}: it answers with a TCP reset`, packet })
    return { status: 'failed', reason: 'CONNECTION_REFUSED', message: `connect to ${hp(pkt.dst, pkt.dport)} failed: Connection refused (${pod.name} does not listen on ${pkt.dport})` }
  }
  o.steps.push({ kind: 'deliver', at, text: `${pod.name} accepts the connection on ${hp(pkt.dst, pkt.dport)}; it sees the client as ${pkt.src}`, packet })
  return { status: 'delivered', pod: pod.name, namespace: pod.namespace, ip: pod.ip, port: pkt.dport, sourceIP: pkt.src }
}

function deliverToNode(o: CarryOptions, node: NodeState, pkt: Packet): Delivery {
  const packet = { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) }
  const controlPlane = node.roles.includes('control-plane') || node.roles.includes('master')
  if (controlPlane && pkt.dport === API_SERVER_PORT && pkt.dst === node.ip) {
    const name = `kube-apiserver-${node.name}`
    o.steps.push({ kind: 'deliver', at: `node/${node.name}`, text: `the API server (${name}, host network) accepts it on ${hp(pkt.dst, pkt.dport)}`, packet })
    return { status: 'delivered', pod: name, namespace: 'kube-system', ip: node.ip, port: pkt.dport, sourceIP: pkt.src }
  }
  o.steps.push({ kind: 'reject', at: `node/${node.name}`, text: `${node.name}: nothing listens on ${hp(pkt.dst, pkt.dport)}, so the node answers with a TCP reset`, packet })
  return { status: 'failed', reason: 'CONNECTION_REFUSED', message: `connect to ${hp(pkt.dst, pkt.dport)} failed: Connection refused (no process listens there)` }
}
