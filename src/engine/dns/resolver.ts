/**
 * The stub resolver inside a pod: the /etc/resolv.conf the kubelet asks the
 * container runtime to write (k8s-semantics.md §4.4; K8s
 * pkg/kubelet/network/dns/dns.go GetPodDNS) and glibc's search-list walk
 * (resolv/res_query.c __res_context_search, which getaddrinfo uses too).
 *
 * dnsPolicy (getPodDNSType):
 *  - ClusterFirst (default) and ClusterFirstWithHostNet: `nameserver
 *    10.96.0.10`, `search <ns>.svc.cluster.local svc.cluster.local
 *    cluster.local` (the node has no search domains of its own here),
 *    `options ndots:5`. Queries go to CoreDNS (queryCoreDns).
 *  - Default: the node's resolv.conf. The playground's nodes sit on a docker
 *    network the way minikube and kind nodes do: their resolver is the
 *    network gateway (`<node /24>.1`, 192.168.49.1 by default) with docker's
 *    `options ndots:0` and no search list. That resolver knows nothing of
 *    cluster.local, and without internet it answers NXDOMAIN to everything.
 *  - None: no DNS settings at all (the API server requires a dnsConfig,
 *    which the playground does not read), so nothing is queried.
 *
 * The file is written in containerd's order (search, nameserver, options;
 * containerd parseDNSOptions). The Kubernetes docs and cri-dockerd put the
 * nameserver line first; the lines are the same.
 *
 * The glibc walk: with fewer dots than ndots the search suffixes are tried
 * first, in order, then the name as is; with at least ndots dots the name as
 * is first, then the suffixes; a trailing dot means the name as is, only.
 * The walk stops at the first answer with records (NOERROR and at least one
 * record; a CNAME alone counts, as res_query sees a non-empty answer).
 * NODATA (NOERROR, no records, e.g. `default.svc.cluster.local` which is a
 * namespace) does NOT stop it: glibc's search loop treats NO_DATA like
 * HOST_NOT_FOUND ("On a NO_DATA error, keep trying, otherwise a wildcard
 * entry of another type could keep us from finding this entry higher in the
 * domain"), in every glibc version. When nothing answers, the rcode is the
 * one glibc reports: the as-is query's result if it was tried first, else
 * NODATA (NOERROR, no answers) if any search name gave NODATA, else the last
 * query's result. (musl, in Alpine images, differs: it stops on NODATA and
 * never expands names with ndots or more dots; the playground models glibc.)
 *
 * Not modelled: /etc/hosts (the kubelet-managed file maps localhost and the
 * pod's own hostname before DNS is asked) and an unreachable CoreDNS.
 */
import type { ClusterState, PodState } from '../cluster/state'
import { KUBE_DNS_IP } from '../cluster/serviceAllocation'
import { parseIPv4 } from '../util/ip'
import { queryCoreDns, type DnsAnswer, type DnsQueryType, type DnsRcode } from './coredns'
import { CLUSTER_DOMAIN } from './records'

export interface ResolveResult {
  rcode: DnsRcode
  /** The names queried, in order, without trailing dots, up to the one that answered. */
  tried: string[]
  answers: DnsAnswer[]
}

/** What the pod's /etc/resolv.conf says, parsed. */
export interface ResolverConfig {
  nameservers: string[]
  search: string[]
  options: string[]
  ndots: number
  /** True when the nameserver is CoreDNS (ClusterFirst); false for the node's resolver. */
  clusterDns: boolean
}

/** kubelet defaultDNSOptions. */
const CLUSTER_FIRST_OPTIONS = ['ndots:5']
/** Docker's embedded-DNS option for containers on user-defined networks (libnetwork ResolverOptions). */
const NODE_OPTIONS = ['ndots:0']
const DEFAULT_NODE_GATEWAY = '192.168.49.1'
/** glibc's default when resolv.conf sets no ndots. */
const GLIBC_DEFAULT_NDOTS = 1

/** `namespace/name` or `name` (namespace default). */
function findPod(state: ClusterState, ref: string): PodState | undefined {
  const slash = ref.indexOf('/')
  const namespace = slash >= 0 ? ref.slice(0, slash) : 'default'
  const name = slash >= 0 ? ref.slice(slash + 1) : ref
  return state.pods.find((p) => p.namespace === namespace && p.name === name)
}

/** The docker network gateway the node's resolver points at: the node's /24 with .1. */
function nodeNameserver(state: ClusterState, pod: PodState | undefined): string {
  const node = pod ? state.nodes.find((n) => n.name === pod.node) : undefined
  if (!node || parseIPv4(node.ip) === null) return DEFAULT_NODE_GATEWAY
  return `${node.ip.split('.').slice(0, 3).join('.')}.1`
}

function ndotsOf(options: string[]): number {
  const opt = options.find((o) => o.startsWith('ndots:'))
  return opt ? Math.min(15, Number(opt.slice('ndots:'.length))) : GLIBC_DEFAULT_NDOTS
}

