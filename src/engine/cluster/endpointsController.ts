/**
 * The endpoints controller and the EndpointSlice controllers
 * (k8s-semantics.md §2): selector -> ready and not-ready addresses, named
 * targetPorts resolved per pod, Services without a selector fed by the
 * Endpoints object of the same name (mirrored to a slice) or by slices
 * labelled kubernetes.io/service-name.
 */
import type { Ep, EndpointSliceInfo, EndpointsView } from '../api/types'
import { selectorMatches } from '../util/labels'
import { parseIPv4 } from '../util/ip'
import type { EndpointSliceObject, EndpointsObject } from '../model/objects'
import type { PodState, ServiceState } from './state'

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'
const CONTROLLER_MANAGED = 'endpointslice-controller.k8s.io'
const MIRROR_MANAGED = 'endpointslicemirroring-controller.k8s.io'

/** FindPort: a number is used as is; a name is looked up among the pod's container ports with the same protocol. */
export function findPort(pod: PodState, targetPort: number | string, protocol: string): number | undefined {
  if (typeof targetPort === 'number') return targetPort
  for (const c of pod.spec.containers) {
    for (const p of c.ports) if (p.name === targetPort && p.protocol === protocol) return p.containerPort
  }
  return undefined
}

/** A pod the controller considers: not terminal and with an IP (ShouldPodBeInEndpoints). */
function isCandidate(pod: PodState): boolean {
  return pod.ip !== '' && pod.phase !== 'Succeeded' && pod.phase !== 'Failed'
}

function compareEp(a: Ep, b: Ep): number {
  const ia = parseIPv4(a.ip) ?? 0
  const ib = parseIPv4(b.ip) ?? 0
  return ia - ib || a.port - b.port || (a.portName ?? '').localeCompare(b.portName ?? '')
}

export interface EndpointsResult {
  endpoints: Map<string, EndpointsView>
  slices: EndpointSliceInfo[]
  objects: { namespace: string; name: string; view: EndpointsView; builtIn: boolean }[]
}

export function runEndpointsControllers(
  services: ServiceState[],
  pods: PodState[],
  manualEndpoints: EndpointsObject[],
  manualSlices: EndpointSliceObject[],
  apiServerEndpoints: Ep[],
): EndpointsResult {
  const endpoints = new Map<string, EndpointsView>()
  const slices: EndpointSliceInfo[] = []
  for (const s of services) {
    const svc = s.obj
    const key = `${svc.meta.namespace}/${svc.meta.name}`
    if (svc.type === 'ExternalName') continue
    if (svc.builtIn && svc.meta.name === 'kubernetes' && svc.meta.namespace === 'default') {
      endpoints.set(key, { ready: apiServerEndpoints, notReady: [] })
      slices.push(sliceFrom(svc.meta.namespace, svc.meta.name, 'kubernetes', apiServerEndpoints, [], 'endpoint-controller'))
      continue
    }
    if (svc.selector === null) {
      const view = manualView(svc.meta.namespace, svc.meta.name, manualEndpoints, manualSlices)
      endpoints.set(key, view)
      const mirrored = manualEndpoints.find((e) => e.meta.namespace === svc.meta.namespace && e.meta.name === svc.meta.name)
      if (mirrored && mirrored.meta.labels['endpointslice.kubernetes.io/skip-mirror'] !== 'true') {
        const fromEndpoints = epsFromEndpoints(mirrored)
        slices.push(sliceFrom(svc.meta.namespace, svc.meta.name, `${svc.meta.name}-mirrored`, fromEndpoints.ready, fromEndpoints.notReady, MIRROR_MANAGED))
      }
      for (const sl of manualSlices) {
        if (sl.meta.namespace === svc.meta.namespace && sl.meta.labels[SERVICE_NAME_LABEL] === svc.meta.name) slices.push(manualSliceInfo(sl, svc.meta.name))
      }
      continue
    }
    const ready: Ep[] = []
    const notReady: Ep[] = []
    const selected = pods.filter((p) => p.namespace === svc.meta.namespace && isCandidate(p) && selectorMatches(svc.selector!, p.labels))
    for (const pod of selected) {
      const target = pod.ready || svc.publishNotReadyAddresses ? ready : notReady
      // ShouldSetHostname: spec.hostname is published when spec.subdomain names this Service.
      const hostname = pod.spec.hostname && pod.spec.subdomain === svc.meta.name ? pod.spec.hostname : undefined
      if (svc.ports.length === 0) {
        target.push(hostname ? { ip: pod.ip, port: 0, pod: pod.name, node: pod.node, hostname } : { ip: pod.ip, port: 0, pod: pod.name, node: pod.node })
        continue
      }
      for (const port of s.ports) {
        const number = findPort(pod, port.targetPort, port.protocol)
        if (number === undefined) continue // "Failed to find port for service": only this (pod, port) pair is skipped
        const ep: Ep = { ip: pod.ip, port: number, pod: pod.name, node: pod.node }
        if (port.name) ep.portName = port.name
        if (hostname) ep.hostname = hostname
        target.push(ep)
      }
    }
    ready.sort(compareEp)
    notReady.sort(compareEp)
    endpoints.set(key, { ready, notReady })
    slices.push(...controllerSlices(s, selected))
  }
  // The Endpoints objects: the controller's for Services with a selector (and the API server's for
  // kubernetes), and every hand-written one under its own name unless the controller owns that name.
  const objects: EndpointsResult['objects'] = []
  const owned = new Set<string>()
  for (const s of services) {
    const svc = s.obj
    if (svc.type === 'ExternalName' || (svc.selector === null && !(svc.builtIn && svc.meta.name === 'kubernetes'))) continue
    const key = `${svc.meta.namespace}/${svc.meta.name}`
    owned.add(key)
    objects.push({ namespace: svc.meta.namespace, name: svc.meta.name, view: endpoints.get(key) ?? { ready: [], notReady: [] }, builtIn: svc.builtIn })
  }
  for (const e of manualEndpoints) {
    if (owned.has(`${e.meta.namespace}/${e.meta.name}`)) continue
    objects.push({ namespace: e.meta.namespace, name: e.meta.name, view: epsFromEndpoints(e), builtIn: false })
  }
  return { endpoints, slices, objects }
}

