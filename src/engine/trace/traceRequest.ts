/**
 * One request, start to end: who sends it, the DNS lookup, where the first
 * packet enters the cluster (a pod's node, a node, a load balancer, a
 * NodePort), what each node's kernel does with it, and, when it reaches the
 * ingress controller, the L7 routing and the second connection to the
 * backend pod. Returns plain-data steps and the outcome.
 */
import type { DnsResult, Outcome, RequestSpec, Trace, TraceStep } from '../api/types'
import type { NodeState, PodState, ServiceState } from '../cluster/state'
import { INGRESS_NAMESPACE } from '../cluster/builtins'
import { parseIPv4 } from '../util/ip'
import { carry, hp, type Delivery, type Network } from './network'
import type { Packet } from './netfilter'
import { chooseEndpoint, hostMatches, matchIngress, servedIngresses } from './ingressRouting'
import { ephemeralPort, nextRoundRobin, type TrafficState } from './trafficState'
import { DEFAULT_POOL } from '../cluster/loadBalancers'
import { electedSpeaker, lbCandidateNodes } from './metallb'

export const DEFAULT_CLIENT_IP = '203.0.113.10'
export const KUBE_DNS = '10.96.0.10'

export interface TraceContext {
  net: Network
  traffic: TrafficState
  resolve(name: string, fromPod: string | undefined, type: 'A' | 'SRV'): DnsResult
}

type Source =
  | { kind: 'pod'; pod: PodState; node: NodeState; ip: string; at: string }
  | { kind: 'node'; node: NodeState; ip: string; at: string }
  | { kind: 'external'; ip: string; at: string }

export interface ParsedUrl {
  scheme: 'http' | 'https'
  host: string
  port: number
  path: string
}

