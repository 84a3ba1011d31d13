/**
 * `kubectl describe service`, line for line as kubectl prints it
 * (kubernetes/kubectl pkg/describe/describe.go describeService,
 * printLabelsMultiline, printAnnotationsMultiline, formatEndpointSlices,
 * buildIngressString, DescribeEvents; aligned by tabbedString's tabwriter).
 *
 * What the API server stores is what kubectl shows, so the defaults appear
 * (k8s-semantics.md §1.1): ipFamilyPolicy SingleStack (RequireDualStack for
 * a headless Service without selector), ipFamilies [IPv4] on this IPv4
 * cluster, internalTrafficPolicy Cluster except for ExternalName,
 * externalTrafficPolicy Cluster for externally accessible Services, and
 * ipMode VIP on LoadBalancer ingress IPs (LoadBalancerIPMode, GA in 1.32).
 * ExternalName Services have no IP family fields at all.
 *
 * The playground records no events, so `Events: <none>`. It does not
 * allocate spec.healthCheckNodePort, so `HealthCheck NodePort` is never
 * printed, nor `Traffic Distribution` (not read).
 */
import type { ClusterState, ServiceState } from '../cluster/state'
import { formatLabels } from '../util/labels'
import { tabwrite } from './tabwriter'

/** kubectl's annotation width limit (maxAnnotationLen). */
const MAX_ANNOTATION_LEN = 140
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

/** What kubectl prints (to stderr) when the Service does not exist. */
export function notFound(name: string): string {
  return `Error from server (NotFound): services "${name}" not found\n`
}

function labelsMultiline(title: string, labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort()
  if (keys.length === 0) return `${title}:\t<none>\n`
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ''}\t${k}=${labels[k]}\n`).join('')
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s
}

function annotationsMultiline(title: string, annotations: Record<string, string>): string {
  const keys = Object.keys(annotations).filter((k) => k !== LAST_APPLIED).sort()
  if (keys.length === 0) return `${title}:\t<none>\n`
  let out = `${title}:\t`
  keys.forEach((key, i) => {
    if (i !== 0) out += '\t'
    const value = annotations[key].replace(/\n$/, '')
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      out += `${key}:\n`
      for (const s of value.split('\n')) out += `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`
    } else {
      out += `${key}: ${value}\n`
    }
  })
  return out
}

/**
 * formatEndpointSlices for one Service port: the ready addresses of every
 * slice port with that name, at most 3, then " + N more...". kubectl sets
 * `more` before it skips a not-ready endpoint, and that is kept.
 */
function endpointsString(state: ClusterState, svc: ServiceState, portName: string): string {
  const { name, namespace } = svc.obj.meta
  const slices = state.endpointSlices
    .filter((s) => s.namespace === namespace && s.service === name)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  if (slices.length === 0) return '<none>'
  const max = 3
  const list: string[] = []
  let more = false
  let count = 0
  const add = (ready: boolean, text: string): void => {
    if (list.length === max) more = true
    if (!ready) return
    if (!more) list.push(text)
    count++
  }
  for (const slice of slices) {
    if (slice.ports.length === 0) {
      for (const ep of slice.endpoints) add(ep.conditions.ready, ep.addresses[0])
      continue
    }
    for (const port of slice.ports) {
      if ((port.name ?? '') !== portName) continue
      for (const ep of slice.endpoints) add(ep.conditions.ready, `${ep.addresses[0]}:${port.port}`)
    }
  }
  const joined = list.join(',')
  return more ? `${joined} + ${count - max} more...` : joined
}

function ipFamilyPolicy(svc: ServiceState): string | undefined {
  if (svc.obj.type === 'ExternalName') return undefined
  if (svc.obj.ipFamilyPolicy) return svc.obj.ipFamilyPolicy
  return svc.clusterIP === 'None' && svc.obj.selector === null ? 'RequireDualStack' : 'SingleStack'
}

/** buildIngressString: IPs with their ipMode, hostnames as they are. */
function ingressString(svc: ServiceState): string {
  const ips = svc.loadBalancerIPs.map((ip) => `${ip} (VIP)`)
  const hostnames = svc.loadBalancerIPs.length > 0 ? [] : (svc.obj.statusIngressHostnames ?? [])
  return [...ips, ...hostnames].join(', ')
}

/** The text `kubectl describe service <name> -n <namespace>` prints. */
export function describeService(state: ClusterState, name: string, namespace = 'default'): string {
  const svc = state.services.find((s) => s.obj.meta.name === name && s.obj.meta.namespace === namespace)
  // A Service the API server refused (no ClusterIP could be given) was never stored.
  if (!svc || (svc.obj.type !== 'ExternalName' && svc.clusterIP === '')) return notFound(name)
  const o = svc.obj
  let t = ''
  t += `Name:\t${o.meta.name}\n`
  t += `Namespace:\t${o.meta.namespace}\n`
  t += labelsMultiline('Labels', o.meta.labels)
  t += annotationsMultiline('Annotations', o.meta.annotations)
  t += `Selector:\t${formatLabels(o.selector)}\n`
  t += `Type:\t${o.type}\n`
  const policy = ipFamilyPolicy(svc)
  if (policy) t += `IP Family Policy:\t${policy}\n`
  const external = o.type === 'ExternalName'
  t += `IP Families:\t${external ? '<none>' : 'IPv4'}\n`
  t += `IP:\t${svc.clusterIP}\n`
  t += `IPs:\t${svc.clusterIP === '' ? '<none>' : svc.clusterIP}\n`
  if (o.externalIPs.length > 0) t += `External IPs:\t${o.externalIPs.join(',')}\n`
  if (o.loadBalancerIP) t += `Desired LoadBalancer IP:\t${o.loadBalancerIP}\n`
  if (o.externalName) t += `External Name:\t${o.externalName}\n`
  const ingress = ingressString(svc)
  if (ingress) t += `LoadBalancer Ingress:\t${ingress}\n`
  for (const p of svc.ports) {
    const portName = p.name || '<unset>'
    t += `Port:\t${portName}\t${p.port}/${p.protocol}\n`
    t += `TargetPort:\t${p.targetPort}/${p.protocol}\n`
    if (p.nodePort) t += `NodePort:\t${portName}\t${p.nodePort}/${p.protocol}\n`
    t += `Endpoints:\t${endpointsString(state, svc, p.name ?? '')}\n`
  }
  t += `Session Affinity:\t${o.sessionAffinity}\n`
  if (o.externalTrafficPolicy) t += `External Traffic Policy:\t${o.externalTrafficPolicy}\n`
  if (o.internalTrafficPolicy) t += `Internal Traffic Policy:\t${o.internalTrafficPolicy}\n`
  if (o.loadBalancerSourceRanges && o.loadBalancerSourceRanges.length > 0) t += `LoadBalancer Source Ranges:\t${o.loadBalancerSourceRanges.join(',')}\n`
  t += 'Events:\t<none>\n'
  return tabwrite(t)
}
