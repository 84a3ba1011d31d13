/**
 * The warnings a teacher wants on top of the API server's: Services that
 * select nothing, targetPorts nobody serves, Ingress backends that do not
 * exist, pods that cannot be scheduled.
 */
import { formatLabels, selectorMatches } from '../util/labels'
import type { DesiredState, ServiceObject } from '../model/objects'
import { findPort } from './endpointsController'
import type { Reporter } from './report'
import type { ClusterState, PodState } from './state'

export function checkReferences(state: ClusterState, desired: DesiredState, report: Reporter): void {
  checkPending(state, desired, report)
  for (const s of state.services) {
    if (s.obj.builtIn) continue
    checkSelector(s.obj, s.ports, state.pods, report)
  }
  checkManualEndpoints(state, desired, report)
  checkIngressBackends(state, desired, report)
}

function checkPending(state: ClusterState, desired: DesiredState, report: Reporter): void {
  const seen = new Set<number>()
  for (const pod of state.pods) {
    if (pod.builtIn || pod.node !== '' && pod.ip !== '' || !pod.schedulingMessage || seen.has(pod.sourceSeq)) continue
    seen.add(pod.sourceSeq)
    const kind = desired.pods.some((p) => p.meta.seq === pod.sourceSeq) ? 'Pod' : desired.workloads.find((w) => w.meta.seq === pod.sourceSeq)?.kind ?? 'Pod'
    report.about({ seq: pod.sourceSeq }, kind, pod.name, ['spec'], 'warning', `Pod ${pod.name} stays Pending: ${pod.schedulingMessage}`, 'POD_PENDING', 'key')
  }
}

function checkSelector(svc: ServiceObject, ports: { name?: string; targetPort: number | string; protocol: string }[], pods: PodState[], report: Reporter): void {
  if (svc.type === 'ExternalName') {
    return
  }
  if (svc.selector === null) return
  const inNamespace = pods.filter((p) => p.namespace === svc.meta.namespace)
  const selected = inNamespace.filter((p) => selectorMatches(svc.selector!, p.labels))
  if (selected.length === 0) {
    const near = nearestLabels(svc.selector, inNamespace)
    report.about(svc.meta, 'Service', svc.meta.name, ['spec', 'selector'], 'warning',
      `Service "${svc.meta.name}" selects ${formatLabels(svc.selector, '(everything)')}, but no pod in namespace ${svc.meta.namespace} has these labels, so it has no endpoints${near ? ` (pods there have ${near})` : ''}`,
      'SELECTOR_MATCHES_NOTHING', 'key')
    return
  }
  ports.forEach((port, i) => {
    const declaring = selected.filter((p) => p.spec.containers.some((c) => c.ports.length > 0))
    if (typeof port.targetPort === 'number') {
      if (declaring.length === 0) return
      const serving = declaring.some((p) => p.spec.containers.some((c) => c.ports.some((cp) => cp.containerPort === port.targetPort && cp.protocol === port.protocol)))
      if (!serving) {
        const declared = [...new Set(declaring.flatMap((p) => p.spec.containers.flatMap((c) => c.ports.map((cp) => cp.containerPort))))].sort((a, b) => a - b)
        report.about(svc.meta, 'Service', svc.meta.name, ['spec', 'ports', i, 'targetPort'], 'warning',
          `targetPort ${port.targetPort} is not a containerPort of any selected pod (they declare ${declared.join(', ')}): connections to it will be refused`,
          'TARGET_PORT_NOT_DECLARED')
      }
    } else if (!selected.some((p) => findPort(p, port.targetPort, port.protocol) !== undefined)) {
      report.about(svc.meta, 'Service', svc.meta.name, ['spec', 'ports', i, 'targetPort'], 'warning',
        `no selected pod has a ${port.protocol} port named "${port.targetPort}": this Service port has no endpoints`, 'PORT_NAME_UNKNOWN')
    }
  })
}

/** The label set in the namespace that differs least from the selector, for a hint. */
function nearestLabels(selector: Record<string, string>, pods: PodState[]): string | undefined {
  const keys = Object.keys(selector)
  let best: { text: string; score: number } | undefined
  for (const p of pods) {
    const score = keys.filter((k) => k in p.labels).length
    if (score === 0) continue
    const text = formatLabels(Object.fromEntries(keys.filter((k) => k in p.labels).map((k) => [k, p.labels[k]])))
    if (!best || score > best.score) best = { text, score }
  }
  return best?.text
}

function checkManualEndpoints(state: ClusterState, desired: DesiredState, report: Reporter): void {
  for (const e of desired.endpoints) {
    const svc = state.services.find((s) => s.obj.meta.namespace === e.meta.namespace && s.obj.meta.name === e.meta.name)
    if (!svc) {
      report.about(e.meta, 'Endpoints', e.meta.name, ['metadata', 'name'], 'info',
        `no Service "${e.meta.name}" in namespace ${e.meta.namespace}: these Endpoints are used only by a Service of the same name`, 'ENDPOINTS_WITHOUT_SERVICE')
    } else if (svc.obj.selector !== null) {
      report.about(e.meta, 'Endpoints', e.meta.name, ['metadata', 'name'], 'warning',
        `Service "${e.meta.name}" has a selector, so the endpoints controller owns its Endpoints and overwrites this object`, 'ENDPOINTS_OVERWRITTEN')
    } else {
      const svcPortNames = new Set(svc.ports.map((p) => p.name ?? ''))
      e.subsets.forEach((subset, i) => subset.ports.forEach((p, j) => {
        if (!svcPortNames.has(p.name ?? '')) {
          report.about(e.meta, 'Endpoints', e.meta.name, ['subsets', i, 'ports', j], 'warning',
            `port name ${p.name ? `"${p.name}"` : '(unnamed)'} does not match any port of Service "${e.meta.name}" (${[...svcPortNames].map((n) => (n ? `"${n}"` : '(unnamed)')).join(', ')}): kube-proxy ignores it`,
            'ENDPOINTS_PORT_MISMATCH')
        }
      }))
    }
  }
}

function checkIngressBackends(state: ClusterState, desired: DesiredState, report: Reporter): void {
  for (const ing of desired.ingresses) {
    const check = (backend: { service?: { name: string; port: { number?: number; name?: string } } } | undefined, path: (string | number)[]): void => {
      if (!backend?.service) return
      const svc = state.services.find((s) => s.obj.meta.namespace === ing.meta.namespace && s.obj.meta.name === backend.service!.name)
      if (!svc) {
        report.about(ing.meta, 'Ingress', ing.meta.name, path, 'warning',
          `backend Service "${backend.service.name}" does not exist in namespace ${ing.meta.namespace}: requests routed here get 503`, 'INGRESS_BACKEND_MISSING')
        return
      }
      const { number, name } = backend.service.port
      const ok = svc.ports.some((p) => (number !== undefined ? p.port === number : p.name === name))
      if (!ok && svc.obj.type !== 'ExternalName') {
        report.about(ing.meta, 'Ingress', ing.meta.name, path, 'warning',
          `Service "${backend.service.name}" has no port ${number ?? `named "${name}"`} (it has ${svc.ports.map((p) => p.name ? `${p.name}:${p.port}` : String(p.port)).join(', ') || 'none'})`, 'INGRESS_BACKEND_PORT_MISSING')
      }
    }
    const legacy = ing.apiVersion !== 'networking.k8s.io/v1'
    check(ing.defaultBackend, ['spec', legacy ? 'backend' : 'defaultBackend'])
    ing.rules.forEach((r, i) => r.paths.forEach((p, j) => check(p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend'])))
  }
}
