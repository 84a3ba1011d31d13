/**
 * Which apiVersion/kind pairs the playground's API server serves, and what it
 * says about the ones it does not.
 */

export type SimulatedKind =
  | 'Namespace' | 'Node' | 'Pod' | 'Deployment' | 'ReplicaSet' | 'ReplicationController'
  | 'Service' | 'Endpoints' | 'EndpointSlice' | 'Ingress' | 'IngressClass'
  | 'IPAddressPool' | 'L2Advertisement' | 'BGPAdvertisement' | 'KubeProxyConfiguration'

interface Served {
  kind: SimulatedKind
  /** Set for versions that real clusters no longer serve: how the playground converted it. */
  removed?: { since: string; convertedTo: string }
}

const SERVED: Record<string, Served[]> = {
  v1: [
    { kind: 'Namespace' }, { kind: 'Node' }, { kind: 'Pod' }, { kind: 'ReplicationController' },
    { kind: 'Service' }, { kind: 'Endpoints' },
  ],
  'apps/v1': [{ kind: 'Deployment' }, { kind: 'ReplicaSet' }],
  'apps/v1beta1': [{ kind: 'Deployment', removed: { since: '1.16', convertedTo: 'apps/v1' } }],
  'apps/v1beta2': [
    { kind: 'Deployment', removed: { since: '1.16', convertedTo: 'apps/v1' } },
    { kind: 'ReplicaSet', removed: { since: '1.16', convertedTo: 'apps/v1' } },
  ],
  'extensions/v1beta1': [
    { kind: 'Deployment', removed: { since: '1.16', convertedTo: 'apps/v1' } },
    { kind: 'ReplicaSet', removed: { since: '1.16', convertedTo: 'apps/v1' } },
    { kind: 'Ingress', removed: { since: '1.22', convertedTo: 'networking.k8s.io/v1' } },
  ],
  'discovery.k8s.io/v1': [{ kind: 'EndpointSlice' }],
  'discovery.k8s.io/v1beta1': [{ kind: 'EndpointSlice', removed: { since: '1.25', convertedTo: 'discovery.k8s.io/v1' } }],
  'networking.k8s.io/v1': [{ kind: 'Ingress' }, { kind: 'IngressClass' }],
  'networking.k8s.io/v1beta1': [
    { kind: 'Ingress', removed: { since: '1.22', convertedTo: 'networking.k8s.io/v1' } },
    { kind: 'IngressClass', removed: { since: '1.22', convertedTo: 'networking.k8s.io/v1' } },
  ],
  'metallb.io/v1beta1': [{ kind: 'IPAddressPool' }, { kind: 'L2Advertisement' }, { kind: 'BGPAdvertisement' }],
  'kubeproxy.config.k8s.io/v1alpha1': [{ kind: 'KubeProxyConfiguration' }],
}

const ALL_SIMULATED = new Set<string>(Object.values(SERVED).flat().map((s) => s.kind))

export type KindLookup =
  | { status: 'served'; kind: SimulatedKind; removed?: Served['removed'] }
  /** A simulated kind under an apiVersion that does not have it: the API server's "no matches". */
  | { status: 'no-match' }
  /** A kind the playground does not simulate (ConfigMap, Secret, ...). */
  | { status: 'not-simulated' }

export function lookupKind(apiVersion: string, kind: string): KindLookup {
  const served = SERVED[apiVersion]?.find((s) => s.kind === kind)
  if (served) return { status: 'served', kind: served.kind, removed: served.removed }
  if (ALL_SIMULATED.has(kind)) return { status: 'no-match' }
  return { status: 'not-simulated' }
}

/** Kinds that live in a namespace (the others are cluster-scoped). */
export function isNamespaced(kind: SimulatedKind): boolean {
  return !(kind === 'Namespace' || kind === 'Node' || kind === 'IngressClass' || kind === 'KubeProxyConfiguration')
}

/** The name rule the API server applies to each kind's metadata.name. */
export function nameRule(kind: SimulatedKind): 'dns1035' | 'dns1123label' | 'dns1123subdomain' {
  if (kind === 'Service') return 'dns1035'
  if (kind === 'Namespace') return 'dns1123label'
  return 'dns1123subdomain'
}
