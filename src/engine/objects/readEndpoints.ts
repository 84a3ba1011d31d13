/**
 * Hand-written Endpoints and EndpointSlices (for Services without a
 * selector), validated like validateEndpointSubsets.
 */
import { parseIPv4 } from '../util/ip'
import { isDNS1123Label, isValidPortNum } from '../util/validation'
import type { Path } from '../parse/parseManifests'
import type { EndpointAddress, EndpointPort, EndpointSliceObject, EndpointSubset, EndpointsObject, ObjectMeta } from '../model/objects'
import { asArray, asInt, asObject, asString, type Json, type ReadContext } from './context'
import { specialIPProblem } from './readService'

const PROTOCOLS = ['SCTP', 'TCP', 'UDP']

function readAddress(ctx: ReadContext, raw: unknown, path: Path): EndpointAddress | undefined {
  const a = asObject(raw) ?? {}
  const text = asString(a.ip) ?? ''
  const ip = parseIPv4(text)
  if (ip === null) {
    ctx.invalid([...path, 'ip'], text, 'must be a valid IP address')
    return undefined
  }
  const problem = specialIPProblem(ip)
  if (problem) ctx.invalid([...path, 'ip'], text, problem)
  const hostname = asString(a.hostname)
  if (hostname) for (const msg of isDNS1123Label(hostname)) ctx.invalid([...path, 'hostname'], hostname, msg)
  const ref = asObject(a.targetRef)
  return {
    ip: text,
    hostname: hostname || undefined,
    nodeName: asString(a.nodeName) || undefined,
    targetRef: ref ? { kind: asString(ref.kind) ?? '', name: asString(ref.name) ?? '', namespace: asString(ref.namespace) ?? '' } : undefined,
  }
}

function readPorts(ctx: ReadContext, raw: unknown, path: Path): EndpointPort[] {
  const list = asArray(raw)
  return list.flatMap((p, i) => {
    const port = asObject(p) ?? {}
    const name = asString(port.name) || undefined
    if (list.length > 1 && !name) ctx.required([...path, i, 'name'])
    const number = asInt(port.port)
    if (number === undefined || Number.isNaN(number)) {
      ctx.invalid([...path, i, 'port'], port.port ?? 0, 'must be between 1 and 65535, inclusive')
      return []
    }
    for (const msg of isValidPortNum(number)) ctx.invalid([...path, i, 'port'], number, msg)
    const protocol = asString(port.protocol) ?? 'TCP'
    if (!PROTOCOLS.includes(protocol)) ctx.unsupported([...path, i, 'protocol'], protocol, PROTOCOLS)
    return [name ? { name, port: number, protocol } : { port: number, protocol }]
  })
}

export function readEndpoints(ctx: ReadContext, meta: ObjectMeta, body: Json): EndpointsObject {
  const subsets: EndpointSubset[] = asArray(body.subsets).map((s, i) => {
    const subset = asObject(s) ?? {}
    const path = ['subsets', i]
    const addresses = asArray(subset.addresses).flatMap((a, j) => readAddress(ctx, a, [...path, 'addresses', j]) ?? [])
    const notReadyAddresses = asArray(subset.notReadyAddresses).flatMap((a, j) => readAddress(ctx, a, [...path, 'notReadyAddresses', j]) ?? [])
    if (asArray(subset.addresses).length === 0 && asArray(subset.notReadyAddresses).length === 0) {
      ctx.required(path, 'must specify `addresses` or `notReadyAddresses`')
    }
    return { addresses, notReadyAddresses, ports: readPorts(ctx, subset.ports, [...path, 'ports']) }
  })
  return { meta, subsets }
}

export function readEndpointSlice(ctx: ReadContext, meta: ObjectMeta, body: Json): EndpointSliceObject {
  const addressType = asString(body.addressType) ?? ''
  if (addressType === '') ctx.required(['addressType'])
  else if (!['IPv4', 'IPv6', 'FQDN'].includes(addressType)) ctx.unsupported(['addressType'], addressType, ['FQDN', 'IPv4', 'IPv6'])
  const endpoints = asArray(body.endpoints).map((e, i) => {
    const ep = asObject(e) ?? {}
    const addresses = asArray(ep.addresses).map((a) => asString(a) ?? '')
    if (addresses.length === 0) ctx.required(['endpoints', i, 'addresses'])
    addresses.forEach((a, j) => {
      if (addressType === 'IPv4' && parseIPv4(a) === null) ctx.invalid(['endpoints', i, 'addresses', j], a, 'must be a valid IPv4 address')
    })
    const cond = asObject(ep.conditions) ?? {}
    const terminating = cond.terminating === true
    // kube-proxy treats a missing `ready` as ready and a missing `serving` as serving.
    const ready = cond.ready === false ? false : true
    const serving = cond.serving === false ? false : cond.serving === true ? true : ready
    const ref = asObject(ep.targetRef)
    return {
      addresses,
      ready,
      serving,
      terminating,
      nodeName: asString(ep.nodeName) || undefined,
      targetRef: ref ? { kind: asString(ref.kind) ?? '', name: asString(ref.name) ?? '', namespace: asString(ref.namespace) ?? meta.namespace } : undefined,
    }
  })
  return { meta, addressType, ports: readPorts(ctx, body.ports, ['ports']), endpoints }
}
