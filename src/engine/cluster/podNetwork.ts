/**
 * Pod IPs from the node's pod CIDR (the CNI's IPAM). Each pod's address is
 * derived from the seed and its name, then the next free one is taken, so
 * adding or removing a pod does not move the others.
 */
import { rngFor } from '../rng'
import { cidrContains, formatIPv4, parseIPv4 } from '../util/ip'
import type { PodObject } from '../model/objects'
import type { Reporter } from './report'
import type { NodeState, PodState } from './state'
import { byNamespacedName } from '../util/strings'

export function assignPodIPs(
  pods: PodState[], nodes: NodeState[], seed: number, given: Map<string, PodObject>, report: Reporter,
  bound: Map<string, { node: string; ip: string }> = new Map(),
): void {
  const byName = new Map(nodes.map((n) => [n.name, n]))
  const used = new Map<string, Set<number>>(nodes.map((n) => [n.name, new Set<number>()]))
  // Observed addresses first: they are facts of the pasted cluster.
  const pending: PodState[] = []
  for (const pod of pods) {
    const node = byName.get(pod.node)
    if (!node) continue
    const obj = given.get(`${pod.namespace}/${pod.name}`)
    const binding = bound.get(`${pod.namespace}/${pod.name}`)
    if (binding && binding.node === node.name && binding.ip) {
      pod.ip = binding.ip
      used.get(node.name)!.add(parseIPv4(binding.ip)!)
      continue
    }
    const observed = obj?.status.podIP ? parseIPv4(obj.status.podIP) : null
    if (obj && observed !== null) {
      pod.ip = formatIPv4(observed)
      used.get(node.name)!.add(observed)
      if (!cidrContains(node.cidr, observed)) {
        report.about(obj.meta, 'Pod', pod.name, ['status', 'podIP'], 'warning',
          `status.podIP ${pod.ip} is outside node ${node.name}'s pod CIDR ${node.podCIDR}: traffic to it will not be routed as expected`, 'POD_IP_OUTSIDE_CIDR')
      }
    } else pending.push(pod)
  }
  // In namespace/name order: when two pods' preferred addresses collide, which one
  // moves on must not depend on the order the YAML lists them in.
  pending.sort(byNamespacedName((p) => p))
  for (const pod of pending) {
    const node = byName.get(pod.node)!
    const taken = used.get(node.name)!
    // .0 is the network, .1 the node's gateway side, the last address the broadcast.
    const first = node.cidr.base + 2
    const count = Math.max(0, node.cidr.size - 3)
    if (taken.size >= count || count === 0) {
      pod.schedulingMessage = `failed to allocate an IP: node ${node.name}'s pod CIDR ${node.podCIDR} is full`
      continue
    }
    let offset = rngFor(seed, `ip/${pod.namespace}/${pod.name}`).int(count)
    while (taken.has(first + offset)) offset = (offset + 1) % count
    taken.add(first + offset)
    pod.ip = formatIPv4(first + offset)
  }
}
