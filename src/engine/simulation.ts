/**
 * Assembles a Simulation: parse -> decode -> reconcile, plus the runtime
 * actions applied on top. A Simulation is immutable; `apply` returns a new one.
 */
import type {
  Action, ActionResult, Diagnostic, DnsRecord, DnsResult, Explanation, EndpointSliceInfo, EndpointsView, IngressClassInfo, IngressInfo, KubectlGet,
  NamespaceInfo, NodeInfo, PodInfo, ProxyMode, RequestSpec, ServiceInfo, Simulation, Trace,
} from './api/types'
import { resolve as resolveName, resolvConf as resolvConfText } from './dns/resolver'
import { buildDnsRecords } from './dns/records'
import { serviceEnvNames } from './envvars/serviceEnvNames'
import { describeService } from './kubectl/describe'
import { explainFailure, serviceOfRequest } from './trace/explain'
import { envFor as serviceEnv } from './envvars/serviceEnv'
import { iptablesSaveText } from './kubeproxy/iptables/iptablesSave'
import { ipvsadmText } from './kubeproxy/ipvs'
import { createKubeProxy, type KubeProxy } from './kubeproxy/kubeProxy'
import { createNetwork, type Network } from './trace/network'
import { traceRequest } from './trace/traceRequest'
import { createTrafficState, type TrafficState } from './trace/trafficState'
import { IPVS_SCHEDULERS } from './kubeproxy/ipvs'
import { DEFAULT_POOL } from './cluster/loadBalancers'
import { applyAction } from './actions/applyAction'
import { reconcileCluster } from './cluster/reconcile'
import { emptyRuntime, type Runtime } from './cluster/runtime'
import type { ClusterState } from './cluster/state'
import { formatTable, kubectlTable, type Clock, type KubectlTable, type PrintOptions } from './kubectl/printers'
import type { DesiredState } from './model/objects'
import { decodeObjects } from './objects/decodeObjects'
import { parseManifests, type Manifest, type SourceRange } from './parse/parseManifests'

export const DEFAULT_SEED = 1
/** Seconds between the YAML being applied and the first look at the cluster, and per action after it. */
const LOAD_AGE = 300
const ACTION_SECONDS = 15

export interface Prepared {
  seed: number
  proxyMode: ProxyMode
  manifests: Manifest[]
  desired: DesiredState
  diagnostics: Diagnostic[]
  documents: SourceRange[]
  syntaxOk: boolean
  /** ipvs scheduler from the KubeProxyConfiguration (default rr). */
  ipvsScheduler?: string
  /** The input it was prepared from: enough to prepare it again (see simulationData.ts). */
  source?: { yaml: string; proxyMode: ProxyMode | undefined }
}

export function prepare(yaml: string, seed: number, proxyModeOption: ProxyMode | undefined): Prepared {
  const parsed = parseManifests(yaml)
  const decoded = decodeObjects(parsed.manifests)
  const diagnostics = [...parsed.diagnostics, ...decoded.diagnostics]
  let proxyMode: ProxyMode = proxyModeOption ?? 'iptables'
  const config = decoded.desired.kubeProxyConfigs[decoded.desired.kubeProxyConfigs.length - 1]
  if (!proxyModeOption && config && config.mode !== '') {
    if (config.mode === 'kernelspace') {
      const m = parsed.manifests[config.meta.seq]
      diagnostics.push({ severity: 'warning', message: 'mode "kernelspace" is kube-proxy\'s Windows mode: the playground uses iptables', ...m.locate(['mode']), code: 'PROXY_MODE_WINDOWS' })
    } else proxyMode = config.mode as ProxyMode
  }
  for (const c of decoded.desired.kubeProxyConfigs) {
    diagnostics.push({
      severity: 'info',
      message: 'KubeProxyConfiguration is kube-proxy\'s configuration file (on a kubeadm cluster: the kube-proxy ConfigMap in kube-system), not an API object: kubectl apply would refuse it. The playground reads it as kube-proxy\'s settings.',
      ...parsed.manifests[c.meta.seq].locate(['kind']),
      code: 'KUBE_PROXY_CONFIG_FILE',
    })
  }
  let ipvsScheduler = config?.ipvsScheduler ?? 'rr'
  if (config && !(IPVS_SCHEDULERS as readonly string[]).includes(ipvsScheduler)) {
    diagnostics.push({ severity: 'warning', message: `ipvs.scheduler "${ipvsScheduler}" is not an IPVS scheduler (${IPVS_SCHEDULERS.join(', ')}): kube-proxy uses rr`, ...parsed.manifests[config.meta.seq].locate(['ipvs', 'scheduler']), code: 'IPVS_SCHEDULER_UNKNOWN' })
    ipvsScheduler = 'rr'
  }
  const modeNote = proxyMode === 'ipvs'
    ? 'kube-proxy runs in ipvs mode, deprecated since Kubernetes 1.35 (KEP-5495): nftables is the replacement'
    : proxyMode === 'userspace'
      ? 'kube-proxy runs in userspace mode, removed in Kubernetes 1.26: the playground keeps it because textbooks teach it'
      : undefined
  if (modeNote) {
    const at = config ? parsed.manifests[config.meta.seq].locate(['mode']) : { line: 1, column: 1 }
    diagnostics.push({ severity: 'info', message: modeNote, ...at, code: 'PROXY_MODE_NOTE' })
  }
  return {
    seed, proxyMode, manifests: parsed.manifests, desired: decoded.desired, diagnostics, documents: parsed.documents, syntaxOk: parsed.syntaxOk, ipvsScheduler,
    source: { yaml, proxyMode: proxyModeOption },
  }
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const rank = { error: 0, warning: 1, info: 2 }
  return list.slice().sort((a, b) => a.line - b.line || a.column - b.column || rank[a.severity] - rank[b.severity])
}