export function parseUrl(text: string): ParsedUrl | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d{1,5}))?([^?#\s]*)?(?:[?#].*)?$/i.exec(text.trim())
  if (!m) return undefined
  const scheme = (m[1]?.toLowerCase() ?? 'http') as 'http' | 'https'
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80
  if (port < 1 || port > 65535) return undefined
  return { scheme, host: m[2].toLowerCase().replace(/\.$/, m[2].endsWith('.') ? '.' : ''), port, path: m[4] || '/' }
}

function findSource(ctx: TraceContext, from: string, clientIP?: string): Source | string {
  const state = ctx.net.state
  if (from === 'external') {
    const ip = clientIP ?? DEFAULT_CLIENT_IP
    if (parseIPv4(ip) === null) return `clientIP ${ip} is not an IPv4 address`
    return { kind: 'external', ip, at: 'external' }
  }
  const [kind, ...rest] = from.split('/')
  if (kind === 'pod') {
    const [namespace, name] = rest.length === 1 ? ['default', rest[0]] : [rest[0], rest[1]]
    const pod = state.pods.find((p) => p.namespace === namespace && p.name === name)
    if (!pod) return `pod "${name}" not found in namespace ${namespace}`
    const node = ctx.net.nodeByName(pod.node)
    if (!node || !pod.ip || pod.phase !== 'Running') return `pod ${namespace}/${name} is not running (${pod.phase})`
    return { kind: 'pod', pod, node, ip: pod.ip, at: `pod/${namespace}/${name}` }
  }
  if (kind === 'node') {
    const node = ctx.net.nodeByName(rest.join('/'))
    if (!node) return `node "${rest.join('/')}" not found`
    return { kind: 'node', node, ip: node.ip, at: `node/${node.name}` }
  }
  return `unknown source "${from}": use pod/<name>, pod/<namespace>/<name>, node/<name> or external`
}


/** The ingress controller's address, as an /etc/hosts line on the client would give it. */
function ingressAddressFor(ctx: TraceContext, host: string): string | undefined {
  const served = servedIngresses(ctx.net.state)
  const ing = served.find((i) => i.rules.some((r) => r.host && hostMatches(r.host, host)))
  return ing?.statusAddresses.find((a) => parseIPv4(a) !== null)
}

function lookup(ctx: TraceContext, src: Source, url: ParsedUrl, steps: TraceStep[]): { ip: string } | { outcome: Outcome } {
  if (parseIPv4(url.host) !== null) return { ip: url.host }
  const dnsPacket = { src: hp(src.ip, ephemeralPort(ctx.traffic)), dst: `${KUBE_DNS}:53` }
  if (src.kind === 'external') {
    const ip = ingressAddressFor(ctx, url.host)
    if (ip) {
      steps.push({ kind: 'dns', at: 'external', text: `${url.host} → ${ip}: the client's /etc/hosts points the Ingress host at the ingress controller's address`, packet: undefined })
      return { ip }
    }
    steps.push({ kind: 'dns', at: 'external', text: `${url.host}: public DNS knows no such name (cluster names resolve only inside the cluster)` })
    return { outcome: { status: 'failed', reason: 'NXDOMAIN', message: `Could not resolve host: ${url.host}` } }
  }
  if (src.kind === 'node') {
    steps.push({ kind: 'dns', at: src.at, text: `${url.host}: the node resolves with its own /etc/resolv.conf, not CoreDNS, so cluster names do not resolve there` })
    return { outcome: { status: 'failed', reason: 'NXDOMAIN', message: `Could not resolve host: ${url.host}` } }
  }
  const podRef = `${src.pod.namespace}/${src.pod.name}`
  const result = ctx.resolve(url.host, podRef, 'A')
  const tried = result.tried.join(', ')
  if (result.rcode === 'NXDOMAIN' || result.answers.length === 0) {
    steps.push({ kind: 'dns', at: 'coredns', text: `CoreDNS: ${url.host} not found (tried ${tried})`, packet: dnsPacket })
    return { outcome: { status: 'failed', reason: 'NXDOMAIN', message: `Could not resolve host: ${url.host}` } }
  }
  const a = result.answers.filter((x) => x.type === 'A')
  const cname = result.answers.find((x) => x.type === 'CNAME')
  if (a.length === 0 && cname) {
    steps.push({ kind: 'dns', at: 'coredns', text: `CoreDNS: ${cname.name} is a CNAME for ${cname.data} (an ExternalName Service): the client looks that name up outside the cluster`, packet: dnsPacket })
    return { outcome: { status: 'left-cluster', host: cname.data, port: url.port } }
  }
  // CoreDNS's loadbalance plugin shuffles A records; the client takes the first.
  const pick = a.length > 1 ? a[ctx.traffic.rng.int(a.length)] : a[0]
  const answered = result.tried[result.tried.length - 1]
  steps.push({
    kind: 'dns', at: 'coredns',
    text: `CoreDNS: ${url.host} → ${answered}${cname ? ` (CNAME ${cname.data})` : ''} → ${a.map((x) => x.data).join(', ')}${result.tried.length > 1 ? ` (tried ${tried})` : ''}${a.length > 1 ? `; the client uses ${pick.data}` : ''}`,
    packet: dnsPacket,
  })
  return { ip: pick.data }
}

function lbServiceFor(ctx: TraceContext, ip: string): ServiceState | undefined {
  return ctx.net.state.services.find((s) => s.loadBalancerIPs.includes(ip))
}

/** Where an external client's packet enters the cluster, and what the load balancer did to it. */
function externalEntry(ctx: TraceContext, pkt: Packet, steps: TraceStep[]): NodeState | Delivery {
  const state = ctx.net.state
  const node = ctx.net.nodeByIP(pkt.dst)
  if (node) return node
  const lb = lbServiceFor(ctx, pkt.dst)
  if (lb) {
    const at = `loadbalancer/${lb.obj.meta.namespace}/${lb.obj.meta.name}`
    const local = lb.obj.externalTrafficPolicy === 'Local'
    const port = lb.ports.find((p) => p.port === pkt.dport && p.protocol.toLowerCase() === pkt.proto)
    const cloud = lb.loadBalancerPool === DEFAULT_POOL.name && !!port?.nodePort
    // MetalLB announces an address only while the Service has a ready endpoint (ShouldAnnounce).
    const anyReady = (state.endpoints.get(`${lb.obj.meta.namespace}/${lb.obj.meta.name}`)?.ready.length ?? 0) > 0
    const candidates = !cloud && !anyReady ? [] : lbCandidateNodes(state, lb)
    if (candidates.length === 0 && !cloud && !anyReady) {
      steps.push({ kind: 'drop', at, text: `${lb.obj.meta.name} has no ready endpoint, so no MetalLB speaker announces ${pkt.dst}: nobody answers ARP for it and the connection times out`, packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) } })
      return { status: 'failed', reason: 'TIMEOUT', message: `connect to ${hp(pkt.dst, pkt.dport)} timed out: the address is not announced` }
    }
    if (candidates.length === 0) {
      steps.push({ kind: 'drop', at, text: `no node has a ready endpoint of ${lb.obj.meta.name} (externalTrafficPolicy: Local), so no node takes traffic for ${pkt.dst}: the connection times out`, packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) } })
      return { status: 'failed', reason: 'TIMEOUT', message: `connect to ${hp(pkt.dst, pkt.dport)} timed out` }
    }
    if (cloud && port?.nodePort) {
      // A cloud load balancer: it forwards to a healthy node's NodePort, keeping the client address.
      const target = candidates[nextRoundRobin(ctx.traffic, `cloud-lb/${pkt.dst}`, candidates.length)]
      steps.push({
        kind: 'loadbalancer', at,
        text: `the cloud load balancer ${hp(pkt.dst, pkt.dport)} forwards to ${target.name}'s NodePort ${hp(target.ip, port.nodePort)}${local ? ' (only nodes that pass the health check: those with a local endpoint)' : ''}`,
        packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) },
      })
      pkt.dst = target.ip
      pkt.dport = port.nodePort
      return target
    }
    // MetalLB in L2 mode: one elected node answers ARP for the address; the packet keeps its destination.
    const elected = electedSpeaker(state, lb, pkt.dst) ?? candidates[0]
    steps.push({
      kind: 'loadbalancer', at,
      text: `MetalLB (L2): ${elected.name} answers ARP for ${pkt.dst}, so the packet arrives there unchanged${local ? ' (with externalTrafficPolicy: Local only nodes with a ready endpoint are elected)' : ''}`,
      packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) },
    })
    return elected
  }
  const ext = state.services.find((s) => s.obj.externalIPs.includes(pkt.dst))
  if (ext) {
    const target = state.nodes.filter((n) => n.ready)[0]
    if (target) {
      steps.push({ kind: 'route', at: `node/${target.name}`, text: `the network routes the external IP ${pkt.dst} to ${target.name} (Kubernetes does not announce external IPs; an administrator routes them to a node)`, packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) } })
      return target
    }
  }
  steps.push({
    kind: 'drop', at: 'external',
    text: `${pkt.dst} is not reachable from outside the cluster (ClusterIPs and pod IPs exist only inside it): the connection times out`,
    packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) },
  })
  return { status: 'failed', reason: 'TIMEOUT', message: `connect to ${hp(pkt.dst, pkt.dport)} timed out: no route to it from outside the cluster` }
}

