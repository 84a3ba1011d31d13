/**
 * LoadBalancer addresses: pasted status wins; otherwise MetalLB hands out the
 * first free address of its IPAddressPools (k8s-semantics.md §7.2); with no
 * pool in the YAML, the playground's cloud controller uses its default pool.
 */
import { formatIPv4, parseIPv4 } from '../util/ip'
import type { AddressPoolObject, ServiceObject } from '../model/objects'
import { parseAddressRange } from '../objects/readCluster'
import type { Reporter } from './report'
import { byNamespacedName, compareStrings } from '../util/strings'

/** The playground's stand-in for a cloud load balancer controller. */
export const DEFAULT_POOL = { name: 'playground-cloud', addresses: ['192.168.49.200-192.168.49.250'] }

export interface LoadBalancerAssignment {
  ips: string[]
  pool?: string
}

function* poolAddresses(pool: { addresses: string[]; avoidBuggyIPs?: boolean }): Generator<number> {
  for (const range of pool.addresses) {
    const r = parseAddressRange(range)
    if (!r) continue
    for (let ip = r.first; ip <= r.last; ip++) {
      if (pool.avoidBuggyIPs && ((ip & 255) === 0 || (ip & 255) === 255)) continue
      yield ip
    }
  }
}

/** True when the address lies in one of the pool's ranges (without listing the range: a pool may be a /8). */
function poolContains(pool: { addresses: string[]; avoidBuggyIPs?: boolean }, ip: number): boolean {
  if (pool.avoidBuggyIPs && ((ip & 255) === 0 || (ip & 255) === 255)) return false
  return pool.addresses.some((range) => {
    const r = parseAddressRange(range)
    return r !== null && r.first <= ip && ip <= r.last
  })
}

export function assignLoadBalancers(services: ServiceObject[], pools: AddressPoolObject[], report: Reporter): Map<ServiceObject, LoadBalancerAssignment> {
  const out = new Map<ServiceObject, LoadBalancerAssignment>()
  const used = new Set<number>()
  const lbs = services.filter((s) => s.type === 'LoadBalancer')
  for (const svc of lbs) {
    for (const ip of svc.statusIngressIPs) used.add(parseIPv4(ip)!)
  }
  const metallb = pools.length > 0
  // MetalLB tries pools by serviceAllocation.priority, ties broken by name (the playground reads no priority).
  const candidates = metallb
    ? pools.map((p) => ({ name: p.meta.name, addresses: p.addresses, autoAssign: p.autoAssign, avoidBuggyIPs: p.avoidBuggyIPs })).sort((a, b) => compareStrings(a.name, b.name))
    : [{ ...DEFAULT_POOL, autoAssign: true, avoidBuggyIPs: false }]
  // Requested addresses first, then the automatic ones in namespace/name order:
  // the same Services written in another order get the same addresses.
  const automatic: ServiceObject[] = []
  for (const svc of lbs) {
    if (svc.statusIngressIPs.length > 0 || (svc.statusIngressHostnames?.length ?? 0) > 0) {
      out.set(svc, { ips: svc.statusIngressIPs })
      continue
    }
    if (svc.loadBalancerClass) {
      out.set(svc, { ips: [] })
      report.about(svc.meta, 'Service', svc.meta.name, ['spec', 'loadBalancerClass'], 'info',
        `loadBalancerClass "${svc.loadBalancerClass}" names another controller: no controller in the playground assigns an address, so EXTERNAL-IP stays <pending>`, 'LB_CLASS_IGNORED')
      continue
    }
    const requested = svc.meta.annotations['metallb.io/loadBalancerIPs'] ?? svc.meta.annotations['metallb.universe.tf/loadBalancerIPs'] ?? svc.loadBalancerIP
    const poolName = svc.meta.annotations['metallb.io/address-pool'] ?? svc.meta.annotations['metallb.universe.tf/address-pool']
    const eligible = candidates.filter((p) => (poolName ? p.name === poolName : true))
    if (requested) {
      const ip = parseIPv4(requested.split(',')[0].trim())
      const owner = ip === null ? undefined : eligible.find((p) => poolContains(p, ip))
      if (ip === null || !owner) {
        out.set(svc, { ips: [] })
        report.about(svc.meta, 'Service', svc.meta.name, ['spec'], 'warning',
          `${requested} is not in any ${metallb ? 'IPAddressPool' : 'address pool of the playground cloud (' + DEFAULT_POOL.addresses[0] + ')'}: the Service stays <pending>`, 'LB_IP_NOT_IN_POOL')
      } else if (used.has(ip)) {
        out.set(svc, { ips: [] })
        report.about(svc.meta, 'Service', svc.meta.name, ['spec'], 'warning', `${requested} is already used by another Service: the Service stays <pending>`, 'LB_IP_IN_USE')
      } else {
        used.add(ip)
        out.set(svc, { ips: [formatIPv4(ip)], pool: owner.name })
      }
      continue
    }
    automatic.push(svc)
  }
  automatic.sort(byNamespacedName((s) => s.meta))
  for (const svc of automatic) {
    const poolName = svc.meta.annotations['metallb.io/address-pool'] ?? svc.meta.annotations['metallb.universe.tf/address-pool']
    const eligible = candidates.filter((p) => (poolName ? p.name === poolName : true))
    let assigned: LoadBalancerAssignment | undefined
    for (const pool of eligible) {
      if (!pool.autoAssign && !poolName) continue
      for (const ip of poolAddresses(pool)) {
        if (used.has(ip)) continue
        used.add(ip)
        assigned = { ips: [formatIPv4(ip)], pool: pool.name }
        break
      }
      if (assigned) break
    }
    if (!assigned) {
      report.about(svc.meta, 'Service', svc.meta.name, ['spec', 'type'], 'warning',
        poolName ? `no free address in pool "${poolName}": EXTERNAL-IP stays <pending>` : 'no free address in any pool: EXTERNAL-IP stays <pending>', 'LB_POOL_EXHAUSTED')
      assigned = { ips: [] }
    }
    out.set(svc, assigned)
  }
  return out
}
