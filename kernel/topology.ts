/**
 * Materialises a simulated cluster as Linux network namespaces, following the
 * network model of /work/shared/kernel-notes.md exactly:
 *
 * - one namespace per node, per running pod, for the external client
 *   (203.0.113.10) and for the L2 segment (a bridge `br0` in its own namespace,
 *   never the host's);
 * - pod: `eth0` with `<podIP>/32`, `169.254.1.1 dev eth0 scope link`,
 *   `default via 169.254.1.1`;
 * - node: `eth0` on the segment with the node IP, `<podIP>/32 dev v<j>` per
 *   local pod, proxy_arp on each pod veth, `169.254.1.1/32` on `lo` with scope
 *   link, `<other podCIDR> via <other nodeIP>` per other node, ip_forward=1,
 *   route_localnet=1, rp_filter set explicitly (strict, 1: lesson 4 says strict
 *   and off give the same results here, so the stricter one is used);
 * - external client: `/32` routes to the node IPs, and a `/32` route for each
 *   MetalLB address towards the node the engine says MetalLB elected (the node
 *   does NOT get the address: it catches it with kube-proxy's `-d <lbIP>` rule).
 *
 * What the notes leave open, chosen here and applied to every node alike:
 * - the "default route" of lesson 8: the segment's upstream router is
 *   192.168.49.1 on the bridge namespace's `br0`, with forwarding off, so it
 *   drops silently whatever it is asked to route (as the Internet would a
 *   packet for 10.96/12): nodes and the external client use it as default route;
 * - nodes reach the external client by an on-link `203.0.113.10/32 dev eth0`
 *   (the mirror of the client's routes to the node IPs);
 * - proxy_delay 0 on pod veths (speed only: the gateway 169.254.1.1 is a local
 *   address, answered at once anyway); bridge-nf-call-iptables 0 in the bridge
 *   namespace (a plain L2 segment);
 * - icmp_ratemask 0 on nodes: the test sends many connections per second to
 *   REJECTed ports, and the kernel's per-destination ICMP rate limit (a burst of
 *   6, then one per second) would turn the 7th refusal into a SYN retransmission
 *   one second later (measured). This changes how many ICMP errors a node may
 *   send per second, nothing else; lesson 7's immediate refusal is per connection.
 *
 * Each node then gets `sim.iptablesSave(node)` unchanged through
 * `iptables-restore`, and `iptables-save` is read back for the round-trip check.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import type { Simulation } from '../src/engine'
import { must, pool, run } from './proc'

/** Namespaces this process created and has not deleted yet (for the exit handler). */
const created = new Set<string>()

/** Synchronous last resort (process exit): deletes what is left. Never throws. */
export function cleanupOnExit(): void {
  if (created.size === 0) return
  try {
    spawnSync('ip', ['-force', '-batch', '-'], { input: [...created].map((n) => `netns del ${n}`).join('\n') + '\n', timeout: 10_000 })
  } catch { /* nothing more to do */ }
  created.clear()
}

export const EXTERNAL_IP = '203.0.113.10'
export const GATEWAY_IP = '192.168.49.1'
const SEGMENT_PREFIX = '192.168.49.'

export interface NodeNs {
  name: string
  ip: string
  podCIDR: string
  ns: string
  /** The engine delivers <nodeIP>:6443 to the API server on control-plane nodes. */
  apiServer: boolean
}

export interface PodNs {
  name: string
  namespace: string
  ip: string
  node: string
  ns: string
  veth: string
  /** Declared TCP containerPorts (the servers listen on these). */
  ports: number[]
}

export interface Topology {
  prefix: string
  bridgeNs: string
  extNs: string
  nodes: NodeNs[]
  pods: PodNs[]
  /** Every namespace this topology created. */
  all: string[]
  /** The namespace of an engine request source: `pod/<ns>/<name>`, `pod/<name>`, `node/<name>`, `external`. */
  nsFor(from: string): string
  /** What `iptables-save` printed in each node right after the restore. */
  saved: Map<string, string>
}

export interface LbRoute {
  ip: string
  via: string
}

