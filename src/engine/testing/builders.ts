/**
 * Test helpers for the engine's unit tests: build simulations from YAML,
 * pick diagnostics, read kubectl tables back into cells, and write small
 * manifests without hand-indenting YAML. Test-only: nothing in the engine
 * imports this file.
 */
import { stringify } from 'yaml'
import { createSimulation } from '../index'
import type { Action, Diagnostic, SimulationOptions } from '../api/types'
import type { SimulationImpl } from '../simulation'

export type Sim = SimulationImpl

export function sim(yaml: string, options: SimulationOptions = {}): Sim {
  return createSimulation(yaml, options)
}

/** `apply` typed as the implementation, so kubectl options stay available. */
export function act(s: Sim, action: Action): Sim {
  return s.apply(action) as Sim
}

/** Joins YAML documents with `---`. */
export function docs(...parts: string[]): string {
  return parts.map((p) => p.replace(/\n+$/, '')).join('\n---\n') + '\n'
}

/** Block-style YAML for a plain object (for tests that do not care about line numbers). */
export function toYaml(obj: unknown): string {
  return stringify(obj)
}

export function errors(s: { diagnostics: Diagnostic[] }): Diagnostic[] {
  return s.diagnostics.filter((d) => d.severity === 'error')
}

export function warnings(s: { diagnostics: Diagnostic[] }): Diagnostic[] {
  return s.diagnostics.filter((d) => d.severity === 'warning')
}

export function messages(list: Diagnostic[]): string[] {
  return list.map((d) => d.message)
}

/** The single diagnostic whose message contains `text` (fails loudly when there is not exactly one). */
export function findDiag(s: { diagnostics: Diagnostic[] }, text: string): Diagnostic {
  const hits = s.diagnostics.filter((d) => d.message.includes(text))
  if (hits.length !== 1) {
    throw new Error(`expected exactly one diagnostic containing ${JSON.stringify(text)}, got ${hits.length}:\n${s.diagnostics.map((d) => `  [${d.severity}] ${d.line}:${d.column} ${d.message}`).join('\n')}`)
  }
  return hits[0]
}

