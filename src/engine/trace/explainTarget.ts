/**
 * Helpers for "Why did this fail?" (explain.ts): what a traced request was
 * aimed at (a ClusterIP, a NodePort, a load balancer or external IP, a pod,
 * a node), who sent it, and why a Service has no ready endpoints
 * (k8s-semantics.md §2.1–2.3, §8): a selector that matches no pod, pods
 * that are not ready, a named targetPort no pod declares, a selector-less
 * Service without Endpoints.
 */
import type { Explanation, RequestSpec, Trace } from '../api/types'
import { findPort } from '../cluster/endpointsController'
import type { ClusterState, NodeState, PodState, ServiceState } from '../cluster/state'
import { formatLabels, selectorMatches } from '../util/labels'

export type Source =
  | { kind: 'pod'; pod?: PodState; name: string; namespace: string }
  | { kind: 'node'; node?: NodeState; name: string }
  | { kind: 'external'; ip?: string }

export function sourceOf(state: ClusterState, req: RequestSpec): Source {
  if (req.from === 'external') return { kind: 'external', ip: req.clientIP }
  const [kind, ...rest] = req.from.split('/')
  if (kind === 'node') {
    const name = rest.join('/')
    return { kind: 'node', name, node: state.nodes.find((n) => n.name === name) }
  }
  const [namespace, name] = rest.length >= 2 ? [rest[0], rest[1]] : ['default', rest[0] ?? '']
  return { kind: 'pod', name, namespace, pod: state.pods.find((p) => p.namespace === namespace && p.name === name) }
}

export type AimKind = 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP' | 'pod' | 'node' | 'other'

/** Where the first connection of a request went, and what owns that address. */
export interface Aim {
  ip: string
  port: number
  kind: AimKind
  svc?: ServiceState
  node?: NodeState
  pod?: PodState
}

const splitHostPort = (hp: string): { ip: string; port: number } => {
  const i = hp.lastIndexOf(':')
  return { ip: hp.slice(0, i), port: Number(hp.slice(i + 1)) }
}

/** The destination of the trace's first connection (after DNS), if one was opened. */
export function aimOf(state: ClusterState, trace: Trace, source: Source): Aim | undefined {
  const send = trace.steps.find((s) => s.kind === 'send' && s.packet)
  if (!send?.packet) return undefined
  const dst = splitHostPort(send.packet.dst)
  const port = dst.port
  let ip = dst.ip
  // 127.0.0.1:<nodePort> from a node is that node's NodePort.
  if (ip.startsWith('127.') && source.kind === 'node' && source.node) ip = source.node.ip
  const svcs = state.services
  const byClusterIP = svcs.find((s) => s.clusterIP === ip)
  if (byClusterIP) return { ip, port, kind: 'clusterIP', svc: byClusterIP }
  const byLb = svcs.find((s) => s.loadBalancerIPs.includes(ip))
  if (byLb) return { ip, port, kind: 'loadBalancer', svc: byLb }
  const byExternal = svcs.find((s) => s.obj.externalIPs.includes(ip))
  if (byExternal) return { ip, port, kind: 'externalIP', svc: byExternal }
  const node = state.nodes.find((n) => n.ip === ip)
  if (node) {
    const svc = svcs.find((s) => s.ports.some((p) => p.nodePort === port))
    return svc ? { ip, port, kind: 'nodePort', svc, node } : { ip, port, kind: 'node', node }
  }
  const pod = state.pods.find((p) => p.ip === ip)
  if (pod) return { ip, port, kind: 'pod', pod }
  return { ip, port, kind: 'other' }
}

export function svcName(svc: ServiceState): string {
  return `${svc.obj.meta.namespace}/${svc.obj.meta.name}`
}

export function portList(svc: ServiceState): string {
  return svc.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'no ports'
}

/** The Service port a connection to `aim` used, when it used one. */
export function servicePortOf(aim: Aim): ServiceState['ports'][number] | undefined {
  if (!aim.svc) return undefined
  if (aim.kind === 'nodePort') return aim.svc.ports.find((p) => p.nodePort === aim.port)
  return aim.svc.ports.find((p) => p.port === aim.port && p.protocol === 'TCP')
}

function isCandidate(pod: PodState): boolean {
  return pod.ip !== '' && pod.phase !== 'Succeeded' && pod.phase !== 'Failed'
}

/** Pods of the namespace whose labels come closest to the selector, with what differs. */
function nearMisses(state: ClusterState, svc: ServiceState, selector: Record<string, string>): string[] {
  const keys = Object.keys(selector)
  const pods = state.pods.filter((p) => p.namespace === svc.obj.meta.namespace && !p.builtIn)
  const scored = pods.map((p) => ({ p, wrong: keys.filter((k) => p.labels[k] !== selector[k]) }))
    .filter((x) => x.wrong.length < keys.length || keys.some((k) => k in x.p.labels))
  scored.sort((a, b) => a.wrong.length - b.wrong.length || (a.p.name < b.p.name ? -1 : 1))
  // Pods that miss the same way (replicas of one template) are named together.
  const groups = new Map<string, string[]>()
  for (const { p, wrong } of scored) {
    const have = wrong.map((k) => (k in p.labels ? `${k}=${p.labels[k]}` : `no ${k} label`)).join(', ')
    groups.set(have, [...(groups.get(have) ?? []), p.name])
  }
  return [...groups.entries()].slice(0, 3).map(([have, names]) => {
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')
    return `${shown} ${names.length === 1 ? 'has' : 'have'} ${have}`
  })
}