function epsFromEndpoints(e: EndpointsObject): EndpointsView {
  const ready: Ep[] = []
  const notReady: Ep[] = []
  for (const subset of e.subsets) {
    const ports = subset.ports.length > 0 ? subset.ports : [{ port: 0, protocol: 'TCP' }]
    for (const [list, target] of [[subset.addresses, ready], [subset.notReadyAddresses, notReady]] as const) {
      for (const a of list) {
        for (const p of ports) {
          const ep: Ep = { ip: a.ip, port: p.port }
          if ('name' in p && p.name) ep.portName = p.name
          if (a.targetRef?.kind === 'Pod') ep.pod = a.targetRef.name
          if (a.nodeName) ep.node = a.nodeName
          if (a.hostname) ep.hostname = a.hostname
          target.push(ep)
        }
      }
    }
  }
  return { ready: ready.sort(compareEp), notReady: notReady.sort(compareEp) }
}

/** What kube-proxy sees for a selector-less Service: its Endpoints (mirrored) plus slices labelled for it. */
function manualView(namespace: string, name: string, manualEndpoints: EndpointsObject[], manualSlices: EndpointSliceObject[]): EndpointsView {
  const ready: Ep[] = []
  const notReady: Ep[] = []
  const seen = new Set<string>()
  const add = (list: Ep[], ep: Ep): void => {
    const k = `${ep.ip}:${ep.port}:${ep.portName ?? ''}`
    if (seen.has(k)) return
    seen.add(k)
    list.push(ep)
  }
  const e = manualEndpoints.find((x) => x.meta.namespace === namespace && x.meta.name === name)
  if (e) {
    const v = epsFromEndpoints(e)
    v.ready.forEach((ep) => add(ready, ep))
    v.notReady.forEach((ep) => add(notReady, ep))
  }
  for (const sl of manualSlices) {
    if (sl.meta.namespace !== namespace || sl.meta.labels[SERVICE_NAME_LABEL] !== name) continue
    const ports = sl.ports.length > 0 ? sl.ports : [{ port: 0, protocol: 'TCP' }]
    for (const ep of sl.endpoints) {
      for (const address of ep.addresses) {
        for (const p of ports) {
          const out: Ep = { ip: address, port: p.port }
          if ('name' in p && p.name) out.portName = p.name
          if (ep.targetRef?.kind === 'Pod') out.pod = ep.targetRef.name
          if (ep.nodeName) out.node = ep.nodeName
          add(ep.ready ? ready : notReady, out)
        }
      }
    }
  }
  return { ready: ready.sort(compareEp), notReady: notReady.sort(compareEp) }
}

/**
 * The EndpointSlice controller: one slice per distinct set of resolved ports
 * (pods whose named port maps to different numbers land in different
 * slices); conditions ready = ready or publishNotReadyAddresses, serving =
 * the pod's Ready condition (k8s-semantics.md §2.4).
 */
