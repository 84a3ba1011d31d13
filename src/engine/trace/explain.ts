/**
 * "Why did this fail?": reads a traced request against the cluster and says,
 * in plain words, what went wrong and what to change. One entry per cause;
 * empty when there is nothing to say. Also speaks up for successes that
 * surprise people: an ExternalName Service that sends the client out of the
 * cluster, and the client address lost to SNAT under
 * externalTrafficPolicy: Cluster (k8s-semantics.md §3.9).
 */
import type { Explanation, RequestSpec, Trace } from '../api/types'
import type { ClusterState, ServiceState } from '../cluster/state'
import { inServiceCidr } from '../cluster/serviceAllocation'
import { isHeadless, hasClusterIP } from '../dns/records'
import { resolverConfig } from '../dns/resolver'
import { hostMatches, matchIngress, servedIngresses } from './ingressRouting'
import { aimOf, portList, servicePortOf, sourceOf, whyNoEndpoints, type Aim, type Source } from './explainTarget'
import { parseUrl, DEFAULT_CLIENT_IP } from './traceRequest'
import { editDistance } from '../util/strings'

/** How a client outside the cluster can reach this Service, if it can. */
function outsideFix(state: ClusterState, svc: ServiceState | undefined): string {
  if (!svc) return 'Expose the pods with a Service of type NodePort or LoadBalancer, or an Ingress.'
  const lb = svc.loadBalancerIPs[0]
  if (lb) return `Use the load balancer address: http://${lb}:${svc.ports[0]?.port ?? 80}.`
  const np = svc.ports.find((p) => p.nodePort)
  const node = state.nodes.find((n) => n.ready && !n.roles.includes('control-plane')) ?? state.nodes[0]
  if (np && node) return `Use a node address and the NodePort: http://${node.ip}:${np.nodePort}.`
  return `Expose ${svc.obj.meta.name} with type: NodePort or LoadBalancer, or route to it with an Ingress.`
}

/** The Host the ingress controller sees and the path. */
function l7(req: RequestSpec): { host: string; path: string } {
  const url = parseUrl(req.url)
  const headers = req.headers ?? {}
  const host = (headers.Host ?? headers.host ?? url?.host ?? '').toLowerCase().replace(/:\d+$/, '')
  return { host, path: url?.path ?? '/' }
}