export class SimulationImpl implements Simulation {
  readonly seed: number
  readonly proxyMode: ProxyMode
  readonly diagnostics: Diagnostic[]
  readonly namespaces: NamespaceInfo[]
  readonly nodes: NodeInfo[]
  readonly pods: PodInfo[]
  readonly services: ServiceInfo[]
  readonly ingresses: IngressInfo[]
  readonly ingressClasses: IngressClassInfo[]
  readonly actionLog: ActionResult[]
  /** Where each YAML document is, for "show this object in the editor". */
  readonly documents: SourceRange[]
  /** False when the text is not valid YAML (the UI keeps its last good picture). */
  readonly syntaxOk: boolean
  /** Internal: the reconciled cluster, for the traffic engine. Not part of the public contract. */
  readonly cluster: ClusterState

  constructor(
    /** Internal (read by simulationData.ts). */
    readonly prepared: Prepared,
    /** Internal (read by simulationData.ts). */
    readonly runtime: Runtime,
    state: ClusterState,
    actionLog: ActionResult[],
  ) {
    this.seed = prepared.seed
    this.proxyMode = prepared.proxyMode
    this.cluster = state
    this.actionLog = actionLog
    this.documents = prepared.documents
    this.syntaxOk = prepared.syntaxOk
    this.diagnostics = sortDiagnostics([...prepared.diagnostics, ...state.diagnostics])
    this.namespaces = state.namespaces.map((n) => ({ ...n }))
    this.nodes = state.nodes.map((n) => ({
      name: n.name, ip: n.ip, podCIDR: n.podCIDR, ready: n.ready, roles: [...n.roles], labels: { ...n.labels },
      taints: n.taints.map((t) => ({ ...t })), unschedulable: n.unschedulable, docIndex: n.docIndex,
    }))
    this.pods = state.pods.map((p) => ({
      name: p.name,
      namespace: p.namespace,
      node: p.node,
      ip: p.ip,
      labels: { ...p.labels },
      ready: p.ready,
      phase: p.phase,
      ports: p.spec.containers.flatMap((c) => c.ports.map((port) => ({ ...port }))),
      ownerKind: p.owner?.kind,
      ownerName: p.owner?.name,
      docIndex: p.docIndex,
      createdSeq: p.createdSeq,
      notReadyReason: p.notReadyReason,
      restarts: 0,
      containers: p.spec.containers.map((c) => ({ name: c.name, image: c.image })),
    }))
    this.services = state.services.map((s) => ({
      name: s.obj.meta.name,
      namespace: s.obj.meta.namespace,
      type: s.obj.type,
      clusterIP: s.clusterIP,
      externalIPs: [...s.obj.externalIPs, ...s.loadBalancerIPs.filter((ip) => !s.obj.externalIPs.includes(ip))],
      externalName: s.obj.externalName,
      sessionAffinity: s.obj.sessionAffinity,
      ports: s.ports.map((p) => ({ ...p })),
      selector: s.obj.selector ? { ...s.obj.selector } : null,
      externalTrafficPolicy: s.obj.externalTrafficPolicy,
      internalTrafficPolicy: s.obj.internalTrafficPolicy,
      sessionAffinityTimeoutSeconds: s.obj.sessionAffinityTimeoutSeconds,
      publishNotReadyAddresses: s.obj.publishNotReadyAddresses,
      loadBalancerIngress: [...s.loadBalancerIPs],
      loadBalancerProvider: s.obj.type !== 'LoadBalancer' || s.loadBalancerIPs.length === 0 ? undefined : s.loadBalancerPool === undefined ? 'status' : s.loadBalancerPool === DEFAULT_POOL.name ? 'cloud' : 'MetalLB',
      labels: { ...s.obj.meta.labels },
      annotations: { ...s.obj.meta.annotations },
      docIndex: s.obj.meta.docIndex,
      createdSeq: s.obj.meta.seq,
      builtIn: s.obj.builtIn,
    }))
    this.ingresses = state.ingresses.map((i) => ({
      name: i.meta.name,
      namespace: i.meta.namespace,
      apiVersion: i.apiVersion,
      ingressClassName: i.ingressClassName,
      rules: i.rules.map((r) => ({ host: r.host, paths: r.paths.map((p) => ({ ...p })) })),
      defaultBackend: i.defaultBackend,
      tls: i.tls.map((t) => ({ hosts: [...t.hosts], secretName: t.secretName })),
      addresses: [...i.statusAddresses],
      annotations: { ...i.meta.annotations },
      docIndex: i.meta.docIndex,
    }))
    this.ingressClasses = state.ingressClasses.map((c) => ({ name: c.meta.name, controller: c.controller, isDefault: c.isDefault }))
  }

