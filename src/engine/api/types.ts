/**
 * The public shapes of the cluster engine. Other parts of the playground and
 * outside tests depend on these exact names: add fields, never rename them.
 */

export type ProxyMode = 'iptables' | 'nftables' | 'ipvs' | 'userspace'

export type Severity = 'error' | 'warning' | 'info'

/** A message about the YAML, pointing at a 1-based line and column. */
export interface Diagnostic {
  severity: Severity
  message: string
  line: number
  column: number
  /** Where the message ends (1-based, exclusive column), when known. */
  endLine?: number
  endColumn?: number
  /** A stable code from the diagnostic catalogue (see api/diagnosticCodes.ts). */
  code?: string
  /** `Kind/namespace/name` of the object the message is about, when there is one. */
  object?: string
}

export interface SimulationOptions {
  seed?: number
  proxyMode?: ProxyMode
}

export interface NodeInfo {
  name: string
  ip: string
  podCIDR: string
  ready: boolean
  roles: string[]
  labels: Record<string, string>
  taints: { key: string; value?: string; effect: string }[]
  unschedulable: boolean
  /** Number of the YAML document that declares the node; -1 (or absent) for nodes the cluster brings. */
  docIndex?: number
}

export interface ContainerPortInfo {
  name?: string
  containerPort: number
  protocol: string
}

export interface PodInfo {
  name: string
  namespace: string
  node: string
  ip: string
  labels: Record<string, string>
  ready: boolean
  phase: string
  ports: ContainerPortInfo[]
  /** `Kind/name` of the controller that owns the pod, if any. */
  ownerKind?: string
  ownerName?: string
  /** Number of the document (0-based) the pod comes from (its own or its controller's). */
  docIndex: number
  /** Order in which the pod was created (a larger number is a later pod). */
  createdSeq: number
  /** Why the pod is not ready, in plain words, when it is not. */
  notReadyReason?: string
  restarts: number
  /** The pod's containers, for the inspector. */
  containers: { name: string; image: string }[]
}

