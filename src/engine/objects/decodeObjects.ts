/**
 * Manifests -> the desired state, as the API server would accept it:
 * unknown kinds warned about, removed API versions converted, metadata
 * validated, each kind decoded, defaulted and validated. An object with an
 * error is rejected (left out), exactly as `kubectl apply` would be refused.
 */
import type { Diagnostic } from '../api/types'
import type { Manifest } from '../parse/parseManifests'
import { checkUnknownFields } from '../parse/strictFields'
import { toLabels } from '../util/labels'
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../util/validation'
import type { DesiredState, ObjectMeta } from '../model/objects'
import { asObject, ReadContext } from './context'
import { isNamespaced, lookupKind, nameRule, type SimulatedKind } from './kinds'
import { readAddressPool, readKubeProxyConfig, readNamespace, readNode } from './readCluster'
import { readEndpointSlice, readEndpoints } from './readEndpoints'
import { readIngress, readIngressClass } from './readIngress'
import { readPod, readWorkload } from './readPod'
import { readService } from './readService'

export const BUILT_IN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system']

export interface DecodeResult {
  desired: DesiredState
  diagnostics: Diagnostic[]
}

function emptyState(): DesiredState {
  return {
    namespaces: [], nodes: [], pods: [], workloads: [], services: [], endpoints: [], endpointSlices: [],
    ingresses: [], ingressClasses: [], addressPools: [], kubeProxyConfigs: [],
  }
}

function readMeta(ctx: ReadContext, kind: SimulatedKind, seq: number): ObjectMeta | undefined {
  const m = ctx.m
  const md = asObject(m.body.metadata) ?? {}
  const namespaced = isNamespaced(kind)
  const meta: ObjectMeta = {
    name: m.name,
    namespace: namespaced ? m.namespace || 'default' : '',
    labels: toLabels(md.labels),
    annotations: toLabels(md.annotations),
    docIndex: m.docIndex,
    seq,
    owner: readOwner(md.ownerReferences),
  }
  if (kind === 'KubeProxyConfiguration') return meta
  if (m.name === '') {
    if (kind === 'Pod' && typeof md.generateName === 'string' && md.generateName !== '') return meta
    ctx.required(['metadata', 'name'], 'name or generateName is required')
    return undefined
  }
  const rule = nameRule(kind)
  const problems = rule === 'dns1035' ? isDNS1035Label(m.name) : rule === 'dns1123label' ? isDNS1123Label(m.name) : isDNS1123Subdomain(m.name)
  for (const msg of problems) ctx.invalid(['metadata', 'name'], m.name, msg)
  for (const [k, v] of Object.entries(meta.labels)) {
    for (const msg of isQualifiedName(k)) ctx.invalid(['metadata', 'labels'], k, msg)
    for (const msg of isValidLabelValue(v)) ctx.invalid(['metadata', 'labels'], v, msg)
  }
  return problems.length > 0 ? undefined : meta
}