/** GetPodDNS: the resolver settings for a pod (an unknown pod is a ClusterFirst pod in default). */
export function resolverConfig(state: ClusterState, pod: PodState | undefined): ResolverConfig {
  const policy = pod?.spec.dnsPolicy ?? 'ClusterFirst'
  let base: ResolverConfig
  if (policy === 'None') base = { nameservers: [], search: [], options: [], ndots: GLIBC_DEFAULT_NDOTS, clusterDns: false }
  else if (policy === 'Default') {
    base = { nameservers: [nodeNameserver(state, pod)], search: [], options: NODE_OPTIONS, ndots: ndotsOf(NODE_OPTIONS), clusterDns: false }
  } else {
    const namespace = pod?.namespace ?? 'default'
    const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN]
    base = { nameservers: [KUBE_DNS_IP], search, options: CLUSTER_FIRST_OPTIONS, ndots: ndotsOf(CLUSTER_FIRST_OPTIONS), clusterDns: true }
  }
  return withDnsConfig(base, pod?.spec.dnsConfig)
}

/**
 * appendDNSConfig (pkg/kubelet/network/dns): dnsConfig's nameservers and
 * searches are appended (duplicates dropped, at most 3 nameservers), its
 * options replace same-named ones.
 */
function withDnsConfig(base: ResolverConfig, cfg: PodState['spec']['dnsConfig']): ResolverConfig {
  if (!cfg) return base
  const nameservers = [...new Set([...base.nameservers, ...cfg.nameservers])].slice(0, 3)
  const search = [...new Set([...base.search, ...cfg.searches])]
  const byName = new Map(base.options.map((o) => [o.split(':')[0], o]))
  for (const o of cfg.options) byName.set(o.name, o.value !== undefined ? `${o.name}:${o.value}` : o.name)
  const options = [...byName.values()]
  return { ...base, nameservers, search, options, ndots: ndotsOf(options) }
}

/** The /etc/resolv.conf text of a pod (`name` or `namespace/name`), as containerd writes it. */
export function resolvConf(state: ClusterState, pod: string): string {
  const config = resolverConfig(state, findPod(state, pod))
  let text = ''
  if (config.search.length > 0) text += `search ${config.search.join(' ')}\n`
  for (const ns of config.nameservers) text += `nameserver ${ns}\n`
  if (config.options.length > 0) text += `options ${config.options.join(' ')}\n`
  return text
}

/** The names glibc queries for `name`, in order (before any answer stops the walk). */
export function searchCandidates(name: string, config: ResolverConfig): { names: string[]; asIsFirst: boolean } {
  if (name.endsWith('.')) return { names: [name.slice(0, -1)], asIsFirst: true }
  const dots = name.split('.').length - 1
  const names: string[] = []
  const asIsFirst = dots >= config.ndots
  if (asIsFirst) names.push(name)
  for (const domain of config.search) names.push(`${name}.${domain}`)
  if (!asIsFirst) names.push(name)
  return { names, asIsFirst }
}

interface Outcome {
  rcode: DnsRcode
  answers: DnsAnswer[]
}

function ask(state: ClusterState, config: ResolverConfig, name: string, type: DnsQueryType): Outcome {
  if (!config.clusterDns) return { rcode: 'NXDOMAIN', answers: [] }
  const result = queryCoreDns(state, name, type)
  return { rcode: result.rcode, answers: result.answers }
}

/**
 * Resolves `name` from a pod (`name` or `namespace/name`; none or an
 * unknown pod: a ClusterFirst pod in namespace default), the way glibc does.
 */
export function resolve(state: ClusterState, name: string, fromPod?: string, type: DnsQueryType = 'A'): ResolveResult {
  // getaddrinfo does not ask DNS for a numeric address.
  if (type === 'A' && parseIPv4(name) !== null) return { rcode: 'NOERROR', tried: [], answers: [{ name, type: 'A', data: name }] }
  const pod = fromPod === undefined ? undefined : findPod(state, fromPod)
  const config = resolverConfig(state, pod)
  if (config.nameservers.length === 0 || name === '' || name === '.') return { rcode: 'NXDOMAIN', tried: [], answers: [] }
  const { names, asIsFirst } = searchCandidates(name, config)
  const tried: string[] = []
  let first: Outcome | undefined
  let last: Outcome = { rcode: 'NXDOMAIN', answers: [] }
  let gotNodata = false
  for (const [i, candidate] of names.entries()) {
    tried.push(candidate)
    last = ask(state, config, candidate, type)
    if (last.rcode === 'NOERROR' && last.answers.length > 0) return { rcode: 'NOERROR', tried, answers: last.answers }
    const isSearchName = asIsFirst ? i > 0 : i < names.length - 1
    if (asIsFirst && i === 0) first = last
    if (isSearchName && last.rcode === 'NOERROR') gotNodata = true
  }
  if (first) return { rcode: first.rcode, tried, answers: [] }
  return { rcode: gotNodata ? 'NOERROR' : last.rcode, tried, answers: [] }
}
