/**
 * kube-proxy on every node, in the configured mode: what it programs
 * (iptables rules, IPVS virtual servers, userspace portals, nftables) for
 * the dumps, and what the tracer evaluates.
 */
import type { ProxyMode } from '../api/types'
import type { ClusterState } from '../cluster/state'
import { buildNodeRules, type NodeRules } from './iptables/buildRules'
import type { Table } from './iptables/model'
import { buildVirtualServers, type VirtualServer } from './ipvs'
import { ipvsModeTables } from './ipvsIptables'
import { clusterCidr, proxyServicePorts, type ProxyServicePort } from './servicePorts'
import { proxyPort, userspaceRules } from './userspace'
import { nftRuleset, type NftRuleset } from './nftables'

export interface KubeProxy {
  mode: ProxyMode
  clusterCIDR: string
  ports: ProxyServicePort[]
  /** The ipvs scheduler (ipvs mode). */
  scheduler: string
  /** What `iptables-save` shows on the node in this mode. */
  iptablesTables(node: string): Table[]
  /** The rules the tracer walks (iptables, nftables and userspace modes). */
  rules(node: string): NodeRules
  virtualServers(node: string): VirtualServer[]
  /** userspace mode: the Service port kube-proxy serves on this proxy port of the node. */
  userspaceOwner(node: string, port: number): ProxyServicePort | undefined
  /** nftables mode: `nft list table ip kube-proxy` and the lines the tracer reports. */
  nft(node: string): NftRuleset
  seed: number
}

export function createKubeProxy(state: ClusterState, mode: ProxyMode, seed: number, scheduler = 'rr'): KubeProxy {
  const ports = proxyServicePorts(state)
  const cidr = clusterCidr(state.nodes)
  const nodeIP = (node: string): string => state.nodes.find((n) => n.name === node)?.ip ?? ''
  const cache = new Map<string, NodeRules>()
  const iptablesRules = (node: string): NodeRules => {
    let r = cache.get(node)
    if (!r) cache.set(node, (r = buildNodeRules(ports, node, cidr)))
    return r
  }
  const userspaceCache = new Map<string, Table[]>()
  const nftCache = new Map<string, NftRuleset>()
  let ipvsTables: Table[] | undefined
  const userspace = (node: string): Table[] => {
    let t = userspaceCache.get(node)
    if (!t) userspaceCache.set(node, (t = userspaceRules(ports, node, nodeIP(node), seed)))
    return t
  }
  return {
    mode,
    clusterCIDR: cidr,
    ports,
    scheduler,
    seed,
    iptablesTables(node) {
      // ipvs mode writes the same rules on every node (the per-node part lives in IPVS).
      if (mode === 'ipvs') return (ipvsTables ??= ipvsModeTables(ports, cidr))
      if (mode === 'userspace') return userspace(node)
      const r = iptablesRules(node)
      return [r.filter, r.nat]
    },
    rules(node) {
      if (mode === 'userspace') {
        const [filter, nat] = userspace(node)
        return { filter, nat }
      }
      return iptablesRules(node)
    },
    virtualServers(node) {
      return buildVirtualServers(ports, node, nodeIP(node), scheduler)
    },
    nft(node) {
      let r = nftCache.get(node)
      if (!r) nftCache.set(node, (r = nftRuleset(ports, node, [nodeIP(node)], cidr)))
      return r
    },
    userspaceOwner(node, port) {
      return ports.find((sp) => proxyPort(seed, node, sp) === port)
    },
  }
}
