/**
 * Pods, pod templates and the workload controllers that stamp them out
 * (Deployment, ReplicaSet, ReplicationController).
 */
import type { ContainerPortInfo } from '../api/types'
import type { Path } from '../parse/parseManifests'
import { toLabels, type Labels } from '../util/labels'
import { isValidPortName, isValidPortNum } from '../util/validation'
import type {
  ContainerSpec, EnvVar, LabelSelector, LabelSelectorRequirement, ObjectMeta, PodObject, PodSpec,
  PodStatusGiven, PodTemplate, Probe, Toleration, WorkloadKind, WorkloadObject,
} from '../model/objects'
import { asArray, asInt, asIntOrString, asObject, asString, get, type Json, type ReadContext } from './context'

const PROTOCOLS = ['SCTP', 'TCP', 'UDP']

function readPorts(ctx: ReadContext, raw: unknown, path: Path): ContainerPortInfo[] {
  const ports: ContainerPortInfo[] = []
  const names = new Set<string>()
  asArray(raw).forEach((p, i) => {
    const port = asObject(p) ?? {}
    const pPath = [...path, i]
    const containerPort = asInt(port.containerPort)
    if (containerPort === undefined) {
      ctx.required([...pPath, 'containerPort'])
      return
    }
    if (Number.isNaN(containerPort)) {
      ctx.invalid([...pPath, 'containerPort'], port.containerPort, 'must be an integer')
      return
    }
    for (const msg of isValidPortNum(containerPort)) ctx.invalid([...pPath, 'containerPort'], containerPort, msg)
    const name = asString(port.name)
    if (name !== undefined) {
      for (const msg of isValidPortName(name)) ctx.invalid([...pPath, 'name'], name, msg)
      if (names.has(name)) ctx.duplicate([...pPath, 'name'], name)
      names.add(name)
    }
    const protocol = asString(port.protocol) ?? 'TCP'
    if (!PROTOCOLS.includes(protocol)) ctx.unsupported([...pPath, 'protocol'], protocol, PROTOCOLS)
    ports.push(name !== undefined ? { name, containerPort, protocol } : { containerPort, protocol })
  })
  return ports
}

function readProbe(ctx: ReadContext, raw: unknown, path: Path): Probe | undefined {
  const probe = asObject(raw)
  if (!probe) return undefined
  const handlers: Probe[] = []
  const http = asObject(probe.httpGet)
  if (http) {
    const port = asIntOrString(http.port)
    if (port === undefined) ctx.required([...path, 'httpGet', 'port'])
    handlers.push({ type: 'httpGet', port: port ?? 0, path: asString(http.path) ?? '/' })
  }
  const tcp = asObject(probe.tcpSocket)
  if (tcp) {
    const port = asIntOrString(tcp.port)
    if (port === undefined) ctx.required([...path, 'tcpSocket', 'port'])
    handlers.push({ type: 'tcpSocket', port: port ?? 0 })
  }
  const grpc = asObject(probe.grpc)
  if (grpc) handlers.push({ type: 'grpc', port: asInt(grpc.port) ?? 0 })
  const exec = asObject(probe.exec)
  if (exec) handlers.push({ type: 'exec', command: asArray(exec.command).map((c) => asString(c) ?? '') })
  if (handlers.length === 0) {
    ctx.required(path, 'must specify a handler type')
    return undefined
  }
  if (handlers.length > 1) {
    ctx.forbidden(path, 'may not specify more than 1 handler type')
  }
  return handlers[0]
}

function readEnv(raw: unknown): EnvVar[] {
  return asArray(raw).flatMap((e): EnvVar[] => {
    const env = asObject(e)
    const name = asString(env?.name)
    if (!env || name === undefined) return []
    const from = asObject(env.valueFrom)
    if (from) return [{ name, valueFrom: Object.keys(from)[0] ?? 'valueFrom' }]
    return [{ name, value: env.value === undefined || env.value === null ? '' : String(env.value) }]
  })
}

