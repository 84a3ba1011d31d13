/**
 * Service decoding, defaulting (SetDefaults_Service) and validation
 * (ValidateService) with the API server's field paths and messages.
 * See shared/k8s-semantics.md §1.1–1.4.
 */
import type { ServiceType } from '../api/types'
import { toLabels } from '../util/labels'
import { isLinkLocal, isLoopback, isUnspecified, parseCidr, parseIPv4 } from '../util/ip'
import {
  isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum,
} from '../util/validation'
import type { ObjectMeta, ServiceObject, ServicePortSpec } from '../model/objects'
import { asArray, asInt, asIntOrString, asObject, asString, get, type Json, type ReadContext } from './context'

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']
export const MAX_CLIENT_IP_TIMEOUT = 86400
export const DEFAULT_CLIENT_IP_TIMEOUT = 10800

/** Messages for a special IP (ValidateNonSpecialIP). */
export function specialIPProblem(ip: number): string | undefined {
  if (isUnspecified(ip)) return 'may not be unspecified (0.0.0.0, ::)'
  if (isLoopback(ip)) return 'may not be in the loopback range (127.0.0.0/8, ::1/128)'
  if (isLinkLocal(ip)) return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'
  if (ip >>> 8 === 0xe00000) return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'
  return undefined
}

function readServicePorts(ctx: ReadContext, raw: unknown, type: ServiceType): ServicePortSpec[] {
  const list = asArray(raw)
  const ports: ServicePortSpec[] = []
  const names = new Set<string>()
  const seen = new Set<string>()
  const nodePorts = new Set<string>()
  list.forEach((p, i) => {
    const port = asObject(p) ?? {}
    const path = ['spec', 'ports', i]
    const name = asString(port.name) ?? ''
    if (list.length > 1 && name === '') ctx.required([...path, 'name'])
    if (name !== '') {
      for (const msg of isDNS1123Label(name)) ctx.invalid([...path, 'name'], name, msg)
      if (names.has(name)) ctx.duplicate([...path, 'name'], name)
      names.add(name)
    }
    const number = asInt(port.port)
    // Port is a plain int32: a missing port is 0, which fails the range check.
    if (number === undefined) ctx.invalid([...path, 'port'], 0, 'must be between 1 and 65535, inclusive')
    else if (Number.isNaN(number)) ctx.invalid([...path, 'port'], port.port, 'must be an integer')
    else for (const msg of isValidPortNum(number)) ctx.invalid([...path, 'port'], number, msg)
    const protocol = asString(port.protocol) ?? 'TCP'
    if (!PROTOCOLS.includes(protocol)) ctx.unsupported([...path, 'protocol'], protocol, PROTOCOLS)

    let targetPort = asIntOrString(port.targetPort)
    if (targetPort === undefined || targetPort === 0 || targetPort === '') targetPort = number ?? 0
    if (typeof targetPort === 'number') {
      for (const msg of isValidPortNum(targetPort)) ctx.invalid([...path, 'targetPort'], targetPort, msg)
    } else if (/^\d+$/.test(targetPort)) {
      // An IntOrString written as a quoted number is still a string in Kubernetes, and must be a valid name.
      for (const msg of isValidPortName(targetPort)) ctx.invalid([...path, 'targetPort'], targetPort, msg)
    } else {
      for (const msg of isValidPortName(targetPort)) ctx.invalid([...path, 'targetPort'], targetPort, msg)
    }

    const nodePortRaw = asInt(port.nodePort)
    let nodePort: number | undefined
    if (nodePortRaw !== undefined && nodePortRaw !== 0) {
      if (Number.isNaN(nodePortRaw)) ctx.invalid([...path, 'nodePort'], port.nodePort, 'must be an integer')
      else if (type === 'ClusterIP') ctx.forbidden([...path, 'nodePort'], "may not be used when `type` is 'ClusterIP'")
      else {
        for (const msg of isValidPortNum(nodePortRaw)) ctx.invalid([...path, 'nodePort'], nodePortRaw, msg)
        const key = `${protocol}/${nodePortRaw}`
        if (nodePorts.has(key)) ctx.duplicate([...path, 'nodePort'], nodePortRaw)
        nodePorts.add(key)
        nodePort = nodePortRaw
      }
    }
    const key = `${protocol}/${number}`
    if (number !== undefined && !Number.isNaN(number)) {
      if (seen.has(key)) {
        ctx.fieldError(path, `Duplicate value: core.ServicePort{Name:${JSON.stringify(name)}, Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${number}, TargetPort:intstr.IntOrString{...}, NodePort:${nodePort ?? 0}}`, 'FIELD_DUPLICATE')
      }
      seen.add(key)
    }
    if (type === 'LoadBalancer' && number === 10250) {
      ctx.invalid(path, 10250, 'may not expose port 10250 externally since it is used by kubelet')
    }
    const spec: ServicePortSpec = { port: Number.isNaN(number ?? NaN) ? 0 : (number ?? 0), targetPort, protocol }
    if (name !== '') spec.name = name
    if (nodePort !== undefined) spec.nodePort = nodePort
    ports.push(spec)
  })
  return ports
}