function controllerSlices(s: ServiceState, pods: PodState[]): EndpointSliceInfo[] {
  const svc = s.obj
  const groups = new Map<string, { ports: { name?: string; port: number; protocol: string }[]; pods: PodState[] }>()
  for (const pod of pods) {
    const ports = s.ports.flatMap((p) => {
      const n = findPort(pod, p.targetPort, p.protocol)
      if (n === undefined) return []
      return [p.name ? { name: p.name, port: n, protocol: p.protocol } : { port: n, protocol: p.protocol }]
    })
    if (s.ports.length > 0 && ports.length === 0) continue
    const sig = ports.map((p) => `${p.name ?? ''}/${p.port}/${p.protocol}`).join(',')
    const g = groups.get(sig) ?? { ports, pods: [] }
    g.pods.push(pod)
    groups.set(sig, g)
  }
  const keys = [...groups.keys()].sort()
  if (keys.length === 0) {
    // A Service that selects no pod still gets a placeholder slice (no ports, no endpoints).
    return [{ name: `${svc.meta.name}-${sliceSuffix(svc.meta.name)}`, namespace: svc.meta.namespace, service: svc.meta.name, addressType: 'IPv4', ports: [], endpoints: [], managedBy: CONTROLLER_MANAGED }]
  }
  return keys.map((sig, i) => {
    const g = groups.get(sig)!
    const sorted = g.pods.slice().sort((a, b) => (parseIPv4(a.ip) ?? 0) - (parseIPv4(b.ip) ?? 0))
    return {
      name: `${svc.meta.name}-${sliceSuffix(i === 0 ? svc.meta.name : `${svc.meta.name}#${sig}`)}`,
      namespace: svc.meta.namespace,
      service: svc.meta.name,
      addressType: 'IPv4' as const,
      ports: g.ports,
      endpoints: sorted.map((pod) => ({
        addresses: [pod.ip],
        conditions: { ready: pod.ready || svc.publishNotReadyAddresses, serving: pod.ready, terminating: false },
        nodeName: pod.node,
        targetRef: { kind: 'Pod' as const, name: pod.name, namespace: pod.namespace },
      })),
      managedBy: CONTROLLER_MANAGED,
    }
  })
}

function sliceSuffix(name: string): string {
  // generateName suffix of the slice: stable per Service.
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789'
  let h = 0
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0
  let out = ''
  for (let i = 0; i < 5; i++) {
    out += alphabet[h % alphabet.length]
    h = Math.floor(h / alphabet.length) + 7 * (i + 1)
  }
  return out
}

function sliceFrom(namespace: string, service: string, name: string, ready: Ep[], notReady: Ep[], managedBy: string, svc?: ServiceState): EndpointSliceInfo {
  const ports = svc
    ? svc.ports.map((p) => (p.name ? { name: p.name, port: 0, protocol: p.protocol } : { port: 0, protocol: p.protocol }))
    : []
  const byIP = new Map<string, EndpointSliceInfo['endpoints'][number]>()
  const portsSeen = new Map<string, number>()
  for (const [list, isReady] of [[ready, true], [notReady, false]] as const) {
    for (const ep of list) {
      if (!byIP.has(ep.ip)) {
        byIP.set(ep.ip, {
          addresses: [ep.ip],
          conditions: { ready: isReady, serving: isReady, terminating: false },
          nodeName: ep.node,
          targetRef: ep.pod ? { kind: 'Pod', name: ep.pod, namespace } : undefined,
        })
      }
      portsSeen.set(ep.portName ?? '', ep.port)
    }
  }
  const slicePorts = svc
    ? ports.map((p) => ({ ...p, port: portsSeen.get(p.name ?? '') ?? 0 }))
    : [...portsSeen.entries()].map(([n, port]) => (n ? { name: n, port, protocol: 'TCP' } : { port, protocol: 'TCP' }))
  return { name, namespace, service, addressType: 'IPv4', ports: slicePorts, endpoints: [...byIP.values()], managedBy }
}

function manualSliceInfo(sl: EndpointSliceObject, service: string): EndpointSliceInfo {
  return {
    name: sl.meta.name,
    namespace: sl.meta.namespace,
    service,
    addressType: 'IPv4',
    ports: sl.ports,
    endpoints: sl.endpoints.map((e) => ({
      addresses: e.addresses,
      conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating },
      nodeName: e.nodeName,
      targetRef: e.targetRef?.kind === 'Pod' ? { kind: 'Pod', name: e.targetRef.name, namespace: e.targetRef.namespace } : undefined,
    })),
    managedBy: sl.meta.labels['endpointslice.kubernetes.io/managed-by'] ?? 'user',
  }
}
