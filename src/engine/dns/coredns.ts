/**
 * One DNS query answered the way CoreDNS's kubernetes plugin answers it,
 * with kubeadm's Corefile (k8s-semantics.md §4.2):
 *
 *   kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }
 *   forward . /etc/resolv.conf
 *
 * The steps follow the plugin's code: parseRequest (the name grammar),
 * Records/findServices/findPods (the backend entries, `msg.Service`), then
 * plugin.A / plugin.SRV (backend_lookup.go: A dedup, CNAME chasing, SRV
 * weights) and the handler's rcode choice (a name error is NXDOMAIN, no
 * records is NOERROR/NODATA).
 *
 * Names outside cluster.local are not in the zone: `forward` sends them to
 * the node's resolver. The playground has no internet, so an upstream query
 * gets NXDOMAIN and the result says `upstream: true`. The same holds for the
 * target of an ExternalName CNAME outside the zone: the answer is the CNAME
 * alone (the plugin adds whatever upstream returned, here nothing) and
 * `upstream: true`.
 */
import type { ClusterState, ServiceState } from '../cluster/state'
import { parseIPv4 } from '../util/ip'
import {
  CLUSTER_DOMAIN, dnsServiceIP, hasClusterIP, isHeadless, readyEndpointEntries, serviceDomain, srvWeight,
} from './records'

export type DnsQueryType = 'A' | 'SRV'
export type DnsRcode = 'NOERROR' | 'NXDOMAIN'

export interface DnsAnswer {
  /** Owner name, without the trailing dot. */
  name: string
  type: 'A' | 'CNAME' | 'SRV'
  data: string
}

export interface CoreDnsResult {
  rcode: DnsRcode
  answers: DnsAnswer[]
  /** Present when (part of) the query was forwarded to the upstream resolver, which has no answers in the playground. */
  upstream?: true
}

/** parseRequest's view of a name below the zone. */
interface RecordRequest {
  port: string
  protocol: string
  endpoint: string
  service: string
  namespace: string
  /** '' for the apex names (zone, svc.zone, pod.zone). */
  podOrSvc: '' | 'svc' | 'pod'
}

/**
 * One backend result (the plugin's msg.Service): an address or, for an
 * ExternalName, a host name; the port (-1: none declared); the name its
 * key stands for (the SRV target).
 */
interface BackendEntry {
  host: string
  port: number
  target: string
}

type Backend = { ok: true; entries: BackendEntry[] } | { ok: false }

const NAME_ERROR: Backend = { ok: false }
/** The plugin stops following CNAMEs after 8 in a chain. */
const MAX_CNAME_CHAIN = 7

