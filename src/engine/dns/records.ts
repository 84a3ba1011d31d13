/**
 * The records CoreDNS serves for the cluster, as kubeadm configures it
 * (k8s-semantics.md §4.1, §4.2): zone cluster.local, `pods insecure`,
 * `ttl 30`. Used by the DNS inspector table; `queryCoreDns` (coredns.ts)
 * answers single queries from the same cluster state and agrees with it.
 *
 * Besides the records of the DNS specification (Service A, headless A per
 * ready endpoint, SRV per named port, ExternalName CNAME, ClusterIP PTR,
 * dns-version TXT) the table lists what the CoreDNS kubernetes plugin serves
 * on top of it, because a pod can look these names up too:
 *  - `<endpoint>.<svc>.<ns>.svc.cluster.local` for the ready endpoints of
 *    ClusterIP Services as well (findServices takes the endpoint path for
 *    any query with an endpoint label, not only for headless Services);
 *  - PTR records for ready endpoint addresses (serviceRecordForIP falls back
 *    to the endpoints when no ClusterIP matches);
 *  - `<a>-<b>-<c>-<d>.<ns>.pod.cluster.local` for every pod with an IP
 *    (`pods insecure` answers any IP-shaped name; the table lists the
 *    pods that exist);
 *  - `ns.dns.cluster.local`, the address of the DNS Service itself.
 */
import type { Ep } from '../api/types'
import type { ClusterState, ServiceState } from '../cluster/state'
import { parseIPv4 } from '../util/ip'

export const CLUSTER_DOMAIN = 'cluster.local'
/** kubeadm's Corefile: `ttl 30` (the plugin's own default is 5). */
export const DNS_TTL = 30
/** DNSSchemaVersion of the kubernetes plugin, served as TXT with a fixed TTL of 28800. */
export const DNS_SCHEMA_VERSION = '1.1.0'
export const DNS_VERSION_TTL = 28800

export type DnsRecordType = 'A' | 'CNAME' | 'SRV' | 'PTR' | 'TXT'

export interface DnsRecord {
  /** Owner name, without the trailing dot. */
  name: string
  type: DnsRecordType
  /** A: the address; CNAME/PTR: the target name; SRV: `0 <weight> <port> <target>`; TXT: the text. */
  data: string
  ttl: number
}

/** `<svc>.<ns>.svc.cluster.local` */
export function serviceDomain(namespace: string, name: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`
}

/** True for a Service with an allocated IPv4 ClusterIP (not headless, not ExternalName). */
export function hasClusterIP(svc: ServiceState): boolean {
  return parseIPv4(svc.clusterIP) !== null
}

export function isHeadless(svc: ServiceState): boolean {
  return svc.obj.type !== 'ExternalName' && svc.clusterIP === 'None'
}

/**
 * endpointHostname: the endpoint's hostname field, else the IP with `.`
 * turned into `-` (CoreDNS's `endpoint_pod_names` option, which would use
 * the pod name, is not in kubeadm's Corefile).
 */
export function endpointHostname(ep: Ep): string {
  return ep.hostname ? ep.hostname : ep.ip.split('.').join('-')
}

/**
 * One ready address and port of a Service, as CoreDNS reads it from the
 * EndpointSlices: a portless address gets the plugin's sentinel port -1
 * with an empty name and protocol.
 */
export interface EndpointPortEntry {
  ip: string
  hostname: string
  port: number
  portName: string
  protocol: string
}

/** The ready endpoints of a Service (the only ones CoreDNS publishes), one entry per address and port. */
export function readyEndpointEntries(state: ClusterState, svc: ServiceState): EndpointPortEntry[] {
  const view = state.endpoints.get(`${svc.obj.meta.namespace}/${svc.obj.meta.name}`)
  if (!view) return []
  return view.ready.map((ep) => {
    if (ep.port === 0) return { ip: ep.ip, hostname: endpointHostname(ep), port: -1, portName: '', protocol: '' }
    const portName = ep.portName ?? ''
    const servicePort = svc.ports.find((p) => (p.name ?? '') === portName)
    return { ip: ep.ip, hostname: endpointHostname(ep), port: ep.port, portName, protocol: servicePort?.protocol ?? 'TCP' }
  })
}

/**
 * The SRV weight CoreDNS gives every record of one answer (plugin.SRV):
 * all records have priority 0 and weight 0, so each gets
 * floor(100 / (100 * n) * 100) with n the number of backend entries
 * (counted before duplicate targets are dropped), at least 1.
 */
export function srvWeight(entries: number): number {
  const weight = Math.floor((100 / (100 * entries)) * 100)
  return weight === 0 ? 1 : weight
}

/** `d.c.b.a.in-addr.arpa` for an IPv4 address. */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`
}

