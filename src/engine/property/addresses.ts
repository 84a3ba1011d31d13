/**
 * Every address a cluster hands out, keyed by what it belongs to: node IPs
 * and pod CIDRs, pod IPs and nodes, ClusterIPs, NodePorts, load balancer and
 * external IPs, endpoints. Two simulations of the same objects must agree
 * on all of it, whatever order the documents came in.
 */
import type { Simulation } from '../api/types'

export function addressesOf(sim: Simulation): Record<string, string> {
  const out: Record<string, string> = {}
  for (const n of sim.nodes) out[`node/${n.name}`] = `${n.ip} ${n.podCIDR}`
  for (const p of sim.pods) out[`pod/${p.namespace}/${p.name}`] = `${p.ip || '-'} on ${p.node || '-'}`
  for (const s of sim.services) {
    const ports = s.ports.map((p) => `${p.name ?? ''}:${p.port}/${p.protocol}->${p.targetPort}${p.nodePort ? ` nodePort ${p.nodePort}` : ''}`).join(',')
    out[`service/${s.namespace}/${s.name}`] = `${s.clusterIP} [${ports}] lb [${s.loadBalancerIngress.join(',')}] ext [${s.externalIPs.join(',')}]`
    const eps = sim.endpoints(s.name, s.namespace)
    const fmt = (list: { ip: string; port: number; portName?: string }[]): string => list.map((e) => `${e.ip}:${e.port}${e.portName ? `(${e.portName})` : ''}`).sort().join(',')
    out[`endpoints/${s.namespace}/${s.name}`] = `ready [${fmt(eps.ready)}] notReady [${fmt(eps.notReady)}]`
  }
  for (const i of sim.ingresses) out[`ingress/${i.namespace}/${i.name}`] = i.addresses.join(',')
  // In key order: the lists above follow the documents, which is the one thing allowed to differ.
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