/** Lower-case name without the trailing dot; the plugin matches names case-insensitively. */
function canonical(name: string): string {
  return (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase()
}

function inZone(name: string): boolean {
  return name === CLUSTER_DOMAIN || name.endsWith(`.${CLUSTER_DOMAIN}`)
}

function stripUnderscore(label: string): string {
  return label.startsWith('_') ? label.slice(1) : label
}

/**
 * parseRequest: `_port._proto.service.namespace.(svc|pod).zone`,
 * `endpoint.service.namespace.(svc|pod).zone`, `service.namespace.(svc|pod).zone`
 * and the shorter structural names; more labels, or a label before the
 * zone that is not svc/pod, is an invalid request (NXDOMAIN).
 */
function parseRequest(name: string): RecordRequest | undefined {
  const r: RecordRequest = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' }
  const base = name === CLUSTER_DOMAIN ? '' : name.slice(0, -(CLUSTER_DOMAIN.length + 1))
  if (base === '' || base === 'svc' || base === 'pod') return r
  const segs = base.split('.')
  let last = segs.length - 1
  const kind = segs[last]
  if (kind !== 'svc' && kind !== 'pod') return undefined
  r.podOrSvc = kind
  if (--last < 0) return r
  r.namespace = segs[last]
  if (--last < 0) return r
  r.service = segs[last]
  if (--last < 0) return r
  if (last === 0) r.endpoint = segs[0]
  else if (last === 1) {
    r.protocol = stripUnderscore(segs[1])
    r.port = stripUnderscore(segs[0])
  } else return undefined
  return r
}

function namespaceExists(state: ClusterState, namespace: string): boolean {
  return state.namespaces.some((n) => n.name === namespace)
}

/** matchPortAndProtocol: an empty request field is a wildcard; comparisons ignore case. */
function portMatches(r: RecordRequest, name: string, protocol: string): boolean {
  return (r.port === '' || r.port === name.toLowerCase()) && (r.protocol === '' || r.protocol === protocol.toLowerCase())
}

/** findPods with `pods insecure`: any IP-shaped name in an existing namespace echoes the IP. */
function findPods(state: ClusterState, r: RecordRequest): Backend {
  if (!namespaceExists(state, r.namespace)) return NAME_ERROR
  if (r.service === '') return { ok: true, entries: [] }
  const target = `${r.service}.${r.namespace}.pod.${CLUSTER_DOMAIN}`
  const dashes = r.service.split('-').length - 1
  if (dashes === 3 && !r.service.includes('--')) {
    const ip = r.service.split('-').join('.')
    return parseIPv4(ip) === null ? NAME_ERROR : { ok: true, entries: [{ host: ip, port: 0, target }] }
  }
  // An IPv6-shaped name parses but has no A record: NODATA.
  return isIPv6(r.service.split('-').join(':')) ? { ok: true, entries: [] } : NAME_ERROR
}

function isIPv6(text: string): boolean {
  const halves = text.split('::')
  if (halves.length > 2) return false
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')))
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false
  return halves.length === 2 ? groups.length < 8 : groups.length === 8
}

/** findServices: ExternalName, endpoint/headless and ClusterIP paths. */
function findServices(state: ClusterState, r: RecordRequest): Backend {
  if (!namespaceExists(state, r.namespace)) return NAME_ERROR
  if (r.service === '') return { ok: true, entries: [] }
  const svc = state.services.find((s) => s.obj.meta.namespace === r.namespace && s.obj.meta.name === r.service)
  if (!svc) return NAME_ERROR
  const domain = serviceDomain(svc.obj.meta.namespace, svc.obj.meta.name)
  if (svc.obj.type === 'ExternalName') {
    // Names below an ExternalName service do not exist; an IP-looking externalName is no CNAME.
    const host = svc.obj.externalName ?? ''
    if (r.endpoint !== '' || host === '' || parseIPv4(host) !== null) return NAME_ERROR
    return { ok: true, entries: [{ host, port: 0, target: domain }] }
  }
  if (isHeadless(svc) || r.endpoint !== '') return endpointEntries(state, svc, r, domain)
  if (!hasClusterIP(svc)) return NAME_ERROR
  const entries = svc.ports
    .filter((p) => portMatches(r, p.name ?? '', p.protocol))
    .map((p) => ({ host: svc.clusterIP, port: p.port, target: domain }))
  return entries.length === 0 ? NAME_ERROR : { ok: true, entries }
}

/** Ready endpoints only; an endpoint label must equal the endpoint's hostname (or dashed IP). */
function endpointEntries(state: ClusterState, svc: ServiceState, r: RecordRequest, domain: string): Backend {
  const entries: BackendEntry[] = []
  for (const e of readyEndpointEntries(state, svc)) {
    if (r.endpoint !== '' && r.endpoint !== e.hostname.toLowerCase()) continue
    if (!portMatches(r, e.portName, e.protocol)) continue
    entries.push({ host: e.ip, port: e.port, target: `${e.hostname}.${domain}` })
  }
  return entries.length === 0 ? NAME_ERROR : { ok: true, entries }
}

/** Kubernetes.Services for a name in the zone: the special names first, then Records. */
function services(state: ClusterState, name: string, qtype: DnsQueryType): Backend {
  if (name === `ns.dns.${CLUSTER_DOMAIN}`) {
    // isDefaultNS: the DNS Service's own address, for A queries only.
    const ip = dnsServiceIP(state)
    return { ok: true, entries: qtype === 'A' && ip ? [{ host: ip, port: 0, target: name }] : [] }
  }
  const r = parseRequest(name)
  if (!r) return NAME_ERROR
  if (r.podOrSvc === '') return { ok: true, entries: [] }
  if (!namespaceExists(state, r.namespace)) return NAME_ERROR
  const found = r.podOrSvc === 'pod' ? findPods(state, r) : findServices(state, r)
  // SRV for ExternalName services is not implemented in the plugin: CNAME entries are dropped.
  if (found.ok && qtype === 'SRV') return { ok: true, entries: found.entries.filter((e) => parseIPv4(e.host) !== null) }
  return found
}

interface Lookup {
  nameError: boolean
  records: DnsAnswer[]
  upstream: boolean
}

/** plugin.A: one A per distinct address; a CNAME is chased inside the zone or sent upstream. */
function lookupA(state: ClusterState, qname: string, previous: DnsAnswer[]): Lookup {
  const backend = services(state, canonical(qname), 'A')
  if (!backend.ok) return { nameError: true, records: [], upstream: false }
  const records: DnsAnswer[] = []
  const seen = new Set<string>()
  let upstream = false
  for (const entry of backend.entries) {
    if (parseIPv4(entry.host) !== null) {
      if (seen.has(entry.host)) continue
      seen.add(entry.host)
      records.push({ name: qname, type: 'A', data: entry.host })
      continue
    }
    const target = canonical(entry.host)
    if (target === canonical(qname)) continue // x CNAME x is a direct loop
    if (previous.length > MAX_CNAME_CHAIN) continue
    const cname: DnsAnswer = { name: qname, type: 'CNAME', data: entry.host }
    // dnsutil.DuplicateCNAME: a CNAME to a target already in the chain is dropped.
    if (previous.some((p) => p.type === 'CNAME' && canonical(p.data) === target)) continue
    if (inZone(target)) {
      const next = lookupA(state, entry.host, [...previous, cname])
      if (!next.nameError && next.records.length > 0) records.push(cname, ...next.records)
      upstream = upstream || next.upstream
      continue
    }
    // Outside the zone: the plugin asks upstream and adds the CNAME with whatever came back (nothing here).
    records.push(cname)
    upstream = true
  }
  return { nameError: false, records, upstream }
}

/** plugin.SRV: weights over every backend entry, records deduplicated by (target, port), portless entries skipped. */
function lookupSRV(state: ClusterState, qname: string): Lookup {
  const backend = services(state, canonical(qname), 'SRV')
  if (!backend.ok) return { nameError: true, records: [], upstream: false }
  const weight = srvWeight(backend.entries.length)
  const records: DnsAnswer[] = []
  const seen = new Set<string>()
  for (const entry of backend.entries) {
    if (entry.port === -1) continue
    const key = `${entry.target}|${entry.port}`
    if (seen.has(key)) continue
    seen.add(key)
    records.push({ name: qname, type: 'SRV', data: `0 ${weight} ${entry.port} ${entry.target}` })
  }
  return { nameError: false, records, upstream: false }
}

/** dnsutil.Dedup: identical records appear once. */
function dedup(records: DnsAnswer[]): DnsAnswer[] {
  const seen = new Set<string>()
  return records.filter((r) => {
    const key = `${r.name.toLowerCase()}|${r.type}|${r.data.toLowerCase()}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * Answers one query sent to CoreDNS (10.96.0.10). `qname` may carry a
 * trailing dot; answer names never do and keep the query's spelling.
 */
export function queryCoreDns(state: ClusterState, qname: string, qtype: DnsQueryType): CoreDnsResult {
  const asked = qname.endsWith('.') ? qname.slice(0, -1) : qname
  if (!inZone(canonical(asked))) return { rcode: 'NXDOMAIN', answers: [], upstream: true }
  const found = qtype === 'A' ? lookupA(state, asked, []) : lookupSRV(state, asked)
  const result: CoreDnsResult = found.nameError
    ? { rcode: 'NXDOMAIN', answers: [] }
    : { rcode: 'NOERROR', answers: dedup(found.records) }
  if (found.upstream) result.upstream = true
  return result
}