function readContainer(ctx: ReadContext, raw: unknown, path: Path): ContainerSpec {
  const c = asObject(raw) ?? {}
  const name = asString(c.name)
  if (name === undefined || name === '') ctx.required([...path, 'name'])
  const image = asString(c.image)
  if (image === undefined || image === '') ctx.required([...path, 'image'])
  return {
    name: name ?? '',
    image: image ?? '',
    ports: readPorts(ctx, c.ports, [...path, 'ports']),
    env: readEnv(c.env),
    readinessProbe: readProbe(ctx, c.readinessProbe, [...path, 'readinessProbe']),
  }
}

function readTolerations(raw: unknown): Toleration[] {
  return asArray(raw).flatMap((t) => {
    const tol = asObject(t)
    if (!tol) return []
    const operator = asString(tol.operator) === 'Exists' ? 'Exists' : 'Equal'
    return [{ key: asString(tol.key), operator, value: asString(tol.value), effect: asString(tol.effect) }]
  })
}

function readDnsConfig(raw: unknown): PodSpec['dnsConfig'] {
  const c = asObject(raw)
  if (!c) return undefined
  return {
    nameservers: asArray(c.nameservers).map((n) => asString(n) ?? '').filter(Boolean),
    searches: asArray(c.searches).map((n) => asString(n) ?? '').filter(Boolean),
    options: asArray(c.options).flatMap((o) => {
      const opt = asObject(o)
      const name = asString(opt?.name)
      return name ? [{ name, value: opt?.value === undefined || opt?.value === null ? undefined : String(opt.value) }] : []
    }),
  }
}

export function readPodSpec(ctx: ReadContext, raw: unknown, path: Path): PodSpec {
  const spec = asObject(raw) ?? {}
  const containersRaw = asArray(spec.containers)
  if (containersRaw.length === 0) ctx.required([...path, 'containers'])
  const containers = containersRaw.map((c, i) => readContainer(ctx, c, [...path, 'containers', i]))
  const seen = new Set<string>()
  containers.forEach((c, i) => {
    if (c.name && seen.has(c.name)) ctx.duplicate([...path, 'containers', i, 'name'], c.name)
    seen.add(c.name)
  })
  return {
    containers,
    nodeName: asString(spec.nodeName) || undefined,
    nodeSelector: toLabels(spec.nodeSelector),
    tolerations: readTolerations(spec.tolerations),
    hostname: asString(spec.hostname) || undefined,
    subdomain: asString(spec.subdomain) || undefined,
    enableServiceLinks: spec.enableServiceLinks === false ? false : true,
    dnsPolicy: asString(spec.dnsPolicy) ?? 'ClusterFirst',
    dnsConfig: readDnsConfig(spec.dnsConfig),
  }
}

function readPodStatus(raw: unknown): PodStatusGiven {
  const status = asObject(raw)
  if (!status) return {}
  const ready = asArray(status.conditions).map(asObject).find((c) => c?.type === 'Ready')
  return {
    phase: asString(status.phase),
    podIP: asString(status.podIP),
    hostIP: asString(status.hostIP),
    ready: ready ? asString(ready.status) === 'True' : undefined,
  }
}

export function readPod(ctx: ReadContext, meta: ObjectMeta, body: Json): PodObject {
  const generateName = asString(get(body, 'metadata', 'generateName'))
  return {
    meta,
    generateName: generateName || undefined,
    template: { labels: meta.labels, annotations: meta.annotations, spec: readPodSpec(ctx, body.spec, ['spec']) },
    status: readPodStatus(body.status),
  }
}

function readTemplate(ctx: ReadContext, raw: unknown, path: Path): PodTemplate | undefined {
  const tpl = asObject(raw)
  if (!tpl) {
    ctx.required(path)
    return undefined
  }
  const md = asObject(tpl.metadata) ?? {}
  return {
    labels: toLabels(md.labels),
    annotations: toLabels(md.annotations),
    spec: readPodSpec(ctx, tpl.spec, [...path, 'spec']),
  }
}