/** Builds the namespaces for a simulation. On failure everything already made is removed. */
export async function buildTopology(sim: Simulation, prefix: string, lbRoutes: LbRoute[]): Promise<Topology> {
  const bridgeNs = `${prefix}b`
  const extNs = `${prefix}x`
  const nodes: NodeNs[] = sim.nodes.map((n, i) => ({
    name: n.name, ip: n.ip, podCIDR: n.podCIDR, ns: `${prefix}n${i}`,
    apiServer: n.roles.includes('control-plane') || n.roles.includes('master'),
  }))
  for (const n of nodes) {
    if (!n.ip.startsWith(SEGMENT_PREFIX) || n.ip === GATEWAY_IP) throw new Error(`node ${n.name} has ${n.ip}: the test's segment is ${SEGMENT_PREFIX}0/24 with ${GATEWAY_IP} as its router`)
  }
  const running = sim.pods.filter((p) => p.phase === 'Running' && p.ip && p.node)
  const pods: PodNs[] = running.map((p, j) => ({
    name: p.name, namespace: p.namespace, ip: p.ip, node: p.node, ns: `${prefix}p${j}`, veth: `v${j}`,
    ports: [...new Set(p.ports.filter((x) => x.protocol.toUpperCase() === 'TCP').map((x) => x.containerPort))],
  }))
  const ips = new Set<string>()
  for (const p of pods) {
    if (ips.has(p.ip)) throw new Error(`two pods have ${p.ip}`)
    ips.add(p.ip)
  }
  const nodeByName = new Map(nodes.map((n) => [n.name, n]))
  const all = [bridgeNs, extNs, ...nodes.map((n) => n.ns), ...pods.map((p) => p.ns)]
  const topo: Topology = {
    prefix, bridgeNs, extNs, nodes, pods, all, saved: new Map(),
    nsFor(from) {
      if (from === 'external') return extNs
      const [kind, ...rest] = from.split('/')
      if (kind === 'node') {
        const n = nodeByName.get(rest.join('/'))
        if (n) return n.ns
      } else if (kind === 'pod') {
        const [namespace, name] = rest.length === 1 ? ['default', rest[0]] : [rest[0], rest[1]]
        const p = pods.find((x) => x.namespace === namespace && x.name === name)
        if (p) return p.ns
      }
      throw new Error(`no namespace for source ${from}`)
    },
  }

  try {
    // 1. Namespaces and veth pairs, created straight into their namespaces (host namespace untouched).
    for (const ns of all) created.add(ns)
    const host: string[] = all.map((ns) => `netns add ${ns}`)
    nodes.forEach((n, i) => host.push(`link add n${i} netns ${bridgeNs} type veth peer name eth0 netns ${n.ns}`))
    host.push(`link add x netns ${bridgeNs} type veth peer name eth0 netns ${extNs}`)
    for (const p of pods) host.push(`link add ${p.veth} netns ${nodeByName.get(p.node)!.ns} type veth peer name eth0 netns ${p.ns}`)
    await must('ip', ['-batch', '-'], { input: host.join('\n') + '\n' })

    // 2. Addresses and routes, one `ip -n <ns> -batch` per namespace.
    const batches: [string, string[]][] = []
    batches.push([bridgeNs, [
      'link set lo up', 'link add br0 type bridge', 'link set br0 up', `addr add ${GATEWAY_IP}/24 dev br0`,
      ...nodes.flatMap((_, i) => [`link set n${i} master br0`, `link set n${i} up`]),
      'link set x master br0', 'link set x up',
    ]])
    batches.push([extNs, [
      'link set lo up', 'link set eth0 up', `addr add ${EXTERNAL_IP}/32 dev eth0`,
      ...nodes.map((n) => `route add ${n.ip}/32 dev eth0 scope link`),
      ...lbRoutes.map((r) => `route add ${r.ip}/32 via ${r.via} dev eth0`),
      `route add default via ${GATEWAY_IP} dev eth0 onlink`,
    ]])
    for (const n of nodes) {
      const local = pods.filter((p) => p.node === n.name)
      batches.push([n.ns, [
        'link set lo up', 'addr add 169.254.1.1/32 dev lo scope link',
        'link set eth0 up', `addr add ${n.ip}/24 dev eth0`,
        `route add ${EXTERNAL_IP}/32 dev eth0 scope link`,
        `route add default via ${GATEWAY_IP} dev eth0`,
        ...nodes.filter((o) => o !== n).map((o) => `route add ${o.podCIDR} via ${o.ip} dev eth0`),
        ...local.flatMap((p) => [`link set ${p.veth} up`, `route add ${p.ip}/32 dev ${p.veth}`]),
      ]])
    }
    for (const p of pods) {
      batches.push([p.ns, [
        'link set lo up', 'link set eth0 up', `addr add ${p.ip}/32 dev eth0`,
        'route add 169.254.1.1 dev eth0 scope link', 'route add default via 169.254.1.1 dev eth0',
      ]])
    }
    await pool(batches, 8, ([ns, lines]) => must('ip', ['-n', ns, '-batch', '-'], { input: lines.join('\n') + '\n' }))

    // 3. Kernel settings of the segment and the nodes, then each node's rules, unchanged.
    await must('ip', ['netns', 'exec', bridgeNs, 'sh', '-c',
      'echo 0 > /proc/sys/net/ipv4/ip_forward; f=/proc/sys/net/bridge/bridge-nf-call-iptables; if [ -e $f ]; then echo 0 > $f; fi'])
    await pool(nodes, 4, async (n) => {
      const veths = pods.filter((p) => p.node === n.name).map((p) => p.veth)
      const script = [
        'set -e',
        'echo 1 > /proc/sys/net/ipv4/ip_forward',
        'echo 1 > /proc/sys/net/ipv4/conf/all/route_localnet',
        'echo 0 > /proc/sys/net/ipv4/icmp_ratemask',
        `for i in all default lo eth0 ${veths.join(' ')}; do echo 1 > /proc/sys/net/ipv4/conf/$i/rp_filter; done`,
        ...veths.map((v) => `echo 1 > /proc/sys/net/ipv4/conf/${v}/proxy_arp; echo 0 > /proc/sys/net/ipv4/neigh/${v}/proxy_delay`),
        'iptables-restore',
        'iptables-save',
      ].join('\n')
      const out = await must('ip', ['netns', 'exec', n.ns, 'sh', '-c', script], { input: sim.iptablesSave(n.name) })
      topo.saved.set(n.name, out)
    })
    return topo
  } catch (err) {
    await destroyNamespaces(all)
    throw err
  }
}

