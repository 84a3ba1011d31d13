/**
 * iptables rules as data: what kube-proxy writes, in a form that can be
 * printed exactly as `iptables-save` prints it and evaluated against a
 * packet the way netfilter does.
 */

export type Match =
  | { m: 'comment'; comment: string }
  /** `-m tcp [--dport N]` (also udp, sctp). */
  | { m: 'proto'; proto: string; dport?: number }
  | { m: 'statistic'; probability: number }
  | { m: 'recent'; mode: 'set'; name: string }
  | { m: 'recent'; mode: 'rcheck'; name: string; seconds: number }
  | { m: 'addrtype'; dstType?: 'LOCAL'; srcType?: 'LOCAL' }
  | { m: 'mark'; mark: number; mask: number; negate?: boolean }
  | { m: 'conntrack'; ctstate: string[] }
  /** ipset membership (ipvs mode). */
  | { m: 'set'; name: string; flags: string }

export type Target =
  | { j: 'chain'; chain: string }
  | { j: 'DNAT'; to: string }
  | { j: 'MARK'; or?: number; xor?: number }
  | { j: 'MASQUERADE' }
  | { j: 'RETURN' }
  | { j: 'REJECT' }
  | { j: 'DROP' }
  | { j: 'ACCEPT' }
  /** userspace mode: to kube-proxy's own proxy port on this node. */
  | { j: 'REDIRECT'; toPorts: number }

export interface Rule {
  chain: string
  /** `-s` (with `!` when negated). */
  src?: { cidr: string; negate?: boolean }
  dst?: { cidr: string }
  proto?: string
  matches: Match[]
  target: Target
}

export interface Table {
  name: 'filter' | 'nat'
  /** Built-in chains in the kernel's order, with their policy. */
  builtins: { chain: string; policy: string }[]
  /** User chains (declared even when empty). */
  chains: string[]
  rules: Rule[]
}

export const MASQ_MARK = 0x4000
