/**
 * The API server's Service allocators: ClusterIPs from the service CIDR and
 * NodePorts from 30000-32767, requested values honoured or refused with the
 * real messages (k8s-semantics.md §1.5). Each Service's address is derived
 * from the seed and its name, then probed to the next free one (Services
 * taken in namespace/name order), so adding or removing one Service does not
 * move the others, and neither does the order of the documents.
 */
import type { ServicePortInfo } from '../api/types'
import { rngFor } from '../rng'
import { cidrContains, formatIPv4, parseCidr, parseIPv4 } from '../util/ip'
import type { ServiceObject } from '../model/objects'
import type { Reporter } from './report'
import { byNamespacedName } from '../util/strings'

export const SERVICE_CIDR = '10.96.0.0/12'
export const KUBERNETES_SERVICE_IP = '10.96.0.1'
export const KUBE_DNS_IP = '10.96.0.10'
export const NODE_PORT_MIN = 30000
export const NODE_PORT_MAX = 32767

const serviceCidr = parseCidr(SERVICE_CIDR)!

export interface Allocation {
  clusterIP: string
  ports: ServicePortInfo[]
  /** False when an allocation error means the API server refused the Service. */
  accepted: boolean
}

function usesNodePorts(svc: ServiceObject): boolean {
  return svc.type === 'NodePort' || (svc.type === 'LoadBalancer' && svc.allocateLoadBalancerNodePorts)
}

export function allocateServices(services: ServiceObject[], seed: number, report: Reporter): Map<ServiceObject, Allocation> {
  const result = new Map<ServiceObject, Allocation>()
  const usedIPs = new Set<number>()
  const usedPorts = new Set<number>()
  const refuse = (svc: ServiceObject, path: (string | number)[], body: string, shownPath = path): void => {
    report.about(svc.meta, 'Service', svc.meta.name, path, 'error', `The Service "${svc.meta.name}" is invalid: ${formatPathText(shownPath)}: ${body}`, 'ALLOCATION_FAILED')
    result.get(svc)!.accepted = false
  }
  for (const svc of services) result.set(svc, { clusterIP: '', ports: svc.ports.map((p) => ({ ...p, nodePort: undefined })), accepted: true })

  // 1. Requested ClusterIPs.
  for (const svc of services) {
    const alloc = result.get(svc)!
    if (svc.type === 'ExternalName') continue
    if (svc.requestedClusterIP === 'None') {
      alloc.clusterIP = 'None'
      continue
    }
    if (svc.requestedClusterIP === '') continue
    const ip = parseIPv4(svc.requestedClusterIP)!
    const asList = `[]string{${JSON.stringify(svc.requestedClusterIP)}}`
    if (!cidrContains(serviceCidr, ip) || ip === serviceCidr.base || ip === serviceCidr.base + serviceCidr.size - 1) {
      refuse(svc, ['spec', 'clusterIP'], `Invalid value: ${asList}: failed to allocate IP ${svc.requestedClusterIP}: provided IP is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`, ['spec', 'clusterIPs'])
    } else if (usedIPs.has(ip)) {
      refuse(svc, ['spec', 'clusterIP'], `Invalid value: ${asList}: failed to allocate IP ${svc.requestedClusterIP}: provided IP is already allocated`, ['spec', 'clusterIPs'])
    } else {
      usedIPs.add(ip)
      alloc.clusterIP = svc.requestedClusterIP
    }
  }
  // 2. Requested NodePorts (cluster-wide unique).
  for (const svc of services) {
    const alloc = result.get(svc)!
    if (!alloc.accepted || (svc.type !== 'NodePort' && svc.type !== 'LoadBalancer')) continue
    const mine = new Set<number>()
    svc.ports.forEach((p, i) => {
      if (p.nodePort === undefined || !alloc.accepted) return
      const path = ['spec', 'ports', i, 'nodePort']
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        refuse(svc, path, `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`)
      } else if (usedPorts.has(p.nodePort) && !mine.has(p.nodePort)) {
        refuse(svc, path, `Invalid value: ${p.nodePort}: provided port is already allocated`)
      } else {
        usedPorts.add(p.nodePort)
        mine.add(p.nodePort)
        alloc.ports[i].nodePort = p.nodePort
      }
    })
  }
  // Dynamic allocations go in namespace/name order: when two Services' preferred values collide,
  // which one moves on must not depend on the order the YAML lists them in.
  const inKeyOrder = [...services].sort(byNamespacedName((s) => s.meta))
  // 3. Dynamic ClusterIPs from the upper band of the range (KEP-3070: the lower band is for static requests).
  const ipOffset = Math.min(Math.max(16, serviceCidr.size / 16), 256)
  const ipFirst = serviceCidr.base + ipOffset
  const ipCount = serviceCidr.size - ipOffset - 1
  for (const svc of inKeyOrder) {
    const alloc = result.get(svc)!
    if (!alloc.accepted || svc.type === 'ExternalName' || alloc.clusterIP !== '') continue
    let offset = rngFor(seed, `clusterIP/${svc.meta.namespace}/${svc.meta.name}`).int(ipCount)
    while (usedIPs.has(ipFirst + offset)) offset = (offset + 1) % ipCount
    usedIPs.add(ipFirst + offset)
    alloc.clusterIP = formatIPv4(ipFirst + offset)
  }
  // 4. Dynamic NodePorts, above the static band (KEP-3668); one nodePort per port number.
  const portOffset = Math.min(Math.max(16, Math.floor((NODE_PORT_MAX - NODE_PORT_MIN + 1) / 32)), 128)
  const portFirst = NODE_PORT_MIN + portOffset
  const portCount = NODE_PORT_MAX - portFirst + 1
  for (const svc of inKeyOrder) {
    const alloc = result.get(svc)!
    if (!alloc.accepted || !usesNodePorts(svc)) continue
    const byNumber = new Map<number, number>()
    for (const p of alloc.ports) if (p.nodePort !== undefined) byNumber.set(p.port, p.nodePort)
    alloc.ports.forEach((p, i) => {
      if (p.nodePort !== undefined) return
      const same = byNumber.get(p.port)
      if (same !== undefined) {
        p.nodePort = same
        return
      }
      let offset = rngFor(seed, `nodePort/${svc.meta.namespace}/${svc.meta.name}/${i}`).int(portCount)
      let tries = 0
      while (usedPorts.has(portFirst + offset) && tries < portCount) {
        offset = (offset + 1) % portCount
        tries++
      }
      if (tries >= portCount) {
        refuse(svc, ['spec', 'ports', i, 'nodePort'], 'Internal error: failed to allocate a nodePort: range is full')
        return
      }
      usedPorts.add(portFirst + offset)
      p.nodePort = portFirst + offset
      byNumber.set(p.port, p.nodePort)
    })
  }
  return result
}

function formatPathText(path: (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')
}

/** True when an address lies inside the service CIDR. */
export function inServiceCidr(ip: string): boolean {
  const n = parseIPv4(ip)
  return n !== null && cidrContains(serviceCidr, n)
}