  endpoints(service: string, namespace = 'default'): EndpointsView {
    const view = this.cluster.endpoints.get(`${namespace}/${service}`)
    return view ? { ready: view.ready.map((e) => ({ ...e })), notReady: view.notReady.map((e) => ({ ...e })) } : { ready: [], notReady: [] }
  }

  endpointSlices(service?: string, namespace?: string): EndpointSliceInfo[] {
    return this.cluster.endpointSlices
      .filter((s) => (service === undefined || s.service === service) && (namespace === undefined ? service === undefined || s.namespace === 'default' : s.namespace === namespace))
      .map((s) => structuredClone(s))
  }

  private clock(): Clock {
    const now = LOAD_AGE + ACTION_SECONDS * this.actionLog.length
    return {
      now,
      podCreated: (pod) => {
        if (pod.builtIn) return -3600
        const at = this.runtime.createdAt.get(`${pod.namespace}/${pod.name}`)
        return at === undefined ? 0 : LOAD_AGE + ACTION_SECONDS * at
      },
    }
  }

  kubectlTable(command: KubectlGet, options: PrintOptions = {}): KubectlTable {
    return kubectlTable(this.cluster, this.clock(), command, options)
  }

  kubectl(command: KubectlGet, options: PrintOptions = {}): string {
    return formatTable(this.kubectlTable(command, options))
  }

  apply(action: Action): Simulation {
    return this.applyAction(action)
  }

  resolve(name: string, fromPod?: string, type: 'A' | 'SRV' = 'A'): DnsResult {
    const r = resolveName(this.cluster, name, fromPod, type)
    return { rcode: r.rcode, tried: [...r.tried], answers: r.answers.map((a) => ({ name: a.name, type: a.type, data: a.data })) }
  }

  envFor(pod: string, namespace = 'default'): Record<string, string> {
    return serviceEnv(this.cluster, pod, namespace)
  }

  private proxy: KubeProxy | undefined

  /** kube-proxy in this simulation's mode (internal). */
  kubeProxy(): KubeProxy {
    this.proxy ??= createKubeProxy(this.cluster, this.proxyMode, this.seed, this.prepared.ipvsScheduler)
    return this.proxy
  }

  iptablesSave(node: string): string {
    if (!this.cluster.nodes.some((n) => n.name === node)) return ''
    return iptablesSaveText(this.kubeProxy().iptablesTables(node))
  }

