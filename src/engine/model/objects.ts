/**
 * The objects the engine works with, after decoding, defaulting and
 * validation (what the API server would store). Plain data only.
 */
import type { ContainerPortInfo, IngressBackendInfo, IngressPathInfo, ServiceType } from '../api/types'
import type { Labels } from '../util/labels'

export interface ObjectMeta {
  name: string
  namespace: string
  labels: Labels
  annotations: Labels
  /** Document index in the YAML: also the order objects were created in. */
  docIndex: number
  /** Creation order among all objects (document order, List items in order). */
  seq: number
  /** The controller in metadata.ownerReferences, when pasted from a real cluster. */
  owner?: { kind: string; name: string }
}

export interface LabelSelectorRequirement {
  key: string
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'
  values: string[]
}

export interface LabelSelector {
  matchLabels: Labels
  matchExpressions: LabelSelectorRequirement[]
}

export type Probe =
  | { type: 'httpGet'; port: number | string; path: string }
  | { type: 'tcpSocket'; port: number | string }
  | { type: 'grpc'; port: number }
  | { type: 'exec'; command: string[] }

export interface EnvVar {
  name: string
  value?: string
  /** valueFrom is kept as a description: the playground does not resolve it. */
  valueFrom?: string
}

export interface ContainerSpec {
  name: string
  image: string
  ports: ContainerPortInfo[]
  env: EnvVar[]
  readinessProbe?: Probe
}

export interface Toleration {
  key?: string
  operator: 'Equal' | 'Exists'
  value?: string
  effect?: string
}

export interface PodSpec {
  containers: ContainerSpec[]
  nodeName?: string
  nodeSelector: Labels
  tolerations: Toleration[]
  hostname?: string
  subdomain?: string
  enableServiceLinks: boolean
  dnsPolicy: string
  /** spec.dnsConfig: merged into what dnsPolicy generates (appended; options override by name). */
  dnsConfig?: { nameservers: string[]; searches: string[]; options: { name: string; value?: string }[] }
}

export interface PodTemplate {
  labels: Labels
  annotations: Labels
  spec: PodSpec
}

/** Observed state pasted from a real cluster (`kubectl get -o yaml`). */
export interface PodStatusGiven {
  phase?: string
  podIP?: string
  hostIP?: string
  ready?: boolean
}

export interface PodObject {
  meta: ObjectMeta
  /** metadata.generateName when the pod is named by the API server. */
  generateName?: string
  template: PodTemplate
  status: PodStatusGiven
}

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'ReplicationController'

export interface WorkloadObject {
  kind: WorkloadKind
  meta: ObjectMeta
  replicas: number
  selector: LabelSelector
  template: PodTemplate
}

export interface ServicePortSpec {
  name?: string
  port: number
  targetPort: number | string
  nodePort?: number
  protocol: string
}

export interface ServiceObject {
  meta: ObjectMeta
  type: ServiceType
  selector: Labels | null
  /** spec.clusterIP as written: '' (allocate), 'None' (headless) or an address. */
  requestedClusterIP: string
  ports: ServicePortSpec[]
  externalIPs: string[]
  externalName?: string
  sessionAffinity: 'None' | 'ClientIP'
  sessionAffinityTimeoutSeconds?: number
  externalTrafficPolicy?: 'Cluster' | 'Local'
  internalTrafficPolicy?: 'Cluster' | 'Local'
  publishNotReadyAddresses: boolean
  allocateLoadBalancerNodePorts: boolean
  loadBalancerIP?: string
  loadBalancerClass?: string
  /** spec.ipFamilyPolicy as written (the API server defaults it; see kubectl/describe.ts). */
  ipFamilyPolicy?: string
  /** status.loadBalancer.ingress[].ip as pasted. */
  statusIngressIPs: string[]
  /** spec.loadBalancerSourceRanges: CIDRs allowed to reach the load balancer address. */
  loadBalancerSourceRanges?: string[]
  /** status.loadBalancer.ingress[].hostname as pasted (cloud load balancers with a DNS name). */
  statusIngressHostnames?: string[]
  builtIn: boolean
}

export interface EndpointAddress {
  ip: string
  hostname?: string
  nodeName?: string
  targetRef?: { kind: string; name: string; namespace: string }
}

export interface EndpointPort {
  name?: string
  port: number
  protocol: string
}

export interface EndpointSubset {
  addresses: EndpointAddress[]
  notReadyAddresses: EndpointAddress[]
  ports: EndpointPort[]
}

export interface EndpointsObject {
  meta: ObjectMeta
  subsets: EndpointSubset[]
}

export interface EndpointSliceObject {
  meta: ObjectMeta
  addressType: string
  ports: EndpointPort[]
  endpoints: {
    addresses: string[]
    ready: boolean
    serving: boolean
    terminating: boolean
    nodeName?: string
    targetRef?: { kind: string; name: string; namespace: string }
  }[]
}

export interface IngressObject {
  meta: ObjectMeta
  apiVersion: string
  /** spec.ingressClassName (what `kubectl get ingress` shows as CLASS). */
  ingressClassName?: string
  /** The legacy `kubernetes.io/ingress.class` annotation, which controllers still honour. */
  classAnnotation?: string
  rules: { host?: string; paths: IngressPathInfo[] }[]
  defaultBackend?: IngressBackendInfo
  tls: { hosts: string[]; secretName?: string }[]
  statusAddresses: string[]
}

export interface IngressClassObject {
  meta: ObjectMeta
  controller: string
  isDefault: boolean
}

export interface NodeObject {
  meta: ObjectMeta
  podCIDR?: string
  internalIP?: string
  taints: { key: string; value?: string; effect: string }[]
  unschedulable: boolean
  /** status.conditions Ready, when pasted. */
  ready?: boolean
}

export interface NamespaceObject {
  meta: ObjectMeta
}

export interface AddressPoolObject {
  meta: ObjectMeta
  /** CIDRs or `a.b.c.d-a.b.c.e` ranges, as written. */
  addresses: string[]
  autoAssign: boolean
  avoidBuggyIPs: boolean
}

export interface KubeProxyConfigObject {
  meta: ObjectMeta
  mode: string
  ipvsScheduler: string
}

/** Everything the YAML asked for, decoded and validated. */
export interface DesiredState {
  namespaces: NamespaceObject[]
  nodes: NodeObject[]
  pods: PodObject[]
  workloads: WorkloadObject[]
  services: ServiceObject[]
  endpoints: EndpointsObject[]
  endpointSlices: EndpointSliceObject[]
  ingresses: IngressObject[]
  ingressClasses: IngressClassObject[]
  addressPools: AddressPoolObject[]
  kubeProxyConfigs: KubeProxyConfigObject[]
}
