/**
 * What `env` prints in a pod's first container (k8s-semantics.md §5; K8s
 * pkg/kubelet/envvars/envvars.go FromServices, makeLinkVariables and
 * pkg/kubelet/kubelet_pods.go getServiceEnvVarMap, makeEnvironmentVariables).
 *
 * Service variables: every Service of the pod's namespace (when
 * `enableServiceLinks` is true, the default) plus, always, `kubernetes` from
 * namespace default; a same-named Service in the pod's namespace takes its
 * place. Services without a ClusterIP (headless, ExternalName) give nothing.
 * The kubelet computes them when the container starts, so only Services that
 * existed then count: a Service was created at `(meta.seq + 2) * 1000` and a
 * pod at `createdSeq` (cluster/controllers.ts), so a Service written after a
 * pod in the YAML is missing until the pod is replaced.
 *
 * The container's own `env` entries win over service variables of the same
 * name, and their values expand `$(VAR)` references to earlier entries and to
 * service variables (`$$` is a literal `$`; unknown references stay as
 * written), as the kubelet's expansion package does. An entry with
 * `valueFrom` (configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef)
 * is shown as `<valueFrom: KIND>`: the playground keeps only the source kind,
 * not the referenced value.
 *
 * Standard variables the runtime adds and `env` prints, deterministic for a
 * pod: `PATH` (the usual image default; images may set their own, and may
 * add more variables the playground cannot know), `HOSTNAME` (the pod's
 * hostname: spec.hostname or the pod name, cut to 63 characters as the
 * kubelet does; containerd sets it), `HOME=/root` (runc sets HOME for the
 * image user; images that run as another user get that user's home).
 * A container entry of the same name overrides them too.
 */
import type { ClusterState, PodState, ServiceState } from '../cluster/state'
import type { EnvVar } from '../model/objects'

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
const DEFAULT_HOME = '/root'
/** Services the kubelet always exposes from namespace default (masterServices). */
const MASTER_SERVICES = ['kubernetes']

/** When a Service was created, on the same clock as PodState.createdSeq. */
export function serviceCreatedAt(svc: ServiceState): number {
  return (svc.obj.meta.seq + 2) * 1000
}

/** makeEnvVariableName: upper case, `-` → `_`. */
export function envVariableName(name: string): string {
  return name.toUpperCase().split('-').join('_')
}

/** FromServices for one Service with a ClusterIP and at least one port. */
export function serviceVariables(svc: ServiceState): [string, string][] {
  const prefix = envVariableName(svc.obj.meta.name)
  const ip = svc.clusterIP
  const first = svc.ports[0]
  const out: [string, string][] = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(first.port)],
  ]
  for (const p of svc.ports) {
    if (p.name) out.push([`${prefix}_SERVICE_PORT_${envVariableName(p.name)}`, String(p.port)])
  }
  // makeLinkVariables: Docker-link style, the first port also as <NAME>_PORT.
  svc.ports.forEach((p, i) => {
    const protocol = (p.protocol || 'TCP').toLowerCase()
    const url = `${protocol}://${ip}:${p.port}`
    if (i === 0) out.push([`${prefix}_PORT`, url])
    const portPrefix = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`
    out.push([portPrefix, url], [`${portPrefix}_PROTO`, protocol], [`${portPrefix}_PORT`, String(p.port)], [`${portPrefix}_ADDR`, ip])
  })
  return out
}

function hasServiceIP(svc: ServiceState): boolean {
  return svc.clusterIP !== '' && svc.clusterIP !== 'None' && svc.obj.type !== 'ExternalName' && svc.ports.length > 0
}

/** getServiceEnvVarMap: the Services whose variables the pod's containers get, by name. */
export function servicesForPod(state: ClusterState, pod: PodState): ServiceState[] {
  const byName = new Map<string, ServiceState>()
  for (const svc of state.services) {
    if (!hasServiceIP(svc) || serviceCreatedAt(svc) > pod.createdSeq) continue
    const { name, namespace } = svc.obj.meta
    if (namespace === pod.namespace && pod.spec.enableServiceLinks) byName.set(name, svc)
    else if (namespace === 'default' && MASTER_SERVICES.includes(name) && !byName.has(name)) byName.set(name, svc)
  }
  // The master service is always there: the API server creates it before any pod.
  for (const svc of state.services) {
    const { name, namespace } = svc.obj.meta
    if (namespace === 'default' && MASTER_SERVICES.includes(name) && hasServiceIP(svc) && !byName.has(name)) byName.set(name, svc)
  }
  return [...byName.values()]
}

/** The kubelet's `$(VAR)` expansion (third_party/forked/golang/expansion). */
export function expandEnvValue(value: string, lookup: (name: string) => string | undefined): string {
  let out = ''
  let i = 0
  while (i < value.length) {
    const c = value[i]
    if (c !== '$' || i + 1 >= value.length) {
      out += c
      i++
      continue
    }
    const next = value[i + 1]
    if (next === '$') {
      out += '$'
      i += 2
      continue
    }
    if (next === '(') {
      const close = value.indexOf(')', i + 2)
      if (close >= 0) {
        const name = value.slice(i + 2, close)
        const found = lookup(name)
        out += found ?? `$(${name})`
        i = close + 1
        continue
      }
      // An unclosed `$(` is copied and scanning goes on after it.
      out += '$('
      i += 2
      continue
    }
    out += `$${next}`
    i += 2
  }
  return out
}

function ownValue(env: EnvVar, lookup: (name: string) => string | undefined): string {
  if (env.valueFrom !== undefined) return `<valueFrom: ${env.valueFrom}>`
  return expandEnvValue(env.value ?? '', lookup)
}

/** truncatePodHostnameIfNeeded: at most 63 characters, no trailing `-` or `.`. */
function podHostname(pod: PodState): string {
  const hostname = pod.spec.hostname ?? pod.name
  if (hostname.length <= 63) return hostname
  return hostname.slice(0, 63).replace(/[-.]+$/, '')
}

/**
 * The environment of the pod's first container: standard variables, the
 * container's own `env`, and the service variables it does not override.
 * An unknown pod gives `{}`.
 */
export function envFor(state: ClusterState, pod: string, namespace = 'default'): Record<string, string> {
  const p = state.pods.find((x) => x.name === pod && x.namespace === namespace)
  if (!p) return {}
  const serviceEnv = new Map<string, string>()
  for (const svc of servicesForPod(state, p)) {
    for (const [name, value] of serviceVariables(svc)) serviceEnv.set(name, value)
  }
  const own = new Map<string, string>()
  const lookup = (name: string): string | undefined => own.get(name) ?? serviceEnv.get(name)
  for (const env of p.spec.containers[0]?.env ?? []) own.set(env.name, ownValue(env, lookup))

  const result: Record<string, string> = { PATH: DEFAULT_PATH, HOSTNAME: podHostname(p) }
  for (const [name, value] of serviceEnv) result[name] = value
  for (const [name, value] of own) result[name] = value
  if (!own.has('HOME')) result.HOME = DEFAULT_HOME
  return result
}