function readOwner(raw: unknown): ObjectMeta['owner'] {
  if (!Array.isArray(raw)) return undefined
  const refs = raw.map(asObject).filter((r): r is Record<string, unknown> => !!r)
  const ref = refs.find((r) => r.controller === true) ?? refs[0]
  if (!ref || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined
  return { kind: ref.kind, name: ref.name }
}

export function decodeObjects(manifests: Manifest[]): DecodeResult {
  const desired = emptyState()
  const diagnostics: Diagnostic[] = []
  const accepted: { m: Manifest; kind: SimulatedKind; namespace: string; seq: number }[] = []

  manifests.forEach((m, seq) => {
    const ctx = new ReadContext(m)
    const found = lookupKind(m.apiVersion, m.kind)
    if (found.status === 'not-simulated') {
      ctx.warn(['kind'], `kind ${m.kind} is not simulated: the playground ignores this object`, 'KIND_NOT_SIMULATED')
      diagnostics.push(...ctx.diagnostics)
      return
    }
    if (found.status === 'no-match') {
      ctx.error(['apiVersion'], `resource mapping not found for name: "${m.name}": no matches for kind "${m.kind}" in version "${m.apiVersion}"`, 'NO_KIND_MATCH')
      diagnostics.push(...ctx.diagnostics)
      return
    }
    const kind = found.kind
    if (found.removed) {
      ctx.warn(
        ['apiVersion'],
        `${m.apiVersion} ${m.kind} is no longer served since Kubernetes ${found.removed.since}: a real cluster refuses it. The playground converted it to ${found.removed.convertedTo}.`,
        'API_VERSION_REMOVED',
      )
    }
    checkUnknownFields(ctx, kind)
    const meta = readMeta(ctx, kind, seq)
    if (meta && !ctx.rejected) {
      const legacy = found.removed !== undefined
      switch (kind) {
        case 'Namespace': desired.namespaces.push(readNamespace(meta)); break
        case 'Node': push(ctx, desired.nodes, readNode(ctx, meta, m.body)); break
        case 'Pod': push(ctx, desired.pods, readPod(ctx, meta, m.body)); break
        case 'Deployment':
        case 'ReplicaSet':
        case 'ReplicationController': {
          const w = readWorkload(ctx, kind, meta, m.body, legacy)
          if (w) push(ctx, desired.workloads, w)
          break
        }
        case 'Service': push(ctx, desired.services, readService(ctx, meta, m.body)); break
        case 'Endpoints':
          ctx.warn(['kind'], 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice', 'ENDPOINTS_DEPRECATED')
          push(ctx, desired.endpoints, readEndpoints(ctx, meta, m.body))
          break
        case 'EndpointSlice': push(ctx, desired.endpointSlices, readEndpointSlice(ctx, meta, m.body)); break
        case 'Ingress': push(ctx, desired.ingresses, readIngress(ctx, meta, m.body, m.apiVersion, legacy)); break
        case 'IngressClass': push(ctx, desired.ingressClasses, readIngressClass(ctx, meta, m.body)); break
        case 'IPAddressPool': push(ctx, desired.addressPools, readAddressPool(ctx, meta, m.body)); break
        case 'L2Advertisement':
        case 'BGPAdvertisement': break // announcements: every pool is announced in the playground
        case 'KubeProxyConfiguration': push(ctx, desired.kubeProxyConfigs, readKubeProxyConfig(ctx, meta, m.body)); break
        default: {
          const never: never = kind
          throw new Error(`unhandled kind ${String(never)}`)
        }
      }
      if (!ctx.rejected) accepted.push({ m, kind, namespace: meta.namespace, seq })
    }
    diagnostics.push(...ctx.diagnostics)
  })

  checkNamespacesExist(desired, accepted, diagnostics)
  dropDuplicates(desired, diagnostics, manifests)
  return { desired, diagnostics }
}

function push<T>(ctx: ReadContext, list: T[], value: T): void {
  if (!ctx.rejected) list.push(value)
}

/** An object in a namespace that does not exist is refused: `namespaces "x" not found`. */
function checkNamespacesExist(
  desired: DesiredState,
  accepted: { m: Manifest; kind: SimulatedKind; namespace: string; seq: number }[],
  diagnostics: Diagnostic[],
): void {
  // kubectl apply creates objects in file order: a namespace exists for the documents after its own.
  const createdAt = new Map<string, number>(BUILT_IN_NAMESPACES.map((n) => [n, -1]))
  for (const n of desired.namespaces) if (!createdAt.has(n.meta.name)) createdAt.set(n.meta.name, n.meta.seq)
  // Installing MetalLB creates its namespace; the playground treats its objects as that install.
  if (desired.addressPools.length > 0 && !createdAt.has('metallb-system')) createdAt.set('metallb-system', -1)
  const missing = new Set<string>()
  for (const a of accepted) {
    const nsAt = createdAt.get(a.namespace)
    if (a.namespace === '' || (nsAt !== undefined && nsAt < a.seq)) continue
    missing.add(`${a.m.kind}/${a.namespace}/${a.m.name}`)
    const ctx = new ReadContext(a.m)
    const later = nsAt !== undefined ? ` (the Namespace is created by a later document: kubectl apply goes in file order)` : ''
    ctx.error(['metadata', 'namespace'], `Error from server (NotFound): namespaces "${a.namespace}" not found${later}`, 'NAMESPACE_NOT_FOUND')
    diagnostics.push(...ctx.diagnostics)
  }
  if (missing.size === 0) return
  const keep = <T extends { meta: ObjectMeta }>(list: T[], kind: string): T[] =>
    list.filter((o) => !missing.has(`${kind}/${o.meta.namespace}/${o.meta.name}`))
  desired.pods = keep(desired.pods, 'Pod')
  desired.workloads = desired.workloads.filter((w) => !missing.has(`${w.kind}/${w.meta.namespace}/${w.meta.name}`))
  desired.services = keep(desired.services, 'Service')
  desired.endpoints = keep(desired.endpoints, 'Endpoints')
  desired.endpointSlices = keep(desired.endpointSlices, 'EndpointSlice')
  desired.ingresses = keep(desired.ingresses, 'Ingress')
  desired.addressPools = keep(desired.addressPools, 'IPAddressPool')
}

/** Two documents for the same object: `kubectl apply` applies both in order, so the later one wins. */
function dropDuplicates(desired: DesiredState, diagnostics: Diagnostic[], manifests: Manifest[]): void {
  const dedupe = <T extends { meta: ObjectMeta }>(list: T[], kindOf: (o: T) => string): T[] => {
    const last = new Map<string, T>()
    for (const o of list) {
      const key = `${kindOf(o)}/${o.meta.namespace}/${o.meta.name}`
      const earlier = last.get(key)
      if (earlier && o.meta.name !== '') {
        const m = manifests[o.meta.seq]
        const ctx = new ReadContext(m)
        ctx.warn(['metadata', 'name'], `${kindOf(o)} "${o.meta.name}" is defined again (first in document ${earlier.meta.docIndex + 1}): kubectl apply applies both, so this later one replaces it`, 'DUPLICATE_OBJECT', 'value')
        diagnostics.push(...ctx.diagnostics)
      }
      last.set(o.meta.name === '' ? `${key}#${o.meta.seq}` : key, o)
    }
    return [...last.values()]
  }
  desired.namespaces = dedupe(desired.namespaces, () => 'Namespace')
  desired.nodes = dedupe(desired.nodes, () => 'Node')
  desired.pods = dedupe(desired.pods, () => 'Pod')
  desired.workloads = dedupe(desired.workloads, (w) => w.kind)
  desired.services = dedupe(desired.services, () => 'Service')
  desired.endpoints = dedupe(desired.endpoints, () => 'Endpoints')
  desired.endpointSlices = dedupe(desired.endpointSlices, () => 'EndpointSlice')
  desired.ingresses = dedupe(desired.ingresses, () => 'Ingress')
  desired.ingressClasses = dedupe(desired.ingressClasses, () => 'IngressClass')
  desired.addressPools = dedupe(desired.addressPools, () => 'IPAddressPool')
}