function nxdomain(state: ClusterState, req: RequestSpec, source: Source): Explanation[] {
  const host = (parseUrl(req.url)?.host ?? req.url).replace(/\.$/, '')
  const labels = host.split('.')
  const name = labels[0]
  const nsGiven = labels[1] && labels[1] !== 'svc' ? labels[1] : undefined
  const named = state.services.filter((s) => s.obj.meta.name === name)
  if (source.kind === 'node') {
    const svc = named.find(hasClusterIP)
    return [{
      title: 'A node cannot resolve cluster names',
      explanation: `${source.name} resolves names with its own /etc/resolv.conf, not with CoreDNS, so ${host} is unknown there.`,
      fix: svc ? `From a node, use the ClusterIP: http://${svc.clusterIP}:${svc.ports[0]?.port ?? 80}. Or send the request from a pod.` : 'Send the request from a pod, or use an IP address.',
    }]
  }
  if (source.kind === 'external') {
    return [{
      title: 'Cluster names do not resolve outside',
      explanation: `${host} exists only in the cluster's DNS (CoreDNS). A client outside the cluster asks public DNS, which does not know it.`,
      fix: outsideFix(state, named[0]),
    }]
  }
  if (source.pod && !resolverConfig(state, source.pod).clusterDns) {
    return [{
      title: 'The pod does not ask CoreDNS',
      explanation: `${source.name} has dnsPolicy: ${source.pod.spec.dnsPolicy}, so it does not use CoreDNS and cannot resolve cluster names.`,
      fix: 'Remove dnsPolicy (ClusterFirst is the default).',
    }]
  }
  const wantedNs = nsGiven ?? source.namespace
  const here = named.find((s) => s.obj.meta.namespace === wantedNs)
  if (here && isHeadless(here)) {
    return [{
      title: 'A headless Service without ready pods has no address',
      explanation: `${name} is headless (clusterIP: None): CoreDNS answers with the addresses of its ready pods, and it has none, so the name does not exist.`,
      fix: 'Fix what keeps the Service without ready endpoints (see below).',
    }, ...whyNoEndpoints(state, here)]
  }
  if (!here && named.length > 0) {
    const ns = named[0].obj.meta.namespace
    return [{
      title: nsGiven ? 'The Service is in another namespace' : 'The short name looks in the pod\'s own namespace',
      explanation: nsGiven
        ? `There is no Service ${name} in namespace ${nsGiven}; ${name} is in ${ns}.`
        : `${name} is in namespace ${ns}, but ${source.name} runs in ${source.namespace}. A short name is tried as ${name}.${source.namespace}.svc.cluster.local first, and the other search domains do not match either.`,
      fix: `Use ${name}.${ns} (or ${name}.${ns}.svc.cluster.local).`,
    }]
  }
  if (!here) {
    const candidates = [...new Set(state.services.map((s) => s.obj.meta.name))]
    const near = candidates.filter((c) => editDistance(c, name) <= 2).sort((a, b) => editDistance(a, name) - editDistance(b, name))[0]
    return [{
      title: 'No Service has this name',
      explanation: `No Service named ${name} exists in any namespace, so CoreDNS answers NXDOMAIN.${near ? ` There is a Service named ${near}.` : ''}`,
      fix: near ? `Use ${near} in the URL, or create a Service named ${name}.` : `Create a Service named ${name}, or correct the name in the URL.`,
    }]
  }
  return [{
    title: 'The name does not match a record',
    explanation: `CoreDNS has no record for ${host}. The Service's name is ${name}.${wantedNs}.svc.cluster.local.`,
    fix: `Use ${name}.${wantedNs} or ${name}.${wantedNs}.svc.cluster.local.`,
  }]
}

function noIngressRule(state: ClusterState, req: RequestSpec): Explanation[] {
  const { host, path } = l7(req)
  const served = servedIngresses(state)
  if (served.length === 0) {
    return [{
      title: 'No Ingress is served',
      explanation: 'ingress-nginx serves no Ingress: there is none, or their class belongs to another controller.',
      fix: 'Create an Ingress with ingressClassName: nginx.',
    }]
  }
  const hostRules = served.flatMap((i) => i.rules.filter((r) => r.host && hostMatches(r.host, host)))
  if (hostRules.length > 0) {
    const paths = hostRules.flatMap((r) => r.paths.map((p) => `${p.path} (${p.pathType})`))
    return [{
      title: 'No path matches',
      explanation: `Host ${host} has rules for ${paths.join(', ')}; none matches ${path}, and there is no default backend, so nginx answers 404.`,
      fix: `Request one of those paths, or add a path for ${path}. Prefix matches whole path segments.`,
    }]
  }
  const existing = served.flatMap((i) => i.rules.flatMap((r) => r.paths.map((p) => `${r.host ?? '*'}${p.path}`)))
  const hosts = [...new Set(served.flatMap((i) => i.rules.map((r) => r.host).filter((h): h is string => !!h)))]
  return [{
    title: 'No Ingress rule for this host',
    explanation: `No rule has host ${host}. Rules exist for: ${existing.join(', ') || 'none'}.`,
    fix: hosts.length > 0 ? `Send Host: ${hosts[0]} (curl -H "Host: ${hosts[0]}"), or add a rule with host: ${host}.` : `Add a rule with host: ${host}.`,
  }]
}