/** IPv4 text -> number. */
export function ipNum(ip: string): number {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${ip}`)
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/')
  const prefix = Number(bits)
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
  return ((ipNum(ip) & mask) >>> 0) === ((ipNum(base) & mask) >>> 0)
}

export interface ParsedTable {
  /** The header line exactly as printed. */
  headerLine: string
  columns: string[]
  rows: Record<string, string>[]
  lines: string[]
}

/**
 * Reads a kubectl table back into cells, using the header's column starts
 * (kubectl's tabwriter left-aligns every cell under its header).
 */
export function parseTable(text: string): ParsedTable {
  const lines = text.split('\n')
  const headerLine = lines[0]
  const columns = headerLine.trim().split(/\s{2,}/)
  const starts: number[] = []
  let from = 0
  for (const c of columns) {
    const at = headerLine.indexOf(c, from)
    starts.push(at)
    from = at + c.length
  }
  const rows = lines.slice(1).filter((l) => l.trim() !== '').map((line) => {
    const row: Record<string, string> = {}
    columns.forEach((c, i) => {
      row[c] = line.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim()
    })
    return row
  })
  return { headerLine, columns, rows, lines }
}

/** The row whose first column equals `name`. */
export function row(table: ParsedTable, name: string): Record<string, string> {
  const r = table.rows.find((x) => x[table.columns[0]] === name || x.NAME === name)
  if (!r) throw new Error(`no row ${name} in:\n${table.lines.join('\n')}`)
  return r
}

// ---------------------------------------------------------------------------
// Manifest builders

export interface PortSpec {
  name?: string
  containerPort: number
  protocol?: string
}

export interface PodTemplateOptions {
  labels?: Record<string, string>
  ports?: PortSpec[]
  image?: string
  readinessProbe?: Record<string, unknown>
  nodeName?: string
  nodeSelector?: Record<string, string>
  tolerations?: Record<string, unknown>[]
  containers?: Record<string, unknown>[]
}

function podSpec(o: PodTemplateOptions): Record<string, unknown> {
  const container: Record<string, unknown> = { name: 'app', image: o.image ?? 'luksa/kubia' }
  if (o.ports) container.ports = o.ports
  if (o.readinessProbe) container.readinessProbe = o.readinessProbe
  const spec: Record<string, unknown> = { containers: o.containers ?? [container] }
  if (o.nodeName) spec.nodeName = o.nodeName
  if (o.nodeSelector) spec.nodeSelector = o.nodeSelector
  if (o.tolerations) spec.tolerations = o.tolerations
  return spec
}

export function podYaml(name: string, o: PodTemplateOptions & { namespace?: string; status?: Record<string, unknown> } = {}): string {
  const metadata: Record<string, unknown> = { name }
  if (o.namespace) metadata.namespace = o.namespace
  if (o.labels) metadata.labels = o.labels
  const obj: Record<string, unknown> = { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec(o) }
  if (o.status) obj.status = o.status
  return toYaml(obj)
}

export function rcYaml(name: string, replicas: number, o: PodTemplateOptions & { namespace?: string } = {}): string {
  const labels = o.labels ?? { app: name }
  const metadata: Record<string, unknown> = { name }
  if (o.namespace) metadata.namespace = o.namespace
  return toYaml({
    apiVersion: 'v1', kind: 'ReplicationController', metadata,
    spec: { replicas, selector: labels, template: { metadata: { labels }, spec: podSpec(o) } },
  })
}

export function rsYaml(name: string, replicas: number, o: PodTemplateOptions & { namespace?: string } = {}): string {
  const labels = o.labels ?? { app: name }
  const metadata: Record<string, unknown> = { name }
  if (o.namespace) metadata.namespace = o.namespace
  return toYaml({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata,
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec(o) } },
  })
}

export function deploymentYaml(name: string, replicas: number | undefined, o: PodTemplateOptions & { namespace?: string } = {}): string {
  const labels = o.labels ?? { app: name }
  const metadata: Record<string, unknown> = { name }
  if (o.namespace) metadata.namespace = o.namespace
  const spec: Record<string, unknown> = { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec(o) } }
  if (replicas !== undefined) spec.replicas = replicas
  return toYaml({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec })
}

export interface ServiceOptions {
  namespace?: string
  type?: string
  selector?: Record<string, string> | null
  ports?: Record<string, unknown>[]
  clusterIP?: string
  extra?: Record<string, unknown>
  annotations?: Record<string, string>
  status?: Record<string, unknown>
}

export function serviceYaml(name: string, o: ServiceOptions = {}): string {
  const metadata: Record<string, unknown> = { name }
  if (o.namespace) metadata.namespace = o.namespace
  if (o.annotations) metadata.annotations = o.annotations
  const spec: Record<string, unknown> = {}
  if (o.type) spec.type = o.type
  if (o.clusterIP) spec.clusterIP = o.clusterIP
  spec.ports = o.ports ?? [{ port: 80, targetPort: 8080 }]
  if (o.selector !== null) spec.selector = o.selector ?? { app: name }
  Object.assign(spec, o.extra ?? {})
  const obj: Record<string, unknown> = { apiVersion: 'v1', kind: 'Service', metadata, spec }
  if (o.status) obj.status = o.status
  return toYaml(obj)
}

export function namespaceYaml(name: string): string {
  return toYaml({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
}

/** The pods a Simulation shows outside kube-system. */
export function userPods<T extends { namespace: string }>(s: { pods: T[] }): T[] {
  return s.pods.filter((p) => p.namespace !== 'kube-system')
}

/** Characters of k8s.io/apimachinery/pkg/util/rand (generated name suffixes). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
export const SUFFIX5 = `[${NAME_ALPHABET}]{5}`
/**
 * pod-template-hash = rand.SafeEncodeString(decimal FNV-32a): decimal digits
 * '0'..'9' (bytes 48..57) index the alphabet modulo 27, so only these
 * ten characters can appear, 1 to 10 of them.
 */
export const TEMPLATE_HASH = '[456789bcdf]{1,10}'