function isIngressController(pod: PodState): boolean {
  return pod.namespace === INGRESS_NAMESPACE || pod.labels['app.kubernetes.io/name'] === 'ingress-nginx'
}

/** The ingress controller got the request: route it by Host and path, then connect to the backend pod. */
function ingressHop(ctx: TraceContext, controller: PodState, url: ParsedUrl, req: RequestSpec, steps: TraceStep[]): Outcome {
  const state = ctx.net.state
  const headers = req.headers ?? {}
  const host = (headers.Host ?? headers.host ?? url.host).toLowerCase().replace(/:\d+$/, '')
  const match = matchIngress(servedIngresses(state), host, url.path)
  const at = match ? `ingress/${match.ingress.meta.namespace}/${match.ingress.meta.name}` : `pod/${controller.namespace}/${controller.name}`
  if (!match) {
    steps.push({ kind: 'reject', at, text: `ingress-nginx: no Ingress rule for Host ${host} and path ${url.path}; the default backend answers 404 Not Found` })
    return { status: 'failed', reason: 'HTTP_404', message: `404 Not Found: no Ingress rule matches host ${host} and path ${url.path}` }
  }
  const choice = chooseEndpoint(state, ctx.traffic, match.ingress, match.backend, headers)
  const ruleText = match.defaultBackend ? 'the Ingress default backend' : `rule ${match.host || '*'} ${match.path?.pathType} ${match.path?.path}`
  const backendText = match.backend.service ? `${match.backend.service.name}:${match.backend.service.port.number ?? match.backend.service.port.name}` : 'a resource backend'
  if (choice.externalName) {
    steps.push({ kind: 'ingress', at, text: `ingress-nginx: Host ${host} path ${url.path} matches ${ruleText} → ${backendText}, an ExternalName Service: nginx proxies the request to ${choice.externalName.host}:${choice.externalName.port}, outside the cluster` })
    return { status: 'left-cluster', host: choice.externalName.host, port: choice.externalName.port }
  }
  if (choice.clusterIP) {
    const node = ctx.net.nodeByName(controller.node)!
    const pkt: Packet = { src: controller.ip, sport: ephemeralPort(ctx.traffic), dst: choice.clusterIP.ip, dport: choice.clusterIP.port, proto: 'tcp', mark: 0 }
    steps.push({ kind: 'ingress', at, text: `ingress-nginx: Host ${host} path ${url.path} matches ${ruleText} → ${backendText}; with service-upstream it connects to the ClusterIP ${hp(pkt.dst, pkt.dport)}, so kube-proxy picks the pod` })
    steps.push({ kind: 'send', at: `pod/${controller.namespace}/${controller.name}`, text: `the controller opens a new connection from ${hp(pkt.src, pkt.sport)} to ${hp(pkt.dst, pkt.dport)}`, packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) } })
    return carry({ net: ctx.net, traffic: ctx.traffic, steps }, pkt, node, 'pod')
  }
  if (!choice.endpoint) {
    steps.push({ kind: 'reject', at, text: `ingress-nginx: Host ${host} path ${url.path} matches ${ruleText} → ${backendText}, but ${choice.why}: 503 Service Temporarily Unavailable` })
    return { status: 'failed', reason: 'HTTP_503', message: `503 Service Temporarily Unavailable: ${choice.why}` }
  }
  const ep = choice.endpoint
  steps.push({
    kind: 'ingress', at,
    text: `ingress-nginx: Host ${host} path ${url.path} matches ${ruleText} → ${backendText}; it connects straight to the endpoint ${hp(ep.ip, ep.port)} (${choice.how}), not through the ClusterIP${choice.setCookie ? `; the response sets the cookie ${choice.setCookie}` : ''}`,
  })
  const node = ctx.net.nodeByName(controller.node)!
  const pkt: Packet = { src: controller.ip, sport: ephemeralPort(ctx.traffic), dst: ep.ip, dport: ep.port, proto: 'tcp', mark: 0 }
  steps.push({ kind: 'send', at: `pod/${controller.namespace}/${controller.name}`, text: `the controller opens a new connection from ${hp(pkt.src, pkt.sport)} to ${hp(pkt.dst, pkt.dport)}`, packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) } })
  return carry({ net: ctx.net, traffic: ctx.traffic, steps }, pkt, node, 'pod')
}