const OPERATORS = ['DoesNotExist', 'Exists', 'In', 'NotIn'] as const

function readLabelSelector(ctx: ReadContext, raw: unknown, path: Path): LabelSelector {
  const sel = asObject(raw) ?? {}
  const matchExpressions: LabelSelectorRequirement[] = []
  asArray(sel.matchExpressions).forEach((r, i) => {
    const req = asObject(r) ?? {}
    const operator = asString(req.operator) ?? ''
    if (!(OPERATORS as readonly string[]).includes(operator)) {
      ctx.invalid([...path, 'matchExpressions', i, 'operator'], operator, 'not a valid selector operator')
      return
    }
    const values = asArray(req.values).map((v) => asString(v) ?? '')
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      ctx.required([...path, 'matchExpressions', i, 'values'], 'must be specified when `operator` is \'In\' or \'NotIn\'')
    }
    matchExpressions.push({ key: asString(req.key) ?? '', operator: operator as LabelSelectorRequirement['operator'], values })
  })
  return { matchLabels: toLabels(sel.matchLabels), matchExpressions }
}

export function labelSelectorMatches(sel: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false
  for (const req of sel.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key)
    if (req.operator === 'Exists' && !has) return false
    if (req.operator === 'DoesNotExist' && has) return false
    if (req.operator === 'In' && (!has || !req.values.includes(labels[req.key]))) return false
    if (req.operator === 'NotIn' && has && req.values.includes(labels[req.key])) return false
  }
  return true
}

function isEmptySelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels).length === 0 && sel.matchExpressions.length === 0
}

/** Go's `%#v` of a map[string]string, as the API server prints it in messages. */
function goMap(labels: Labels): string {
  const body = Object.keys(labels).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`).join(', ')
  return `map[string]string{${body}}`
}

export function readWorkload(ctx: ReadContext, kind: WorkloadKind, meta: ObjectMeta, body: Json, legacy: boolean): WorkloadObject | undefined {
  const spec = asObject(body.spec) ?? {}
  const template = readTemplate(ctx, spec.template, ['spec', 'template'])
  const replicasRaw = asInt(spec.replicas)
  const replicas = replicasRaw === undefined ? 1 : replicasRaw
  if (Number.isNaN(replicas)) ctx.invalid(['spec', 'replicas'], spec.replicas, 'must be an integer')
  else if (replicas < 0) ctx.invalid(['spec', 'replicas'], replicas, 'must be greater than or equal to 0')
  if (!template) return undefined

  let selector: LabelSelector
  if (kind === 'ReplicationController') {
    // An RC's selector is a plain map; when absent it defaults to the template's labels.
    const given = asObject(spec.selector)
    selector = { matchLabels: given ? toLabels(given) : { ...template.labels }, matchExpressions: [] }
  } else if (spec.selector === undefined && legacy) {
    // extensions/v1beta1 and apps/v1beta1 defaulted the selector from the template labels.
    selector = { matchLabels: { ...template.labels }, matchExpressions: [] }
  } else {
    selector = readLabelSelector(ctx, spec.selector, ['spec', 'selector'])
    if (spec.selector === undefined) ctx.required(['spec', 'selector'])
  }
  if (isEmptySelector(selector)) {
    if (spec.selector !== undefined) ctx.invalid(['spec', 'selector'], 'null', 'empty selector is invalid for deployment')
  } else if (!labelSelectorMatches(selector, template.labels)) {
    ctx.fieldError(['spec', 'template', 'metadata', 'labels'], `Invalid value: ${goMap(template.labels)}: \`selector\` does not match template \`labels\``)
  }
  return { kind, meta, replicas: Number.isNaN(replicas) ? 0 : Math.max(0, replicas), selector, template }
}
