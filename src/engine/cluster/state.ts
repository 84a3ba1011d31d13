/** The reconciled cluster: what the control plane made of the desired state. */
import type { Diagnostic, EndpointSliceInfo, EndpointsView, ServicePortInfo } from '../api/types'
import type { Cidr } from '../util/ip'
import type { Labels } from '../util/labels'
import type { IngressClassObject, IngressObject, PodSpec, ServiceObject } from '../model/objects'

export interface NodeState {
  name: string
  ip: string
  podCIDR: string
  cidr: Cidr
  ready: boolean
  roles: string[]
  labels: Labels
  taints: { key: string; value?: string; effect: string }[]
  unschedulable: boolean
  /** -1 for nodes the playground made up. */
  docIndex: number
}

export interface PodState {
  name: string
  namespace: string
  /** '' while the pod is not scheduled. */
  node: string
  /** '' while the pod has no IP. */
  ip: string
  labels: Labels
  annotations: Labels
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'
  ready: boolean
  notReadyReason?: string
  spec: PodSpec
  owner?: { kind: string; name: string }
  /** The controller that keeps this pod alive (RS or RC key) and the pod's ordinal in it. */
  controllerKey?: string
  ordinal?: number
  docIndex: number
  /** Index of the manifest (pod or controller) the pod comes from; -1 for built-ins. */
  sourceSeq: number
  createdSeq: number
  builtIn: boolean
  /** Files created inside the pod by `kubectl exec ... touch`. */
  files: string[]
  /** Why the scheduler could not place it. */
  schedulingMessage?: string
}

export interface ServiceState {
  obj: ServiceObject
  /** The allocated ClusterIP, 'None' for headless, '' for ExternalName or when rejected. */
  clusterIP: string
  ports: ServicePortInfo[]
  /** LoadBalancer addresses (status.loadBalancer.ingress). */
  loadBalancerIPs: string[]
  /** Which pool a LoadBalancer address came from. */
  loadBalancerPool?: string
}

export interface ReplicaSetState {
  name: string
  namespace: string
  /** Deployment that owns it, if any. */
  deployment?: string
  replicas: number
  templateHash?: string
}

export interface ClusterState {
  nodes: NodeState[]
  pods: PodState[]
  services: ServiceState[]
  replicaSets: ReplicaSetState[]
  /** Keyed `namespace/name` of the Service. */
  endpoints: Map<string, EndpointsView>
  endpointSlices: EndpointSliceInfo[]
  /** The Endpoints objects that exist (what `kubectl get endpoints` lists), by their own name. */
  endpointsObjects: { namespace: string; name: string; view: EndpointsView; builtIn: boolean }[]
  ingresses: IngressObject[]
  ingressClasses: IngressClassObject[]
  namespaces: { name: string; builtIn: boolean }[]
  diagnostics: Diagnostic[]
}

export function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`
}
