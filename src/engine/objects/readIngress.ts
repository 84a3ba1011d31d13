/**
 * Ingress (networking.k8s.io/v1) and the legacy v1beta1 forms, converted to
 * v1 the way the API server converted them. See k8s-semantics.md §6.1, §6.4.
 */
import type { IngressBackendInfo, IngressPathInfo } from '../api/types'
import { parseIPv4 } from '../util/ip'
import { isDNS1123Subdomain } from '../util/validation'
import type { Path } from '../parse/parseManifests'
import type { IngressClassObject, IngressObject, ObjectMeta } from '../model/objects'
import { asArray, asInt, asObject, asString, get, type Json, type ReadContext } from './context'

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix']

function readBackend(ctx: ReadContext, raw: unknown, path: Path, legacy: boolean): IngressBackendInfo | undefined {
  const b = asObject(raw)
  if (!b) return undefined
  if (legacy) {
    const name = asString(b.serviceName)
    const port = b.servicePort
    const resource = asObject(b.resource)
    if (resource) return { resource: { kind: asString(resource.kind) ?? '', name: asString(resource.name) ?? '', apiGroup: asString(resource.apiGroup) } }
    if (!name) {
      ctx.required([...path, 'serviceName'])
      return undefined
    }
    if (typeof port === 'number') return { service: { name, port: { number: port } } }
    if (typeof port === 'string' && port !== '') return /^\d+$/.test(port) ? { service: { name, port: { number: Number(port) } } } : { service: { name, port: { name: port } } }
    ctx.required([...path, 'servicePort'])
    return undefined
  }
  const service = asObject(b.service)
  const resource = asObject(b.resource)
  if (service && resource) {
    ctx.invalid(path, '', 'cannot set both resource and service backends')
    return undefined
  }
  if (resource) return { resource: { kind: asString(resource.kind) ?? '', name: asString(resource.name) ?? '', apiGroup: asString(resource.apiGroup) } }
  if (!service) {
    ctx.invalid(path, '', 'resource or service backend is required')
    return undefined
  }
  const name = asString(service.name) ?? ''
  if (name === '') ctx.required([...path, 'service', 'name'])
  const port = asObject(service.port) ?? {}
  const number = asInt(port.number)
  const portName = asString(port.name)
  if (number !== undefined && portName !== undefined) {
    ctx.invalid([...path, 'service', 'port'], '', 'cannot set both port name & port number')
    return undefined
  }
  if (number === undefined && portName === undefined) {
    ctx.invalid([...path, 'service', 'port'], '', 'port name or number is required')
    return undefined
  }
  return { service: { name, port: number !== undefined ? { number } : { name: portName } } }
}

function checkPath(ctx: ReadContext, p: string, pathType: string, at: Path): void {
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!p.startsWith('/')) {
      ctx.invalid(at, p, 'must be an absolute path')
      return
    }
    for (const seq of ['//', '/./', '/../', '%2f', '%2F']) if (p.includes(seq)) ctx.invalid(at, p, `must not contain '${seq}'`)
    for (const suffix of ['/..', '/.']) if (p.endsWith(suffix)) ctx.invalid(at, p, `cannot end with '${suffix}'`)
  } else if (p !== '' && !p.startsWith('/')) {
    ctx.invalid(at, p, 'must be an absolute path')
  }
}

function checkHost(ctx: ReadContext, host: string, at: Path): void {
  if (parseIPv4(host) !== null) {
    ctx.invalid(at, host, 'must be a DNS name, not an IP address')
    return
  }
  if (host.includes('*')) {
    const rest = host.slice(2)
    if (!host.startsWith('*.') || rest.includes('*') || isDNS1123Subdomain(rest).length > 0) {
      ctx.invalid(at, host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
    }
    return
  }
  for (const msg of isDNS1123Subdomain(host)) ctx.invalid(at, host, msg)
}

export function readIngress(ctx: ReadContext, meta: ObjectMeta, body: Json, apiVersion: string, legacy: boolean): IngressObject {
  const spec = asObject(body.spec) ?? {}
  const defaultBackendRaw = legacy ? spec.backend : spec.defaultBackend
  const defaultBackend = readBackend(ctx, defaultBackendRaw, ['spec', legacy ? 'backend' : 'defaultBackend'], legacy)
  const rulesRaw = asArray(spec.rules)
  if (rulesRaw.length === 0 && defaultBackendRaw === undefined) {
    ctx.fieldError(['spec'], 'Invalid value: "": either `defaultBackend` or `rules` must be specified')
  }
  const rules = rulesRaw.map((r, i) => {
    const rule = asObject(r) ?? {}
    const host = asString(rule.host) || undefined
    if (host) checkHost(ctx, host, ['spec', 'rules', i, 'host'])
    const http = asObject(rule.http)
    const paths: IngressPathInfo[] = []
    if (http) {
      const list = asArray(http.paths)
      if (list.length === 0) ctx.required(['spec', 'rules', i, 'http', 'paths'])
      list.forEach((p, j) => {
        const at = ['spec', 'rules', i, 'http', 'paths', j]
        const entry = asObject(p) ?? {}
        const pathText = asString(entry.path) ?? (legacy ? '' : '')
        let pathType = asString(entry.pathType)
        if (pathType === undefined) {
          if (legacy) pathType = 'ImplementationSpecific'
          else {
            ctx.required([...at, 'pathType'], 'pathType must be specified')
            return
          }
        }
        if (!PATH_TYPES.includes(pathType)) {
          ctx.unsupported([...at, 'pathType'], pathType, PATH_TYPES)
          return
        }
        checkPath(ctx, pathText, pathType, [...at, 'path'])
        const backend = readBackend(ctx, entry.backend, [...at, 'backend'], legacy)
        if (!backend) {
          if (entry.backend === undefined) ctx.required([...at, 'backend'])
          return
        }
        paths.push({ path: pathText === '' && pathType !== 'ImplementationSpecific' ? '/' : pathText, pathType: pathType as IngressPathInfo['pathType'], backend })
      })
    }
    return { host, paths }
  })
  const tls = asArray(spec.tls).map((t) => {
    const entry = asObject(t) ?? {}
    return { hosts: asArray(entry.hosts).map((h) => asString(h) ?? ''), secretName: asString(entry.secretName) || undefined }
  })
  const statusAddresses = asArray(get(body, 'status', 'loadBalancer', 'ingress'))
    .map((ing) => asString(asObject(ing)?.ip) ?? asString(asObject(ing)?.hostname))
    .filter((a): a is string => !!a)
  const annotationClass = meta.annotations['kubernetes.io/ingress.class']
  return {
    meta,
    apiVersion,
    ingressClassName: asString(spec.ingressClassName) || undefined,
    classAnnotation: annotationClass || undefined,
    rules,
    defaultBackend,
    tls,
    statusAddresses,
  }
}

export function readIngressClass(ctx: ReadContext, meta: ObjectMeta, body: Json): IngressClassObject {
  const controller = asString(get(body, 'spec', 'controller')) ?? ''
  if (controller === '') ctx.required(['spec', 'controller'])
  return { meta, controller, isDefault: meta.annotations['ingressclass.kubernetes.io/is-default-class'] === 'true' }
}