/** Deletes namespaces (their veths and bridge go with them). Never throws. */
export async function destroyNamespaces(names: string[]): Promise<void> {
  if (names.length === 0) return
  for (const n of names) created.delete(n)
  const r = await run('ip', ['-force', '-batch', '-'], { input: names.map((n) => `netns del ${n}`).join('\n') + '\n' })
  if (r.code !== 0) {
    // -force carries on past names that do not exist; anything else: one by one.
    for (const n of names) await run('ip', ['netns', 'del', n])
  }
}

/**
 * Removes `ksp<pid>...` namespaces left by earlier runs whose process is gone
 * (a run killed before its finally block). Processes still inside them were
 * started by that run (servers, agents): they are killed by pid first.
 */
export async function cleanStale(): Promise<string[]> {
  const list = await run('ip', ['netns', 'list'])
  const names = list.stdout.split('\n').map((l) => l.trim().split(/\s+/)[0]).filter((n) => /^ksp\d+/.test(n ?? ''))
  const stale: string[] = []
  for (const name of names) {
    const pid = Number(/^ksp(\d+)/.exec(name)![1])
    if (pid === process.pid) { stale.push(name); continue }
    let alive: boolean
    try { process.kill(pid, 0); alive = true } catch { alive = false }
    if (!alive) stale.push(name)
  }
  for (const name of stale) {
    const pids = await run('ip', ['netns', 'pids', name])
    for (const p of pids.stdout.split(/\s+/).filter(Boolean).map(Number)) {
      if (Number.isInteger(p) && p > 1 && p !== process.pid) try { process.kill(p, 'SIGKILL') } catch { /* gone */ }
    }
  }
  await destroyNamespaces(stale)
  // resolv.conf files the DNS check left in /etc/netns (ip netns exec's per-namespace /etc).
  let dirs: string[] = []
  try { dirs = readdirSync('/etc/netns') } catch { /* none */ }
  for (const d of dirs) {
    const m = /^ksp(\d+)/.exec(d)
    if (!m) continue
    const pid = Number(m[1])
    let alive: boolean
    try { process.kill(pid, 0); alive = pid !== process.pid } catch { alive = false }
    if (!alive) try { rmSync(`/etc/netns/${d}`, { recursive: true, force: true }) } catch { /* best effort */ }
  }
  return stale
}

/** Empties every xt_recent list (ClientIP affinity memory) of every node (kernel-notes lesson 13). */
export async function flushRecent(topo: Topology): Promise<void> {
  await Promise.all(topo.nodes.map((n) => must('ip', ['netns', 'exec', n.ns, 'sh', '-c',
    'for f in /proc/net/xt_recent/*; do if [ -e "$f" ]; then echo / > "$f"; fi; done'])))
}
