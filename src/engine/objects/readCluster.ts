/** Cluster-level objects: Node, Namespace, MetalLB address pools, kube-proxy's configuration. */
import { parseCidr, parseIPv4 } from '../util/ip'
import type { AddressPoolObject, KubeProxyConfigObject, NamespaceObject, NodeObject, ObjectMeta } from '../model/objects'
import { asArray, asObject, asString, get, type Json, type ReadContext } from './context'

export function readNode(ctx: ReadContext, meta: ObjectMeta, body: Json): NodeObject {
  const spec = asObject(body.spec) ?? {}
  const podCIDR = asString(spec.podCIDR) || asString(asArray(spec.podCIDRs)[0]) || undefined
  if (podCIDR !== undefined && parseCidr(podCIDR) === null) ctx.invalid(['spec', 'podCIDR'], podCIDR, 'must be a valid CIDR')
  const addresses = asArray(get(body, 'status', 'addresses')).map(asObject)
  const internal = addresses.find((a) => a?.type === 'InternalIP')
  const internalIP = asString(internal?.address)
  if (internalIP !== undefined && parseIPv4(internalIP) === null) ctx.warn(['status', 'addresses'], `InternalIP ${internalIP} is not an IPv4 address; the playground assigns one`, 'NODE_IP_INVALID')
  const taints = asArray(spec.taints).flatMap((t) => {
    const taint = asObject(t)
    const key = asString(taint?.key)
    if (!taint || !key) return []
    return [{ key, value: asString(taint.value), effect: asString(taint.effect) ?? 'NoSchedule' }]
  })
  const readyCond = asArray(get(body, 'status', 'conditions')).map(asObject).find((c) => c?.type === 'Ready')
  return {
    meta,
    podCIDR,
    internalIP: internalIP && parseIPv4(internalIP) !== null ? internalIP : undefined,
    taints,
    unschedulable: spec.unschedulable === true,
    ready: readyCond ? asString(readyCond.status) === 'True' : undefined,
  }
}

export function readNamespace(meta: ObjectMeta): NamespaceObject {
  return { meta }
}

/** `a.b.c.d-a.b.c.e` or a CIDR (MetalLB IPAddressPool spec.addresses). */
export function parseAddressRange(text: string): { first: number; last: number } | null {
  const dash = text.split('-').map((s) => s.trim())
  if (dash.length === 2) {
    const first = parseIPv4(dash[0])
    const last = parseIPv4(dash[1])
    if (first === null || last === null || last < first) return null
    return { first, last }
  }
  const cidr = parseCidr(text.trim())
  if (!cidr) return null
  return { first: cidr.base, last: cidr.base + cidr.size - 1 }
}

export function readAddressPool(ctx: ReadContext, meta: ObjectMeta, body: Json): AddressPoolObject {
  const spec = asObject(body.spec) ?? {}
  const addresses = asArray(spec.addresses).map((a) => asString(a) ?? '')
  if (addresses.length === 0) ctx.required(['spec', 'addresses'])
  addresses.forEach((a, i) => {
    if (parseAddressRange(a) === null) ctx.invalid(['spec', 'addresses', i], a, 'invalid CIDR or IP range (expected a.b.c.d/nn or a.b.c.d-a.b.c.e)')
  })
  return {
    meta,
    addresses: addresses.filter((a) => parseAddressRange(a) !== null),
    autoAssign: spec.autoAssign === false ? false : true,
    avoidBuggyIPs: spec.avoidBuggyIPs === true,
  }
}

const PROXY_MODES = ['', 'iptables', 'ipvs', 'nftables', 'userspace', 'kernelspace']

export function readKubeProxyConfig(ctx: ReadContext, meta: ObjectMeta, body: Json): KubeProxyConfigObject {
  const mode = asString(body.mode) ?? ''
  if (!PROXY_MODES.includes(mode)) ctx.unsupported(['mode'], mode, PROXY_MODES.filter((m) => m !== ''))
  return { meta, mode, ipvsScheduler: asString(get(body, 'ipvs', 'scheduler')) || 'rr' }
}
