/**
 * Netfilter, as far as kube-proxy's rules need it: walks a hook's chain,
 * evaluates each rule's matches against the packet in order, follows jumps
 * and RETURNs, and applies the targets (DNAT, MARK, MASQUERADE, REJECT,
 * DROP, ACCEPT). The `statistic` and `recent` matches use the simulation's
 * random numbers and xt_recent lists, exactly as the kernel decides per
 * new connection.
 */
import type { Match, Rule, Table } from '../kubeproxy/iptables/model'
import { savedProbability } from '../kubeproxy/iptables/iptablesSave'
import { inCidr } from '../kubeproxy/servicePorts'
import type { TrafficState } from './trafficState'

/** xt_recent's ip_list_tot module parameter on the measured kernel (kernel-notes.md, lesson 13). */
export const RECENT_LIST_TOTAL = 100

export interface Packet {
  src: string
  sport: number
  dst: string
  dport: number
  /** Lower-case: tcp, udp, sctp. */
  proto: string
  mark: number
}

export interface HookContext {
  node: string
  isLocal(ip: string): boolean
  traffic: TrafficState
}

export interface HookResult {
  verdict: 'ACCEPT' | 'DROP' | 'REJECT'
  /** The rule that ended the walk (DNAT, MASQUERADE, REJECT, DROP, ACCEPT), if one did. */
  decisive?: Rule
  /** Every rule that matched, in order. */
  matched: Rule[]
  dnat?: { to: string; rule: Rule }
  masquerade?: Rule
}

function recentList(ctx: HookContext, name: string): Map<string, number> {
  let lists = ctx.traffic.recent.get(ctx.node)
  if (!lists) ctx.traffic.recent.set(ctx.node, (lists = new Map()))
  let list = lists.get(name)
  if (!list) lists.set(name, (list = new Map()))
  return list
}

function matchOne(m: Match, pkt: Packet, ctx: HookContext): boolean {
  switch (m.m) {
    case 'comment':
      return true
    case 'proto':
      return pkt.proto === m.proto && (m.dport === undefined || pkt.dport === m.dport)
    case 'statistic':
      // The kernel keeps round(p * 2^31) and compares a 31-bit random number with it.
      return ctx.traffic.rng.next() < Number(savedProbability(m.probability))
    case 'recent': {
      const list = recentList(ctx, m.name)
      if (m.mode === 'set') {
        // xt_recent keeps at most ip_list_tot (100) addresses per list: the oldest is forgotten.
        list.delete(pkt.src)
        if (list.size >= RECENT_LIST_TOTAL) list.delete(list.keys().next().value as string)
        list.set(pkt.src, ctx.traffic.now)
        return true
      }
      const seen = list.get(pkt.src)
      const fresh = seen !== undefined && ctx.traffic.now - seen <= m.seconds
      if (seen !== undefined && !fresh) list.delete(pkt.src) // --reap
      return fresh
    }
    case 'addrtype':
      if (m.dstType === 'LOCAL' && !ctx.isLocal(pkt.dst)) return false
      if (m.srcType === 'LOCAL' && !ctx.isLocal(pkt.src)) return false
      return true
    case 'mark':
      return ((pkt.mark & m.mask) === m.mark) !== !!m.negate
    case 'conntrack':
      // Every request is a new connection (a new source port): conntrack says NEW.
      return m.ctstate.includes('NEW')
    case 'set':
      // ipvs mode's ipsets are decided by the ipvs path, not by walking these rules.
      return false
  }
}

function ruleMatches(r: Rule, pkt: Packet, ctx: HookContext): boolean {
  if (r.src && inCidr(pkt.src, r.src.cidr) === !!r.src.negate) return false
  if (r.dst && !inCidr(pkt.dst, r.dst.cidr)) return false
  if (r.proto && pkt.proto !== r.proto) return false
  for (const m of r.matches) if (!matchOne(m, pkt, ctx)) return false
  return true
}

/** Runs a built-in chain (hook) of a table. The packet is rewritten in place (mark, destination). */
const chainIndex = new WeakMap<Table, Map<string, Rule[]>>()

/** A table's rules by chain, built once per table (tables are immutable once built). */
function rulesByChain(table: Table): Map<string, Rule[]> {
  let byChain = chainIndex.get(table)
  if (byChain) return byChain
  byChain = new Map()
  for (const r of table.rules) {
    const list = byChain.get(r.chain)
    if (list) list.push(r)
    else byChain.set(r.chain, [r])
  }
  chainIndex.set(table, byChain)
  return byChain
}

export function runHook(table: Table, hook: string, pkt: Packet, ctx: HookContext): HookResult {
  const byChain = rulesByChain(table)
  const result: HookResult = { verdict: 'ACCEPT', matched: [] }
  // Returns true when a terminal target ended the walk.
  const walk = (chain: string, depth: number): boolean => {
    if (depth > 32) return false
    for (const r of byChain.get(chain) ?? []) {
      if (!ruleMatches(r, pkt, ctx)) continue
      result.matched.push(r)
      const t = r.target
      switch (t.j) {
        case 'chain':
          if (walk(t.chain, depth + 1)) return true
          continue
        case 'RETURN':
          return false
        case 'MARK':
          pkt.mark = t.or !== undefined ? pkt.mark | t.or : pkt.mark ^ (t.xor ?? 0)
          continue
        case 'DNAT':
          result.dnat = { to: t.to, rule: r }
          result.decisive = r
          {
            const [ip, port] = t.to.split(':')
            pkt.dst = ip
            if (port) pkt.dport = Number(port)
          }
          return true
        case 'MASQUERADE':
          result.masquerade = r
          result.decisive = r
          return true
        case 'ACCEPT':
          result.decisive = r
          return true
        case 'REDIRECT':
          result.dnat = { to: `redirect:${t.toPorts}`, rule: r }
          result.decisive = r
          return true
        case 'DROP':
        case 'REJECT':
          result.verdict = t.j
          result.decisive = r
          return true
      }
    }
    return false
  }
  walk(hook, 0)
  return result
}