export function traceRequest(ctx: TraceContext, req: RequestSpec): Trace {
  const steps: TraceStep[] = []
  const fail = (message: string): Trace => ({ steps, outcome: { status: 'failed', reason: 'INVALID_REQUEST', message } })
  ctx.traffic.now += 1
  const src = findSource(ctx, req.from, req.clientIP)
  if (typeof src === 'string') return fail(src)
  const url = parseUrl(req.url)
  if (!url) return fail(`cannot read the URL "${req.url}"`)

  const looked = lookup(ctx, src, url, steps)
  if ('outcome' in looked) return { steps, outcome: looked.outcome }
  const pkt: Packet = { src: src.ip, sport: ephemeralPort(ctx.traffic), dst: looked.ip, dport: url.port, proto: 'tcp', mark: 0 }
  steps.push({
    kind: 'send', at: src.at,
    text: `${src.kind === 'pod' ? src.pod.name : src.kind === 'node' ? src.node.name : 'the external client'} opens a TCP connection from ${hp(pkt.src, pkt.sport)} to ${hp(pkt.dst, pkt.dport)}`,
    packet: { src: hp(pkt.src, pkt.sport), dst: hp(pkt.dst, pkt.dport) },
  })

  let delivery: Delivery
  const carryOptions = { net: ctx.net, traffic: ctx.traffic, steps }
  if (src.kind === 'pod') {
    // A pod reaching a pod on its own node still passes the node (routed CNI: the veth's other end).
    delivery = carry(carryOptions, pkt, src.node, 'pod')
  } else if (src.kind === 'node') {
    delivery = carry(carryOptions, pkt, src.node, 'local')
  } else {
    const entry = externalEntry(ctx, pkt, steps)
    delivery = 'status' in entry ? entry : carry(carryOptions, pkt, entry, 'wire')
  }
  if (delivery.status === 'delivered') {
    const pod = ctx.net.state.pods.find((p) => p.namespace === delivery.namespace && p.name === delivery.pod)
    if (pod && isIngressController(pod) && (delivery.port === 80 || delivery.port === 443)) {
      return { steps, outcome: ingressHop(ctx, pod, url, req, steps) }
    }
  }
  return { steps, outcome: delivery }
}