function compareServices(a: ServiceState, b: ServiceState): number {
  const ka = `${a.obj.meta.namespace}/${a.obj.meta.name}`
  const kb = `${b.obj.meta.namespace}/${b.obj.meta.name}`
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

function record(name: string, type: DnsRecordType, data: string): DnsRecord {
  return { name, type, data, ttl: DNS_TTL }
}

/** A records for each distinct (hostname, address) pair, in endpoint order. */
function endpointARecords(svcName: string, entries: EndpointPortEntry[]): DnsRecord[] {
  const out: DnsRecord[] = []
  const seen = new Set<string>()
  for (const e of entries) {
    const key = `${e.hostname}|${e.ip}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(record(`${e.hostname}.${svcName}`, 'A', e.ip))
  }
  return out
}

/** SRV records of `_<port>._<proto>.<svc>...` for a headless Service: one per ready endpoint with that port. */
function headlessSrvRecords(svcName: string, svc: ServiceState, entries: EndpointPortEntry[]): DnsRecord[] {
  const out: DnsRecord[] = []
  for (const port of svc.ports) {
    if (!port.name) continue
    const matching = entries.filter((e) => e.portName.toLowerCase() === port.name!.toLowerCase() && e.protocol.toLowerCase() === port.protocol.toLowerCase())
    if (matching.length === 0) continue
    const weight = srvWeight(matching.length)
    const seen = new Set<string>()
    for (const e of matching) {
      const target = `${e.hostname}.${svcName}`
      if (seen.has(`${target}|${e.port}`)) continue
      seen.add(`${target}|${e.port}`)
      out.push(record(`_${port.name}._${port.protocol.toLowerCase()}.${svcName}`, 'SRV', `0 ${weight} ${e.port} ${target}`))
    }
  }
  return out
}

function serviceRecords(state: ClusterState, svc: ServiceState): DnsRecord[] {
  const name = serviceDomain(svc.obj.meta.namespace, svc.obj.meta.name)
  if (svc.obj.type === 'ExternalName') {
    const target = svc.obj.externalName ?? ''
    // An IP-looking externalName is not a CNAME target: the plugin serves nothing for it.
    if (target === '' || parseIPv4(target) !== null) return []
    return [record(name, 'CNAME', target)]
  }
  const entries = readyEndpointEntries(state, svc)
  if (isHeadless(svc)) {
    const out: DnsRecord[] = []
    const ips = new Set<string>()
    for (const e of entries) {
      if (ips.has(e.ip)) continue
      ips.add(e.ip)
      out.push(record(name, 'A', e.ip))
    }
    return [...out, ...endpointARecords(name, entries), ...headlessSrvRecords(name, svc, entries)]
  }
  if (!hasClusterIP(svc)) return []
  const out: DnsRecord[] = [record(name, 'A', svc.clusterIP)]
  out.push(...endpointARecords(name, entries))
  for (const port of svc.ports) {
    if (!port.name) continue
    out.push(record(`_${port.name}._${port.protocol.toLowerCase()}.${name}`, 'SRV', `0 ${srvWeight(1)} ${port.port} ${name}`))
  }
  return out
}

/** PTR records: ClusterIPs first; an address that is no ClusterIP points at its endpoint names. */
function ptrRecords(state: ClusterState, services: ServiceState[]): DnsRecord[] {
  const byIP = new Map<string, string[]>()
  const add = (ip: string, target: string): void => {
    const list = byIP.get(ip) ?? []
    if (!list.includes(target)) list.push(target)
    byIP.set(ip, list)
  }
  const clusterIPs = new Set<string>()
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue
    clusterIPs.add(svc.clusterIP)
    if (!byIP.has(svc.clusterIP)) add(svc.clusterIP, serviceDomain(svc.obj.meta.namespace, svc.obj.meta.name))
  }
  for (const svc of services) {
    if (svc.obj.type === 'ExternalName') continue
    const name = serviceDomain(svc.obj.meta.namespace, svc.obj.meta.name)
    for (const e of readyEndpointEntries(state, svc)) {
      if (!clusterIPs.has(e.ip)) add(e.ip, `${e.hostname}.${name}`)
    }
  }
  const ips = [...byIP.keys()].sort((a, b) => (parseIPv4(a) ?? 0) - (parseIPv4(b) ?? 0))
  return ips.flatMap((ip) => byIP.get(ip)!.map((target) => record(reverseName(ip), 'PTR', target)))
}

/** Pod A records under `pods insecure`: `<ip-with-dashes>.<ns>.pod.cluster.local` for every pod with an IP. */
function podRecords(state: ClusterState): DnsRecord[] {
  const pods = state.pods.filter((p) => p.ip !== '')
  const sorted = [...pods].sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : (parseIPv4(a.ip) ?? 0) - (parseIPv4(b.ip) ?? 0)))
  const out: DnsRecord[] = []
  const seen = new Set<string>()
  for (const p of sorted) {
    const name = `${p.ip.split('.').join('-')}.${p.namespace}.pod.${CLUSTER_DOMAIN}`
    if (seen.has(name)) continue
    seen.add(name)
    out.push(record(name, 'A', p.ip))
  }
  return out
}

/** The DNS Service's own address, served at `ns.dns.cluster.local` (the plugin's nsAddrs). */
export function dnsServiceIP(state: ClusterState): string | undefined {
  const svc = state.services.find((s) => s.obj.meta.namespace === 'kube-system' && s.obj.meta.name === 'kube-dns')
  return svc && hasClusterIP(svc) ? svc.clusterIP : undefined
}

/**
 * Every record CoreDNS serves for this cluster, in a stable order:
 * the dns-version TXT, ns.dns, then per Service (sorted by namespace and
 * name) its A/CNAME, endpoint A and SRV records, then pod records, then PTRs
 * sorted by address. Names carry no trailing dot.
 */
export function buildDnsRecords(state: ClusterState): DnsRecord[] {
  const out: DnsRecord[] = [{ name: `dns-version.${CLUSTER_DOMAIN}`, type: 'TXT', data: DNS_SCHEMA_VERSION, ttl: DNS_VERSION_TTL }]
  const dnsIP = dnsServiceIP(state)
  if (dnsIP) out.push(record(`ns.dns.${CLUSTER_DOMAIN}`, 'A', dnsIP))
  const services = [...state.services].sort(compareServices)
  for (const svc of services) out.push(...serviceRecords(state, svc))
  out.push(...podRecords(state))
  out.push(...ptrRecords(state, services))
  return out
}