  ipvsadm(node: string): string {
    if (!this.cluster.nodes.some((n) => n.name === node)) return ''
    // Outside ipvs mode the kernel has no virtual servers: ipvsadm prints only its header.
    return ipvsadmText(this.proxyMode === 'ipvs' ? this.kubeProxy().virtualServers(node) : [])
  }

  nftRuleset(node: string): string {
    if (!this.cluster.nodes.some((n) => n.name === node)) return ''
    return this.kubeProxy().nft(node).text
  }

  private traffic: TrafficState | undefined
  private network: Network | undefined

  request(req: RequestSpec): Trace {
    this.traffic ??= createTrafficState(this.seed)
    this.network ??= createNetwork(this.cluster, this.kubeProxy())
    try {
      return traceRequest({ net: this.network, traffic: this.traffic, resolve: (name, fromPod, type) => this.resolve(name, fromPod, type) }, req)
    } catch (err) {
      return { steps: [], outcome: { status: 'failed', reason: 'INVALID_REQUEST', message: `internal engine error while tracing: ${err instanceof Error ? err.message : String(err)}` } }
    }
  }

  /**
   * Builds now what the first `request` would build (kube-proxy's rules, the
   * network): a caller with idle time can spare the first request that wait.
   * Changes no result.
   */
  prepareTraffic(): void {
    this.network ??= createNetwork(this.cluster, this.kubeProxy())
  }

  dnsRecords(): DnsRecord[] {
    return buildDnsRecords(this.cluster).map((r) => ({ name: r.name, type: r.type, data: r.data, ttl: r.ttl }))
  }

  resolvConf(pod: string, namespace?: string): string {
    return resolvConfText(this.cluster, namespace === undefined || pod.includes('/') ? pod : `${namespace}/${pod}`)
  }

  serviceEnvNames(pod: string, namespace = 'default'): string[] {
    return serviceEnvNames(this.cluster, pod, namespace)
  }

  describe(kind: 'service', name: string, namespace = 'default'): string {
    if (kind !== 'service') return `error: the server doesn't have a resource type "${String(kind)}"\n`
    return describeService(this.cluster, name, namespace)
  }

  explain(request: RequestSpec, trace: Trace): Explanation[] {
    return explainFailure(this.cluster, request, trace)
  }

  serviceOf(request: RequestSpec, trace: Trace): { name: string; namespace: string } | undefined {
    return serviceOfRequest(this.cluster, request, trace)
  }

  applyAction(action: Action): SimulationImpl {
    const { desired, seed, manifests } = this.prepared
    const { runtime, result } = applyAction(this.runtime, this.cluster, desired, action)
    // Pods that are running stay where they are: bind them before reconciling again.
    for (const p of this.cluster.pods) if (p.node && p.ip) runtime.bindings.set(`${p.namespace}/${p.name}`, { node: p.node, ip: p.ip })
    let state = reconcileCluster(desired, runtime, seed, manifests)
    // Pods that exist now but did not before were created by this action.
    const before = new Set(this.cluster.pods.map((p) => `${p.namespace}/${p.name}`))
    const created = state.pods.filter((p) => !before.has(`${p.namespace}/${p.name}`))
    if (created.length > 0) {
      for (const p of created) runtime.createdAt.set(`${p.namespace}/${p.name}`, this.actionLog.length)
      state = reconcileCluster(desired, runtime, seed, manifests)
    }
    let message = result.message
    if (action.type === 'deletePod' && result.ok && created.length > 0) {
      message += `\n${created.map((p) => `${p.owner?.kind ?? 'controller'} ${p.owner?.name ?? ''} created pod "${p.name}" (${p.ip || 'no IP yet'} on ${p.node || 'no node'})`).join('\n')}`
    }
    return new SimulationImpl(this.prepared, runtime, state, [...this.actionLog, { ...result, message }])
  }
}

export function buildSimulation(yaml: string, seed: number, proxyMode: ProxyMode | undefined): SimulationImpl {
  const prepared = prepare(yaml, seed, proxyMode)
  const runtime = emptyRuntime()
  return new SimulationImpl(prepared, runtime, reconcileCluster(prepared.desired, runtime, seed, prepared.manifests), [])
}