function readSourceRanges(ctx: ReadContext, raw: unknown): string[] | undefined {
  const list = asArray(raw).map((r) => (asString(r) ?? '').trim())
  if (list.length === 0) return undefined
  if (list.some((r) => parseCidr(r) === null)) {
    // validation.go prints the whole list with %v.
    ctx.fieldErrorAt(['spec', 'loadBalancerSourceRanges'], ['spec', 'LoadBalancerSourceRanges'], `Invalid value: "[${list.join(' ')}]": must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 `)
  }
  return list.filter((r) => parseCidr(r) !== null)
}

export function readService(ctx: ReadContext, meta: ObjectMeta, body: Json): ServiceObject {
  const spec = asObject(body.spec) ?? {}
  const typeRaw = asString(spec.type) ?? 'ClusterIP'
  if (!TYPES.includes(typeRaw)) ctx.unsupported(['spec', 'type'], typeRaw, TYPES)
  const type = (TYPES.includes(typeRaw) ? typeRaw : 'ClusterIP') as ServiceType

  const clusterIPRaw = asString(spec.clusterIP) ?? ''
  const clusterIPs = asArray(spec.clusterIPs).map((v) => asString(v) ?? '')
  const requestedClusterIP = clusterIPRaw || clusterIPs[0] || ''
  // Messages name spec.clusterIPs (what the API server validates); they point at what the user wrote.
  const clusterIPPath = clusterIPRaw !== '' ? ['spec', 'clusterIP'] : ['spec', 'clusterIPs', 0]
  const headless = requestedClusterIP === 'None'

  if (type === 'ExternalName') {
    if (clusterIPRaw !== '' || clusterIPs.length > 0) ctx.forbidden(['spec', 'clusterIPs'], 'may not be set for ExternalName services')
    if (spec.ipFamilies !== undefined) ctx.forbidden(['spec', 'ipFamilies'], 'may not be set for ExternalName services')
    if (spec.ipFamilyPolicy !== undefined) ctx.forbidden(['spec', 'ipFamilyPolicy'], 'may not be set for ExternalName services')
  } else if (requestedClusterIP !== '' && !headless && parseIPv4(requestedClusterIP) === null) {
    ctx.fieldErrorAt(clusterIPPath, ['spec', 'clusterIPs', 0], `Invalid value: ${JSON.stringify(requestedClusterIP)}: must be a valid IP address`)
  }
  if (clusterIPRaw !== '' && clusterIPs.length > 0 && clusterIPs[0] !== clusterIPRaw) {
    ctx.fieldError(['spec', 'clusterIPs'], `Invalid value: []string{${clusterIPs.map((c) => JSON.stringify(c)).join(', ')}}: first value must match \`clusterIP\``)
  }
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
    ctx.fieldErrorAt(clusterIPPath, ['spec', 'clusterIPs', 0], `Invalid value: "None": may not be set to 'None' for ${type} services`)
  }

  let externalName: string | undefined
  if (type === 'ExternalName') {
    const raw = asString(spec.externalName) ?? ''
    if (raw === '') ctx.required(['spec', 'externalName'])
    else {
      const trimmed = raw.endsWith('.') ? raw.slice(0, -1) : raw
      for (const msg of isDNS1123Subdomain(trimmed)) ctx.invalid(['spec', 'externalName'], raw, msg)
      externalName = raw
    }
  }

  const selectorRaw = asObject(spec.selector)
  if (type === 'ExternalName' && selectorRaw) {
    ctx.warn(['spec', 'selector'], 'spec.selector is ignored for ExternalName services: the endpoints controller makes no endpoints for them, DNS answers with a CNAME', 'SELECTOR_IGNORED', 'key')
  }
  const selector = selectorRaw ? toLabels(selectorRaw) : null
  if (selector) {
    for (const [k, v] of Object.entries(selector)) {
      for (const msg of isQualifiedName(k)) ctx.invalid(['spec', 'selector'], k, msg)
      for (const msg of isValidLabelValue(v)) ctx.invalid(['spec', 'selector'], v, msg)
    }
  }

  const portsRaw = asArray(spec.ports)
  if (portsRaw.length === 0 && !headless && type !== 'ExternalName') ctx.required(['spec', 'ports'])
  const ports = readServicePorts(ctx, spec.ports, type)

  const affinityRaw = asString(spec.sessionAffinity) ?? 'None'
  if (affinityRaw !== 'None' && affinityRaw !== 'ClientIP') ctx.unsupported(['spec', 'sessionAffinity'], affinityRaw, ['ClientIP', 'None'])
  const sessionAffinity = affinityRaw === 'ClientIP' ? 'ClientIP' : 'None'
  let sessionAffinityTimeoutSeconds: number | undefined
  if (sessionAffinity === 'ClientIP') {
    const timeout = asInt(get(spec, 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'))
    sessionAffinityTimeoutSeconds = timeout ?? DEFAULT_CLIENT_IP_TIMEOUT
    if (Number.isNaN(sessionAffinityTimeoutSeconds) || sessionAffinityTimeoutSeconds <= 0 || sessionAffinityTimeoutSeconds > MAX_CLIENT_IP_TIMEOUT) {
      ctx.invalid(['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'], timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT}`)
    }
  }

  const externalIPs: string[] = []
  asArray(spec.externalIPs).forEach((v, i) => {
    const text = asString(v) ?? ''
    const ip = parseIPv4(text)
    if (ip === null) ctx.invalid(['spec', 'externalIPs', i], text, 'must be a valid IP address')
    else {
      const problem = specialIPProblem(ip)
      if (problem) ctx.invalid(['spec', 'externalIPs', i], text, problem)
      else externalIPs.push(text)
    }
  })

  const externallyAccessible = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && externalIPs.length > 0)
  let externalTrafficPolicy: 'Cluster' | 'Local' | undefined
  const etpRaw = asString(spec.externalTrafficPolicy)
  if (etpRaw !== undefined && etpRaw !== '') {
    if (etpRaw !== 'Cluster' && etpRaw !== 'Local') ctx.unsupported(['spec', 'externalTrafficPolicy'], etpRaw, ['Cluster', 'Local'])
    else if (!externallyAccessible) ctx.invalid(['spec', 'externalTrafficPolicy'], etpRaw, 'may only be set for externally-accessible services')
    else externalTrafficPolicy = etpRaw
  } else if (externallyAccessible) externalTrafficPolicy = 'Cluster'

  let internalTrafficPolicy: 'Cluster' | 'Local' | undefined
  const itpRaw = asString(spec.internalTrafficPolicy)
  if (type !== 'ExternalName') {
    if (itpRaw !== undefined && itpRaw !== 'Cluster' && itpRaw !== 'Local') ctx.unsupported(['spec', 'internalTrafficPolicy'], itpRaw, ['Cluster', 'Local'])
    internalTrafficPolicy = itpRaw === 'Local' ? 'Local' : 'Cluster'
  }

  const healthCheckNodePort = asInt(spec.healthCheckNodePort)
  if (healthCheckNodePort !== undefined && healthCheckNodePort !== 0 && !(type === 'LoadBalancer' && externalTrafficPolicy === 'Local')) {
    ctx.invalid(['spec', 'healthCheckNodePort'], healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'")
  }
  for (const field of ['loadBalancerSourceRanges', 'allocateLoadBalancerNodePorts', 'loadBalancerClass'] as const) {
    if (spec[field] === undefined || type === 'LoadBalancer') continue
    if (field === 'loadBalancerSourceRanges' && asArray(spec[field]).length === 0) continue
    // validation.go names this one specPath.Child("LoadBalancerSourceRanges"), capital L.
    const shown = field === 'loadBalancerSourceRanges' ? 'LoadBalancerSourceRanges' : field
    ctx.fieldErrorAt(['spec', field], ['spec', shown], "Forbidden: may only be used when `type` is 'LoadBalancer'", 'FIELD_FORBIDDEN', 'key')
  }
  // Single-stack IPv4 cluster: IPv6 families and RequireDualStack are refused (alloc.go initIPFamilyFields).
  asArray(spec.ipFamilies).forEach((f, i) => {
    if (asString(f) === 'IPv6') ctx.invalid(['spec', 'ipFamilies', i], 'IPv6', 'not configured on this cluster')
    else if (asString(f) !== 'IPv4') ctx.unsupported(['spec', 'ipFamilies', i], asString(f) ?? '', ['IPv4', 'IPv6'])
  })
  if (asString(spec.ipFamilyPolicy) === 'RequireDualStack') {
    ctx.invalid(['spec', 'ipFamilyPolicy'], 'RequireDualStack', 'this cluster is not configured for dual-stack services')
  }

  const statusIngressIPs = asArray(get(body, 'status', 'loadBalancer', 'ingress'))
    .map((ing) => asString(asObject(ing)?.ip))
    .filter((ip): ip is string => ip !== undefined && parseIPv4(ip) !== null)

  const statusIngressHostnames = asArray(get(body, 'status', 'loadBalancer', 'ingress'))
    .filter((ing) => !asString(asObject(ing)?.ip))
    .map((ing) => asString(asObject(ing)?.hostname))
    .filter((h): h is string => !!h)
  return {
    meta,
    type,
    statusIngressHostnames,
    selector: type === 'ExternalName' ? null : selector,
    requestedClusterIP: type === 'ExternalName' ? '' : requestedClusterIP,
    ports,
    externalIPs,
    externalName,
    sessionAffinity,
    sessionAffinityTimeoutSeconds,
    externalTrafficPolicy,
    internalTrafficPolicy,
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
    allocateLoadBalancerNodePorts: spec.allocateLoadBalancerNodePorts === false ? false : true,
    loadBalancerIP: asString(spec.loadBalancerIP) || undefined,
    loadBalancerSourceRanges: type === 'LoadBalancer' ? readSourceRanges(ctx, spec.loadBalancerSourceRanges) : undefined,
    loadBalancerClass: asString(spec.loadBalancerClass) || undefined,
    ipFamilyPolicy: type === 'ExternalName' ? undefined : asString(spec.ipFamilyPolicy) || undefined,
    statusIngressIPs,
    builtIn: false,
  }
}