function selectorMissesEverything(state: ClusterState, svc: ServiceState, selector: Record<string, string>): Explanation {
  const name = svc.obj.meta.name
  const ns = svc.obj.meta.namespace
  const sel = formatLabels(selector)
  const elsewhere = state.pods.filter((p) => p.namespace !== ns && selectorMatches(selector, p.labels) && !p.builtIn)
  const unscheduled = state.pods.filter((p) => p.namespace === ns && selectorMatches(selector, p.labels) && !isCandidate(p))
  if (unscheduled.length > 0) {
    const p = unscheduled[0]
    return {
      title: 'The selected pods are not running',
      explanation: `Pods ${unscheduled.map((x) => x.name).join(', ')} match ${sel} but have no IP yet (${p.notReadyReason ?? p.phase}), so ${name} has no endpoints.`,
      fix: 'Get the pods scheduled and running: check the scheduling message, node taints and nodeSelector.',
    }
  }
  const misses = nearMisses(state, svc, selector)
  const parts = [`No pod in namespace ${ns} has the labels ${sel}, so the Service ${name} has no endpoints.`]
  if (misses.length > 0) parts.push(`Closest: ${misses.join('; ')}.`)
  if (elsewhere.length > 0) parts.push(`Pods ${elsewhere.map((p) => `${p.namespace}/${p.name}`).join(', ')} match, but a Service selects pods of its own namespace only.`)
  const firstMiss = misses[0]
  const fix = elsewhere.length > 0 && misses.length === 0
    ? `Create the Service in namespace ${elsewhere[0].namespace}, or run the pods in ${ns}.`
    : firstMiss
      ? `Make the selector and the pod template labels agree: change spec.selector of ${name}, or label the pods ${sel}.`
      : `Label the pods ${sel} (in the pod template of their Deployment), or change spec.selector of ${name}.`
  return { title: 'The selector matches no pod', explanation: parts.join(' '), fix }
}

/**
 * Why a Service has no ready endpoint for `port` (all its ports when
 * omitted). Empty when it has one.
 */
export function whyNoEndpoints(state: ClusterState, svc: ServiceState, port?: ServiceState['ports'][number]): Explanation[] {
  const o = svc.obj
  const name = o.meta.name
  const view = state.endpoints.get(`${o.meta.namespace}/${name}`) ?? { ready: [], notReady: [] }
  const forPort = (list: typeof view.ready) => (port ? list.filter((e) => (e.portName ?? '') === (port.name ?? '')) : list)
  if (forPort(view.ready).length > 0) return []
  if (o.type === 'ExternalName') return []
  if (o.selector === null) {
    if (view.ready.length > 0 && port) {
      const names = [...new Set(view.ready.map((e) => e.portName ?? '(unnamed)'))].join(', ')
      return [{
        title: 'The Endpoints port name does not match',
        explanation: `${name} has no selector; its Endpoints list ports named ${names}, but the Service port is ${port.name ? `named ${port.name}` : 'unnamed'}. kube-proxy pairs them by name, so this port has no endpoints.`,
        fix: `Give the Endpoints port the same name as the Service port (${port.name ?? 'no name'}).`,
      }]
    }
    if (view.notReady.length > 0) {
      return [{
        title: 'Every address is not ready',
        explanation: `${name} has no selector and its Endpoints list ${view.notReady.map((e) => e.ip).join(', ')} under notReadyAddresses only.`,
        fix: 'Move the addresses to subsets[].addresses.',
      }]
    }
    return [{
      title: 'No selector and no Endpoints',
      explanation: `${name} has no selector, so no controller writes its endpoints, and there is no Endpoints object named ${name} in ${o.meta.namespace}.`,
      fix: `Add a selector that matches your pods, or create an Endpoints object named ${name} with the addresses.`,
    }]
  }
  const selected = state.pods.filter((p) => p.namespace === o.meta.namespace && isCandidate(p) && selectorMatches(o.selector!, p.labels))
  if (selected.length === 0) return [selectorMissesEverything(state, svc, o.selector)]
  const ports = port ? [port] : svc.ports
  for (const p of ports) {
    if (typeof p.targetPort !== 'string') continue
    const lacking = selected.filter((pod) => findPort(pod, p.targetPort, p.protocol) === undefined)
    if (lacking.length === selected.length) {
      const declared = [...new Set(selected.flatMap((pod) => pod.spec.containers.flatMap((c) => c.ports.map((cp) => (cp.name ? `${cp.name} (${cp.containerPort})` : String(cp.containerPort))))))]
      return [{
        title: 'The targetPort name is not declared',
        explanation: `targetPort ${p.targetPort} names a container port, but no selected pod declares a port named ${p.targetPort}${declared.length ? ` (they declare ${declared.join(', ')})` : ''}. Without it the pods are left out of the endpoints.`,
        fix: `Name the container port ${p.targetPort} in the pod template, or set targetPort to the port number.`,
      }]
    }
  }
  const notReady = selected.filter((p) => !p.ready)
  if (notReady.length > 0 && !o.publishNotReadyAddresses) {
    const reasons = notReady.slice(0, 3).map((p) => `${p.name}: ${p.notReadyReason ?? 'not ready'}`)
    return [{
      title: 'No endpoint is ready',
      explanation: `${name} selects ${selected.length} pod${selected.length === 1 ? '' : 's'}, but none is ready, and a Service sends traffic to ready pods only. ${reasons.join('; ')}.`,
      fix: 'Make the readiness probe pass (or fix what it checks). Set publishNotReadyAddresses: true only if the pods should get traffic before they are ready.',
    }]
  }
  return []
}
