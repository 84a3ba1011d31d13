/**
 * The nodes: from Node objects in the YAML when there are any, otherwise a
 * default kubeadm-style cluster of one control-plane node and two workers.
 */
import type { Reporter } from './report'
import { formatCidr, formatIPv4, parseCidr, parseIPv4 } from '../util/ip'
import type { NodeObject } from '../model/objects'
import type { NodeState } from './state'
import { compareStrings } from '../util/strings'

export const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }
/** minikube's docker network: nodes get 192.168.49.2, .3, ... */
const NODE_NETWORK_BASE = parseIPv4('192.168.49.2')!
/** kubeadm/flannel style cluster CIDR split into a /24 per node. */
export const CLUSTER_CIDR = '10.244.0.0/16'

function podCidrFor(index: number): string {
  return `10.244.${index}.0/24`
}

function baseLabels(name: string): Record<string, string> {
  return { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' }
}

export function defaultNode(index: number): NodeState {
  const controlPlane = index === 0
  const name = controlPlane ? 'control-plane' : `worker-${index}`
  const podCIDR = podCidrFor(index)
  const labels = baseLabels(name)
  if (controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = ''
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = ''
  }
  return {
    name,
    ip: formatIPv4(NODE_NETWORK_BASE + index),
    podCIDR,
    cidr: parseCidr(podCIDR)!,
    ready: true,
    roles: controlPlane ? ['control-plane'] : [],
    labels,
    taints: controlPlane ? [CONTROL_PLANE_TAINT] : [],
    unschedulable: false,
    docIndex: -1,
  }
}

export function buildNodes(objects: NodeObject[], extraNodes: number, report: Reporter): NodeState[] {
  const nodes: NodeState[] = []
  if (objects.length === 0) {
    for (let i = 0; i < 3; i++) nodes.push(defaultNode(i))
  } else {
    const usedIPs = new Set(objects.map((o) => o.internalIP).filter((ip): ip is string => !!ip))
    const usedCidrs = new Set(objects.map((o) => o.podCIDR).filter((c): c is string => !!c))
    // Nodes without an address or pod CIDR get the next free one in name order, not
    // document order: pasting the same Nodes in another order gives the same cluster.
    const assigned = new Map<NodeObject, { ip: string; podCIDR: string }>()
    let nextIP = NODE_NETWORK_BASE
    let nextCidr = 0
    for (const o of [...objects].sort((a, b) => compareStrings(a.meta.name, b.meta.name))) {
      let ip = o.internalIP
      while (!ip) {
        const candidate = formatIPv4(nextIP++)
        if (!usedIPs.has(candidate)) ip = candidate
      }
      usedIPs.add(ip)
      let podCIDR = o.podCIDR ? formatCidr(parseCidr(o.podCIDR)!) : undefined
      while (!podCIDR) {
        const candidate = podCidrFor(nextCidr++)
        if (!usedCidrs.has(candidate)) podCIDR = candidate
      }
      usedCidrs.add(podCIDR)
      assigned.set(o, { ip, podCIDR })
    }
    for (const o of objects) {
      const { ip, podCIDR } = assigned.get(o)!
      const labels = { ...baseLabels(o.meta.name), ...o.meta.labels }
      const roles = Object.keys(labels)
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length))
        .filter((r) => r !== '')
        .sort()
      nodes.push({
        name: o.meta.name,
        ip,
        podCIDR,
        cidr: parseCidr(podCIDR)!,
        ready: o.ready ?? true,
        roles,
        labels,
        taints: o.taints,
        unschedulable: o.unschedulable,
        docIndex: o.meta.docIndex,
      })
    }
    checkOverlaps(nodes, objects, report)
  }
  for (let i = 0; i < extraNodes; i++) nodes.push(addedNode(nodes))
  return nodes
}

/** A node joined with `kubeadm join`: the next free name, IP and pod CIDR. */
function addedNode(nodes: NodeState[]): NodeState {
  let n = nodes.length
  const names = new Set(nodes.map((x) => x.name))
  const ips = new Set(nodes.map((x) => x.ip))
  const cidrs = new Set(nodes.map((x) => x.podCIDR))
  while (names.has(`worker-${n}`)) n++
  const name = `worker-${n}`
  let ipIndex = 0
  while (ips.has(formatIPv4(NODE_NETWORK_BASE + ipIndex))) ipIndex++
  let cidrIndex = 0
  while (cidrs.has(podCidrFor(cidrIndex))) cidrIndex++
  const podCIDR = podCidrFor(cidrIndex)
  return {
    name,
    ip: formatIPv4(NODE_NETWORK_BASE + ipIndex),
    podCIDR,
    cidr: parseCidr(podCIDR)!,
    ready: true,
    roles: [],
    labels: baseLabels(name),
    taints: [],
    unschedulable: false,
    docIndex: -1,
  }
}

function checkOverlaps(nodes: NodeState[], objects: NodeObject[], report: Reporter): void {
  for (let i = 0; i < nodes.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = nodes[i].cidr
      const b = nodes[j].cidr
      if (a.base < b.base + b.size && b.base < a.base + a.size) {
        report.about(objects[i].meta, 'Node', nodes[i].name, ['spec', 'podCIDR'], 'warning',
          `Node "${nodes[i].name}" has podCIDR ${nodes[i].podCIDR}, which overlaps node "${nodes[j].name}" (${nodes[j].podCIDR}): pod addresses may clash`,
          'POD_CIDR_OVERLAP')
      }
    }
  }
}