function backendDown(state: ClusterState, req: RequestSpec): Explanation[] {
  const { host, path } = l7(req)
  const match = matchIngress(servedIngresses(state), host, path)
  const ref = match?.backend.service
  if (!match || !ref) return []
  const ns = match.ingress.meta.namespace
  const svc = state.services.find((s) => s.obj.meta.namespace === ns && s.obj.meta.name === ref.name)
  const portText = String(ref.port.number ?? ref.port.name)
  if (!svc) {
    return [{
      title: 'The backend Service does not exist',
      explanation: `Ingress ${match.ingress.meta.name} sends ${host}${path} to Service ${ref.name}, which does not exist in ${ns}, so nginx answers 503.`,
      fix: `Create Service ${ref.name} in ${ns}, or point the rule at an existing Service.`,
    }]
  }
  const port = svc.ports.find((p) => (ref.port.number !== undefined ? p.port === ref.port.number : p.name === ref.port.name))
  if (!port) {
    return [{
      title: 'The backend port does not exist',
      explanation: `Ingress ${match.ingress.meta.name} uses port ${portText} of ${ref.name}, which exposes ${portList(svc)}.`,
      fix: `Use one of ${portList(svc)} in the Ingress backend.`,
    }]
  }
  return [{
    title: 'The backend Service has no endpoints',
    explanation: `Ingress ${match.ingress.meta.name} sends ${host}${path} to ${ref.name}:${portText}, which has no ready endpoint, so nginx answers 503 Service Temporarily Unavailable.`,
    fix: 'Give the Service a ready endpoint (see below).',
  }, ...whyNoEndpoints(state, svc, port)]
}