export interface ServicePortInfo {
  name?: string
  port: number
  targetPort: number | string
  nodePort?: number
  protocol: string
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'

export interface ServiceInfo {
  name: string
  namespace: string
  type: ServiceType
  /** `None` for a headless Service, `''` for ExternalName. */
  clusterIP: string
  /** spec.externalIPs plus, for a LoadBalancer, the addresses in status.loadBalancer.ingress. */
  externalIPs: string[]
  externalName?: string
  sessionAffinity: 'None' | 'ClientIP'
  ports: ServicePortInfo[]
  /** null when the Service has no selector (its Endpoints are written by hand). */
  selector: Record<string, string> | null
  externalTrafficPolicy?: 'Cluster' | 'Local'
  internalTrafficPolicy?: 'Cluster' | 'Local'
  sessionAffinityTimeoutSeconds?: number
  publishNotReadyAddresses: boolean
  /** LoadBalancer addresses only (status.loadBalancer.ingress[].ip); empty while pending. */
  loadBalancerIngress: string[]
  /** Who gave the LoadBalancer its address: a MetalLB pool, the playground's cloud, or pasted status. */
  loadBalancerProvider?: 'MetalLB' | 'cloud' | 'status'
  labels: Record<string, string>
  annotations: Record<string, string>
  docIndex: number
  createdSeq: number
  /** True for Services the cluster brings (kubernetes, kube-dns). */
  builtIn: boolean
}

export interface Ep {
  ip: string
  port: number
  portName?: string
  pod?: string
  node?: string
  /** The endpoint's DNS hostname: a pod's spec.hostname when its spec.subdomain names the Service, or a manual address's hostname. */
  hostname?: string
}

export interface EndpointsView {
  ready: Ep[]
  notReady: Ep[]
}

export interface EndpointSliceInfo {
  name: string
  namespace: string
  service: string
  addressType: 'IPv4'
  ports: { name?: string; port: number; protocol: string }[]
  endpoints: {
    addresses: string[]
    conditions: { ready: boolean; serving: boolean; terminating: boolean }
    nodeName?: string
    targetRef?: { kind: 'Pod'; name: string; namespace: string }
  }[]
  managedBy: string
}

export interface IngressPathInfo {
  path: string
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific'
  backend: IngressBackendInfo
}

export interface IngressBackendInfo {
  service?: { name: string; port: { number?: number; name?: string } }
  resource?: { kind: string; name: string; apiGroup?: string }
}

export interface IngressInfo {
  name: string
  namespace: string
  apiVersion: string
  ingressClassName?: string
  rules: { host?: string; paths: IngressPathInfo[] }[]
  defaultBackend?: IngressBackendInfo
  tls: { hosts: string[]; secretName?: string }[]
  /** status.loadBalancer.ingress addresses (filled by the ingress controller). */
  addresses: string[]
  annotations: Record<string, string>
  docIndex: number
}

export interface IngressClassInfo {
  name: string
  controller: string
  isDefault: boolean
}

export interface NamespaceInfo {
  name: string
  builtIn: boolean
}

/** One hop or decision on a request's way, as the animation and the log show it. */
export interface TraceStep {
  kind: 'dns' | 'send' | 'loadbalancer' | 'nodeport' | 'dnat' | 'snat' | 'route' | 'ingress' | 'deliver' | 'reject' | 'drop'
  /** The graph element it happens at: `node/<n>`, `pod/<ns>/<n>`, `service/<ns>/<n>`, `ingress/<ns>/<n>`, `loadbalancer/<ns>/<svc>`, `coredns`, `external`. */
  at: string
  /** What happened, in plain words (says what changed). */
  text: string
  /** The packet's addresses ("ip:port") before this step's rewrite. */
  packet?: { src: string; dst: string }
  /** The exact iptables-save line that decided this step, where one did. */
  rule?: string
  /** Every rule line that matched on the way to this step, in order (for highlighting). */
  rules?: string[]
  /** The node whose rules matched, when `rule` is set. */
  node?: string
}

export type Outcome =
  | { status: 'delivered'; pod: string; namespace: string; ip: string; port: number; sourceIP: string }
  | { status: 'left-cluster'; host: string; ip?: string; port: number }
  | { status: 'failed'; reason: 'NXDOMAIN' | 'CONNECTION_REFUSED' | 'TIMEOUT' | 'HTTP_404' | 'HTTP_503' | 'INVALID_REQUEST'; message: string }

export interface Trace {
  steps: TraceStep[]
  outcome: Outcome
}

export interface RequestSpec {
  /** `pod/<name>`, `pod/<namespace>/<name>`, `node/<name>` or `external`. */
  from: string
  url: string
  /** The external client's address (default 203.0.113.10). */
  clientIP?: string
  headers?: Record<string, string>
}

export interface DnsAnswer {
  name: string
  type: 'A' | 'CNAME' | 'SRV'
  data: string
}

export interface DnsResult {
  rcode: 'NOERROR' | 'NXDOMAIN'
  tried: string[]
  answers: DnsAnswer[]
}

/** Runtime actions: what a user does to a running cluster (kubectl and friends). */
export type Action =
  | { type: 'deletePod'; pod: string; namespace?: string }
  | { type: 'scale'; kind: string; name: string; replicas: number; namespace?: string }
  | { type: 'setReady'; pod: string; ready: boolean; namespace?: string }
  | { type: 'exec'; pod: string; command: string[]; namespace?: string }
  | { type: 'addNode' }
  /** `kubectl drain`; with force, pods that declare no controller are deleted too (`--force`). */
  | { type: 'drainNode'; node: string; force?: boolean }

/** What an action did, in words, for the action log. */
export interface ActionResult {
  action: Action
  ok: boolean
  message: string
}

export interface Simulation {
  readonly seed: number
  readonly proxyMode: ProxyMode
  readonly diagnostics: Diagnostic[]
  readonly namespaces: NamespaceInfo[]
  readonly nodes: NodeInfo[]
  readonly pods: PodInfo[]
  readonly services: ServiceInfo[]
  readonly ingresses: IngressInfo[]
  readonly ingressClasses: IngressClassInfo[]
  /** The actions applied so far, in order, with what each did. */
  readonly actionLog: ActionResult[]
  /** Where each YAML document starts and ends (1-based), indexed by docIndex. */
  readonly documents: { line: number; column: number; endLine: number; endColumn: number }[]
  /** False when the text is not valid YAML. */
  readonly syntaxOk: boolean
  endpoints(service: string, namespace?: string): EndpointsView
  endpointSlices(service?: string, namespace?: string): EndpointSliceInfo[]
  /** kubectl-style tables: `kubectl get pods -o wide` and friends, as text. */
  kubectl(command: KubectlGet, options?: KubectlOptions): string
  /** The same tables as rows and columns, for rendering. */
  kubectlTable(command: KubectlGet, options?: KubectlOptions): KubectlTableData
  apply(action: Action): Simulation
  /** The pod's resolver and CoreDNS: what a lookup from that pod returns, and the names it tried. */
  resolve(name: string, fromPod?: string, type?: 'A' | 'SRV'): DnsResult
  /** What `env` prints in the pod's first container. */
  envFor(pod: string, namespace?: string): Record<string, string>
  /** The node's kube-proxy rules as `iptables-save` prints them (filter and nat). */
  iptablesSave(node: string): string
  /** `ipvsadm -Ln` on the node (ipvs mode). */
  ipvsadm(node: string): string
  /** `nft list table ip kube-proxy` on the node (nftables mode). */
  nftRuleset(node: string): string
  /** Sends one request and traces it. Stateful within this Simulation (affinity, round robin). */
  request(req: RequestSpec): Trace
  /** Every record CoreDNS serves for this cluster (zone cluster.local, kubeadm's Corefile), in a stable order. */
  dnsRecords(): DnsRecord[]
  /** The pod's /etc/resolv.conf as the container runtime writes it (`pod` may be `namespace/name`). */
  resolvConf(pod: string, namespace?: string): string
  /** The names in envFor(pod) that come from Services (the kubelet's service links), not from the container. */
  serviceEnvNames(pod: string, namespace?: string): string[]
  /** `kubectl describe <kind> <name> -n <namespace>`, as kubectl prints it. */
  describe(kind: 'service', name: string, namespace?: string): string
  /** Why a request failed (or did something surprising), in plain words, with what to change. Empty when there is nothing to say. */
  explain(request: RequestSpec, trace: Trace): Explanation[]
  /** The Service a traced request went to (the Ingress backend when it went through an Ingress), if any. */
  serviceOf(request: RequestSpec, trace: Trace): { name: string; namespace: string } | undefined
}

/** One record CoreDNS serves. Names carry no trailing dot. */
export interface DnsRecord {
  name: string
  type: 'A' | 'CNAME' | 'SRV' | 'PTR' | 'TXT'
  /** A: the address; CNAME/PTR: the target name; SRV: `0 <weight> <port> <target>`; TXT: the text. */
  data: string
  ttl: number
}

/** One reason a request failed, for the "Why did this fail?" panel. */
export interface Explanation {
  title: string
  explanation: string
  fix: string
}

export interface KubectlOptions {
  /** `-A`: every namespace, with a NAMESPACE column (kube-system only with includeSystem). */
  allNamespaces?: boolean
  /** `-n`: the namespace to list (default `default`). */
  namespace?: string
  includeSystem?: boolean
}

export interface KubectlTableData {
  columns: string[]
  rows: string[][]
  /** What kubectl prints when there is nothing to list. */
  empty?: string
}

export type KubectlGet =
  | 'get pods -o wide'
  | 'get svc'
  | 'get svc -o wide'
  | 'get endpoints'
  | 'get endpointslices'
  | 'get ingress'
  | 'get nodes -o wide'