function portNotExposed(aim: Aim & { svc: ServiceState }): Explanation {
  const name = aim.svc.obj.meta.name
  const asTarget = aim.svc.ports.find((p) => p.targetPort === aim.port)
  return {
    title: 'A port the Service does not expose',
    explanation: `${name} exposes ${portList(aim.svc)}, not ${aim.port}. kube-proxy has no rule for ${aim.ip}:${aim.port}, and a ClusterIP belongs to no machine, so nothing answers.${asTarget ? ` ${aim.port} is the targetPort (the pods' port); clients use the Service port ${asTarget.port}.` : ''}`,
    fix: asTarget ? `Connect to port ${asTarget.port}.` : `Connect to ${portList(aim.svc)}, or add port ${aim.port} to spec.ports.`,
  }
}

function connection(state: ClusterState, trace: Trace, source: Source): Explanation[] {
  const aim = aimOf(state, trace, source)
  const last = trace.steps[trace.steps.length - 1]
  if (!aim || !last) return []
  const outside = source.kind === 'external'
  if (outside && (aim.kind === 'clusterIP' || aim.kind === 'pod' || (aim.kind === 'other' && inServiceCidr(aim.ip)))) {
    const svc = aim.svc ?? state.services.find((s) => (state.endpoints.get(`${s.obj.meta.namespace}/${s.obj.meta.name}`)?.ready ?? []).some((e) => e.ip === aim.ip))
    return [{
      title: aim.kind === 'pod' ? 'A pod IP used from outside the cluster' : 'A ClusterIP used from outside the cluster',
      explanation: `${aim.ip} exists only inside the cluster: nodes and pods route it, the network outside does not, so the connection times out.`,
      fix: outsideFix(state, svc),
    }]
  }
  if (aim.kind === 'node') {
    const nodePorts = state.services.flatMap((s) => s.ports.filter((p) => p.nodePort).map((p) => `${p.nodePort} (${s.obj.meta.name})`))
    const byServicePort = state.services.find((s) => s.ports.some((p) => p.nodePort && p.port === aim.port))
    return [{
      title: 'No NodePort on this port',
      explanation: `Nothing listens on ${aim.ip}:${aim.port}. ${nodePorts.length ? `The NodePorts are ${nodePorts.join(', ')}.` : 'No Service has a NodePort.'}${byServicePort ? ` ${aim.port} is the Service port of ${byServicePort.obj.meta.name}; from outside, use its NodePort.` : ''}`,
      fix: nodePorts.length ? `Connect to ${aim.ip}:${state.services.flatMap((s) => s.ports).find((p) => p.nodePort)!.nodePort}.` : 'Set type: NodePort on the Service to open a port on every node.',
    }]
  }
  if (aim.svc) {
    const svc = aim.svc
    const port = servicePortOf(aim)
    if (!port) return [portNotExposed({ ...aim, svc })]
    const noEndpoints = whyNoEndpoints(state, svc, port)
    if (noEndpoints.length > 0) return noEndpoints
    const external = aim.kind === 'nodePort' || aim.kind === 'loadBalancer' || aim.kind === 'externalIP'
    const local = (svc.obj.externalTrafficPolicy === 'Local' && external) || (svc.obj.internalTrafficPolicy === 'Local' && aim.kind === 'clusterIP')
    if (local && last.kind === 'drop') {
      const view = state.endpoints.get(`${svc.obj.meta.namespace}/${svc.obj.meta.name}`)
      const nodes = [...new Set((view?.ready ?? []).map((e) => e.node).filter((n): n is string => !!n))]
      const here = last.node ?? last.at.replace(/^node\//, '')
      const ips = nodes.map((n) => state.nodes.find((x) => x.name === n)?.ip).filter(Boolean)
      const field = aim.kind === 'clusterIP' ? 'internalTrafficPolicy' : 'externalTrafficPolicy'
      return [{
        title: 'No local endpoint on this node',
        explanation: `${svc.obj.meta.name} has ${field}: Local, so a node only sends this traffic to pods on itself. ${here} has none, so it drops the packet. Pods run on ${nodes.join(', ') || 'no node'}.`,
        fix: aim.kind === 'nodePort' && ips.length ? `Send to a node with a ready pod (${ips.map((ip) => `${ip}:${aim.port}`).join(', ')}), or set ${field}: Cluster.` : `Set ${field}: Cluster, or run a pod of ${svc.obj.meta.name} on ${here}.`,
      }]
    }
    if (last.kind === 'reject' && last.at.startsWith('pod/')) {
      const pod = state.pods.find((p) => `pod/${p.namespace}/${p.name}` === last.at)
      const listens = pod?.spec.containers.flatMap((c) => c.ports.map((p) => p.containerPort)) ?? []
      return [{
        title: 'The targetPort is wrong',
        explanation: `${svc.obj.meta.name} sends port ${port.port} to targetPort ${port.targetPort}, but ${pod?.name ?? 'the pod'} listens on ${listens.join(', ') || 'other ports'}, so it answers with a reset.`,
        fix: listens.length === 1 ? `Set targetPort: ${listens[0]} on the Service port ${port.port}.` : 'Set targetPort to the port the container listens on.',
      }]
    }
    if (last.kind === 'drop' && (svc.obj.loadBalancerSourceRanges?.length ?? 0) > 0) {
      return [{
        title: 'The client is outside loadBalancerSourceRanges',
        explanation: `${svc.obj.meta.name} accepts load balancer traffic only from ${svc.obj.loadBalancerSourceRanges!.join(', ')}.`,
        fix: 'Add the client\'s range to spec.loadBalancerSourceRanges.',
      }]
    }
  }
  if (aim.kind === 'pod' && last.kind === 'reject') {
    const pod = aim.pod!
    const headless = state.services.find((s) => isHeadless(s) && (state.endpoints.get(`${s.obj.meta.namespace}/${s.obj.meta.name}`)?.ready ?? []).some((e) => e.ip === aim.ip))
    const listens = pod.spec.containers.flatMap((c) => c.ports.map((p) => p.containerPort))
    return [{
      title: 'The pod does not listen on this port',
      explanation: `${pod.name} listens on ${listens.join(', ')}, not ${aim.port}.${headless ? ` ${headless.obj.meta.name} is headless (clusterIP: None): DNS returns pod addresses and nothing maps the Service port to the targetPort.` : ''}`,
      fix: `Connect to port ${listens[0] ?? aim.port}${headless ? ', or give the Service a ClusterIP (remove clusterIP: None)' : ''}.`,
    }]
  }
  return []
}

function surprising(state: ClusterState, trace: Trace, source: Source): Explanation[] {
  const o = trace.outcome
  if (o.status === 'left-cluster') {
    const svc = state.services.find((s) => s.obj.type === 'ExternalName' && (s.obj.externalName ?? '').replace(/\.$/, '') === o.host)
    if (!svc) return []
    return [{
      title: 'ExternalName leaves the cluster',
      explanation: `${svc.obj.meta.name} is an ExternalName Service: CoreDNS answers with a CNAME to ${o.host} and the client connects there itself. No kube-proxy rule, no endpoints, no port mapping: port ${o.port} is used as is.`,
      fix: `Nothing to fix if that is the intent. Note that ${o.host} sees the Host header the client sent, which it may not serve.`,
    }]
  }
  if (o.status !== 'delivered' || source.kind !== 'external') return []
  if (trace.steps.some((s) => s.kind === 'ingress')) return []
  const aim = aimOf(state, trace, source)
  const client = source.ip ?? DEFAULT_CLIENT_IP
  if (!aim?.svc || o.sourceIP === client || aim.svc.obj.externalTrafficPolicy !== 'Cluster') return []
  return [{
    title: 'The pod does not see the client address',
    explanation: `${o.pod} sees ${o.sourceIP}, not ${client}: with externalTrafficPolicy: Cluster the node masquerades (SNAT) outside traffic so replies come back through it.`,
    fix: 'Set externalTrafficPolicy: Local to keep the client address; then only nodes with a ready pod take the traffic.',
  }]
}

/** Why the traced request failed, or what surprised, in plain words with a fix. */
export function explainFailure(state: ClusterState, req: RequestSpec, trace: Trace): Explanation[] {
  const source = sourceOf(state, req)
  const o = trace.outcome
  if (o.status !== 'failed') return surprising(state, trace, source)
  switch (o.reason) {
    case 'INVALID_REQUEST':
      return [{ title: 'The request could not be sent', explanation: o.message, fix: 'Pick a running pod, a node or external as the source, and write the URL as http://host[:port]/path.' }]
    case 'NXDOMAIN':
      return nxdomain(state, req, source)
    case 'HTTP_404':
      return noIngressRule(state, req)
    case 'HTTP_503':
      return backendDown(state, req)
    case 'CONNECTION_REFUSED':
    case 'TIMEOUT':
      return connection(state, trace, source)
  }
}

/** The Service a traced request went to: the Ingress backend when an Ingress routed it, else the Service of its first connection. */
export function serviceOfRequest(state: ClusterState, req: RequestSpec, trace: Trace): { name: string; namespace: string } | undefined {
  const pick = (svc: ServiceState | undefined) => (svc ? { name: svc.obj.meta.name, namespace: svc.obj.meta.namespace } : undefined)
  const o = trace.outcome
  const routed = trace.steps.some((s) => s.kind === 'ingress') || (o.status === 'failed' && o.reason === 'HTTP_503')
  if (routed) {
    const { host, path } = l7(req)
    const match = matchIngress(servedIngresses(state), host, path)
    const ref = match?.backend.service
    const svc = ref && state.services.find((s) => s.obj.meta.namespace === match.ingress.meta.namespace && s.obj.meta.name === ref.name)
    if (svc) return pick(svc)
  }
  if (o.status === 'left-cluster') {
    const ext = state.services.find((s) => s.obj.type === 'ExternalName' && (s.obj.externalName ?? '').replace(/\.$/, '') === o.host)
    if (ext) return pick(ext)
  }
  const source = sourceOf(state, req)
  const aim = aimOf(state, trace, source)
  if (aim?.svc) return pick(aim.svc)
  if (aim?.kind === 'pod') {
    return pick(state.services.find((s) => isHeadless(s) && (state.endpoints.get(`${s.obj.meta.namespace}/${s.obj.meta.name}`)?.ready ?? []).some((e) => e.ip === aim.ip)))
  }
  return undefined
}
