/**
 * The scenario file format. A scenario is a Kubernetes YAML file whose first
 * lines are a comment block holding its metadata as YAML:
 *
 *     # ---
 *     # id: clusterip-basics
 *     # title: { en: "ClusterIP basics", ko: "ClusterIP 기본" }
 *     # summary: { en: "...", ko: "..." }
 *     # request: { from: pod/client, url: http://kubia, count: 1 }
 *     # expect: { status: delivered }
 *     # lesson:
 *     #   - en: { do: "...", watch: "...", why: "..." }
 *     #     ko: { do: "...", watch: "...", why: "..." }
 *     # ---
 *     apiVersion: apps/v1
 *     ...
 *
 * The block is comments to kubectl, so `kubectl apply -f` takes the file as
 * it is. parseScenario strips the `# ` prefixes, parses the header with the
 * `yaml` package, checks every field, and says what is wrong and on which
 * line of the file.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import type { ProxyMode } from '../engine'
import type {
  Goal, LessonAction, LessonStep, LessonText, Localized, OutcomeExpect, Patch, PodMatch, Scenario, ScenarioExpect, ScenarioRequest,
} from './types'

export type { Scenario, LessonStep } from './types'

export interface ScenarioFormatError {
  /** 1-based line in the file. */
  line: number
  /** Where in the header (`lesson[2].ko.why`), or '' for the file itself. */
  path: string
  message: string
}

export type ParseResult = { ok: true; scenario: Scenario; errors: [] } | { ok: false; errors: ScenarioFormatError[] }

/** `# ---` at the start of a line opens and closes the header; an indented `#   ---` (inside a block scalar) does not. */
const FENCE = /^# ?---\s*$/
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/
const PROXY_MODES: readonly ProxyMode[] = ['iptables', 'nftables', 'ipvs', 'userspace']
const STATUSES = ['delivered', 'failed', 'left-cluster'] as const
const REASONS = ['NXDOMAIN', 'CONNECTION_REFUSED', 'TIMEOUT', 'HTTP_404', 'HTTP_503', 'INVALID_REQUEST'] as const
const ACTION_TYPES = ['deletePod', 'scale', 'setReady', 'exec', 'addNode', 'drainNode'] as const
const TOP_KEYS = ['id', 'order', 'title', 'summary', 'request', 'expect', 'proxyMode', 'lesson', 'goal', 'hint', 'solution']

/** Splits a file into its header (comment prefixes stripped) and the Kubernetes YAML after it. */
export function splitHeader(source: string): { header: string; headerLines: number; yaml: string } | { error: ScenarioFormatError } {
  const lines = source.replace(/\r\n/g, '\n').split('\n')
  if (!FENCE.test(lines[0] ?? '')) {
    return { error: { line: 1, path: '', message: 'a scenario file starts with a "# ---" line, then its metadata as YAML inside "# " comments, then another "# ---" line' } }
  }
  const header: string[] = []
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]
    if (FENCE.test(line)) {
      const yaml = lines.slice(i + 1).join('\n').replace(/^\s*\n/, '')
      return { header: header.join('\n'), headerLines: i + 1, yaml }
    }
    if (!line.startsWith('#')) {
      return { error: { line: i + 1, path: '', message: `line ${i + 1} is not a comment: every header line starts with "#", and a "# ---" line must close the header before the Kubernetes YAML starts` } }
    }
    header.push(line.startsWith('# ') ? line.slice(2) : line.slice(1))
  }
  return { error: { line: 1, path: '', message: 'the header never ends: close it with a "# ---" line' } }
}

type Path = (string | number)[]

class Checker {
  readonly errors: ScenarioFormatError[] = []
  constructor(private readonly doc: ReturnType<typeof parseDocument>, private readonly counter: LineCounter) {}

  /** The header line (1-based) of the deepest node that exists along the path. */
  lineOf(path: Path): number {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as YamlNode | undefined
      if (node && typeof node === 'object' && 'range' in node && node.range) return this.counter.linePos(node.range[0]).line
      if (n > 0 && isMap(this.doc.getIn(path.slice(0, n - 1), true))) {
        const parent = this.doc.getIn(path.slice(0, n - 1), true)
        if (isMap(parent)) {
          const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[n - 1])
          const key = pair?.key as YamlNode | undefined
          if (key?.range) return this.counter.linePos(key.range[0]).line
        }
      }
    }
    return 1
  }

  fail(path: Path, message: string): undefined {
    const where = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
    this.errors.push({ line: this.lineOf(path), path: where, message })
    return undefined
  }

  isObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === 'object' && !Array.isArray(v)
  }

  object(v: unknown, path: Path, keys: string[]): Record<string, unknown> | undefined {
    if (!this.isObject(v)) return this.fail(path, v === undefined ? 'required' : 'must be a mapping')
    for (const k of Object.keys(v)) if (!keys.includes(k)) this.fail([...path, k], `unknown field "${k}" (known: ${keys.join(', ')})`)
    return v
  }

  string(v: unknown, path: Path, optional = false): string | undefined {
    if (v === undefined && optional) return undefined
    if (typeof v !== 'string' || v.trim() === '') return this.fail(path, v === undefined ? 'required: a non-empty string' : 'must be a non-empty string')
    return v
  }

  number(v: unknown, path: Path, optional = false, min = 0): number | undefined {
    if (v === undefined && optional) return undefined
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) return this.fail(path, `must be a whole number of at least ${min}`)
    return v
  }

  oneOf<T extends string>(v: unknown, path: Path, values: readonly T[], optional = false): T | undefined {
    if (v === undefined && optional) return undefined
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) return this.fail(path, `must be one of ${values.join(', ')} (got ${JSON.stringify(v)})`)
    return v as T
  }

  localized(v: unknown, path: Path): Localized | undefined {
    const o = this.object(v, path, ['en', 'ko'])
    if (!o) return undefined
    const en = this.string(o.en, [...path, 'en'])
    const ko = this.string(o.ko, [...path, 'ko'])
    return en !== undefined && ko !== undefined ? { en, ko } : undefined
  }

  stringList(v: unknown, path: Path): string[] | undefined {
    if (v === undefined) return undefined
    if (!Array.isArray(v)) return this.fail(path, 'must be a list of strings')
    return v.map((x, i) => this.string(x, [...path, i]) ?? '')
  }

  podMatch(v: unknown, path: Path): PodMatch | undefined {
    if (v === undefined) return undefined
    if (typeof v === 'string') return v.includes('=') ? { selector: v } : this.fail(path, 'a label selector such as "app=web" (or a mapping with selector, name, namespace)')
    const o = this.object(v, path, ['selector', 'name', 'namespace'])
    if (!o) return undefined
    const m: PodMatch = {}
    if (o.selector !== undefined) m.selector = this.string(o.selector, [...path, 'selector'])
    if (o.name !== undefined) m.name = this.string(o.name, [...path, 'name'])
    if (o.namespace !== undefined) m.namespace = this.string(o.namespace, [...path, 'namespace'])
    if (m.selector !== undefined && !/^[^=,\s]+==?[^=,\s]*(,\s*[^=,\s]+==?[^=,\s]*)*$/.test(m.selector)) this.fail([...path, 'selector'], 'must be an equality selector such as "app=web,tier=front"')
    return m
  }

  request(v: unknown, path: Path): ScenarioRequest | undefined {
    const o = this.object(v, path, ['from', 'url', 'count', 'host', 'clientIP', 'headers'])
    if (!o) return undefined
    const from = this.string(o.from, [...path, 'from'])
    if (from !== undefined && !(from === 'external' || /^(pod|node)\/\S+$/.test(from))) this.fail([...path, 'from'], 'must be pod/<name>, pod/<namespace>/<name>, pod/<selector>, node/<name> or external')
    const url = this.string(o.url, [...path, 'url'])
    const count = this.number(o.count, [...path, 'count'], true, 1) ?? 1
    const host = this.string(o.host, [...path, 'host'], true)
    const clientIP = this.string(o.clientIP, [...path, 'clientIP'], true)
    let headers: Record<string, string> | undefined
    if (o.headers !== undefined) {
      if (!this.isObject(o.headers) || Object.values(o.headers).some((h) => typeof h !== 'string')) this.fail([...path, 'headers'], 'must map header names to strings')
      else headers = o.headers as Record<string, string>
    }
    if (from === undefined || url === undefined) return undefined
    return { from, url, count, ...(host !== undefined ? { host } : {}), ...(clientIP !== undefined ? { clientIP } : {}), ...(headers ? { headers } : {}) }
  }

  outcomeFields(o: Record<string, unknown>, path: Path): OutcomeExpect {
    const e: OutcomeExpect = {}
    if (o.status !== undefined) e.status = this.oneOf(o.status, [...path, 'status'], STATUSES)
    if (o.reason !== undefined) {
      e.reason = this.oneOf(o.reason, [...path, 'reason'], REASONS)
      if (e.status !== undefined && e.status !== 'failed') this.fail([...path, 'reason'], 'a reason goes with status: failed')
    }
    if (o.sourceIP !== undefined) {
      const s = this.string(o.sourceIP, [...path, 'sourceIP'])
      if (s !== undefined && !['client', 'node', 'pod'].includes(s) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) this.fail([...path, 'sourceIP'], 'must be client, node, pod or an IPv4 address')
      e.sourceIP = s
    }
    if (o.port !== undefined) e.port = this.number(o.port, [...path, 'port'], false, 1)
    if (o.host !== undefined) e.host = this.string(o.host, [...path, 'host'])
    if (o.reachesAll !== undefined) e.reachesAll = this.podMatch(o.reachesAll, [...path, 'reachesAll'])
    if (o.reachesOnly !== undefined) e.reachesOnly = this.podMatch(o.reachesOnly, [...path, 'reachesOnly'])
    if (o.samePod !== undefined) {
      if (typeof o.samePod !== 'boolean') this.fail([...path, 'samePod'], 'must be true or false')
      else e.samePod = o.samePod
    }
    if (o.distinctPods !== undefined) e.distinctPods = this.number(o.distinctPods, [...path, 'distinctPods'], false, 1)
    return e
  }

  expect(v: unknown, path: Path): ScenarioExpect | undefined {
    const o = this.object(v, path, ['status', 'reason', 'sourceIP', 'port', 'host', 'reachesAll', 'reachesOnly', 'samePod', 'distinctPods'])
    if (!o) return undefined
    const e = this.outcomeFields(o, path)
    if (e.status === undefined && e.reason !== undefined) e.status = 'failed'
    if (e.status === undefined) return o.status === undefined ? this.fail([...path, 'status'], 'required: delivered, failed or left-cluster') : undefined
    return e as ScenarioExpect
  }

  goal(v: unknown, path: Path): Goal | undefined {
    if (!this.isObject(v)) return this.fail(path, 'a goal is a mapping with one of request, resolve, env, endpoints, noErrors')
    if ('request' in v) {
      const o = this.object(v, path, ['request', 'status', 'reason', 'sourceIP', 'port', 'host', 'reachesAll', 'reachesOnly', 'samePod', 'distinctPods'])!
      const request = this.request(o.request, [...path, 'request'])
      const e = this.outcomeFields(o, path)
      if (Object.values(e).every((x) => x === undefined)) this.fail(path, 'a request goal says what must happen: status, reason, sourceIP, reachesAll, ...')
      return request ? { request, ...e } : undefined
    }
    if ('resolve' in v) {
      const o = this.object(v, path, ['resolve', 'rcode', 'answers', 'cname', 'addressesOf', 'clusterIPOf', 'queries'])!
      const r = this.object(o.resolve, [...path, 'resolve'], ['name', 'from', 'type'])
      const name = this.string(r?.name, [...path, 'resolve', 'name'])
      const from = this.string(r?.from, [...path, 'resolve', 'from'])
      const type = this.oneOf(r?.type, [...path, 'resolve', 'type'], ['A', 'SRV'] as const, true)
      const goal = {
        resolve: { name: name ?? '', from: from ?? '', ...(type ? { type } : {}) },
        ...(o.rcode !== undefined ? { rcode: this.oneOf(o.rcode, [...path, 'rcode'], ['NOERROR', 'NXDOMAIN'] as const) } : {}),
        ...(o.answers !== undefined ? { answers: this.number(o.answers, [...path, 'answers']) } : {}),
        ...(o.cname !== undefined ? { cname: this.string(o.cname, [...path, 'cname']) } : {}),
        ...(o.addressesOf !== undefined ? { addressesOf: this.podMatch(o.addressesOf, [...path, 'addressesOf']) } : {}),
        ...(o.clusterIPOf !== undefined ? { clusterIPOf: this.string(o.clusterIPOf, [...path, 'clusterIPOf']) } : {}),
        ...(o.queries !== undefined ? { queries: this.number(o.queries, [...path, 'queries'], false, 1) } : {}),
      }
      if (Object.keys(goal).length === 1) this.fail(path, 'a resolve goal says what the answer must be: rcode, answers, cname, addressesOf, clusterIPOf or queries')
      return goal
    }
    if ('env' in v) {
      const o = this.object(v, path, ['env', 'has', 'lacks'])!
      const env = this.string(o.env, [...path, 'env']) ?? ''
      const has = this.stringList(o.has, [...path, 'has'])
      const lacks = this.stringList(o.lacks, [...path, 'lacks'])
      if (!has && !lacks) this.fail(path, 'an env goal lists the variables it must have (has) or not have (lacks)')
      return { env, ...(has ? { has } : {}), ...(lacks ? { lacks } : {}) }
    }
    if ('endpoints' in v) {
      const o = this.object(v, path, ['endpoints', 'ready', 'notReady', 'readyPods', 'port'])!
      const goal = {
        endpoints: this.string(o.endpoints, [...path, 'endpoints']) ?? '',
        ...(o.ready !== undefined ? { ready: this.number(o.ready, [...path, 'ready']) } : {}),
        ...(o.notReady !== undefined ? { notReady: this.number(o.notReady, [...path, 'notReady']) } : {}),
        ...(o.readyPods !== undefined ? { readyPods: this.podMatch(o.readyPods, [...path, 'readyPods']) } : {}),
        ...(o.port !== undefined ? { port: this.number(o.port, [...path, 'port'], false, 1) } : {}),
      }
      if (Object.keys(goal).length === 1) this.fail(path, 'an endpoints goal says what they must be: ready, notReady, readyPods or port')
      return goal
    }
    if ('noErrors' in v) {
      this.object(v, path, ['noErrors'])
      if (v.noErrors !== true) this.fail([...path, 'noErrors'], 'must be true')
      return { noErrors: true }
    }
    return this.fail(path, `unknown goal: a goal has one of request, resolve, env, endpoints, noErrors (got ${Object.keys(v).join(', ') || 'nothing'})`)
  }

  goals(v: unknown, path: Path): Goal[] | undefined {
    if (v === undefined) return undefined
    if (!Array.isArray(v) || v.length === 0) return this.fail(path, 'must be a non-empty list of goals')
    return v.map((g, i) => this.goal(g, [...path, i])).filter((g): g is Goal => g !== undefined)
  }

  patch(v: unknown, path: Path): Patch | undefined {
    if (!this.isObject(v)) return this.fail(path, 'a patch is { find, replace }, { target, merge }, { target, delete: true } or { add }')
    if ('find' in v) {
      const o = this.object(v, path, ['find', 'replace', 'target'])!
      const find = this.string(o.find, [...path, 'find'])
      if (typeof o.replace !== 'string') this.fail([...path, 'replace'], 'required: a string (may be empty)')
      const target = this.string(o.target, [...path, 'target'], true)
      return find !== undefined && typeof o.replace === 'string' ? { find, replace: o.replace, ...(target ? { target } : {}) } : undefined
    }
    if ('add' in v) {
      const o = this.object(v, path, ['add'])!
      const add = this.string(o.add, [...path, 'add'])
      return add !== undefined ? { add } : undefined
    }
    if ('merge' in v) {
      const o = this.object(v, path, ['target', 'merge'])!
      const target = this.string(o.target, [...path, 'target'])
      if (!this.isObject(o.merge)) return this.fail([...path, 'merge'], 'must be a mapping (a JSON merge patch)')
      return target !== undefined ? { target, merge: o.merge } : undefined
    }
    if ('delete' in v) {
      const o = this.object(v, path, ['target', 'delete'])!
      const target = this.string(o.target, [...path, 'target'])
      if (o.delete !== true) this.fail([...path, 'delete'], 'must be true')
      return target !== undefined ? { target, delete: true } : undefined
    }
    return this.fail(path, 'a patch is { find, replace }, { target, merge }, { target, delete: true } or { add }')
  }

  patches(v: unknown, path: Path): Patch[] | undefined {
    if (!Array.isArray(v) || v.length === 0) return this.fail(path, 'must be a non-empty list of patches')
    return v.map((p, i) => this.patch(p, [...path, i])).filter((p): p is Patch => p !== undefined)
  }

  action(v: unknown, path: Path): LessonAction | undefined {
    const o = this.isObject(v) ? v : undefined
    if (!o) return this.fail(path, `an action is a mapping with type: ${ACTION_TYPES.join(', ')}`)
    const type = this.oneOf(o.type, [...path, 'type'], ACTION_TYPES)
    const ns = this.string(o.namespace, [...path, 'namespace'], true)
    const withNs = ns !== undefined ? { namespace: ns } : {}
    switch (type) {
      case 'deletePod': {
        this.object(o, path, ['type', 'pod', 'namespace'])
        const pod = this.string(o.pod, [...path, 'pod'])
        return pod !== undefined ? { type, pod, ...withNs } : undefined
      }
      case 'setReady': {
        this.object(o, path, ['type', 'pod', 'ready', 'namespace'])
        const pod = this.string(o.pod, [...path, 'pod'])
        if (typeof o.ready !== 'boolean') this.fail([...path, 'ready'], 'must be true or false')
        return pod !== undefined && typeof o.ready === 'boolean' ? { type, pod, ready: o.ready, ...withNs } : undefined
      }
      case 'exec': {
        this.object(o, path, ['type', 'pod', 'command', 'namespace'])
        const pod = this.string(o.pod, [...path, 'pod'])
        const command = this.stringList(o.command, [...path, 'command'])
        if (!command || command.length === 0) this.fail([...path, 'command'], 'required: the command as a list, e.g. [touch, /var/ready]')
        return pod !== undefined && command && command.length > 0 ? { type, pod, command, ...withNs } : undefined
      }
      case 'scale': {
        this.object(o, path, ['type', 'kind', 'name', 'replicas', 'namespace'])
        const kind = this.string(o.kind, [...path, 'kind'])
        const name = this.string(o.name, [...path, 'name'])
        const replicas = this.number(o.replicas, [...path, 'replicas'])
        return kind !== undefined && name !== undefined && replicas !== undefined ? { type, kind, name, replicas, ...withNs } : undefined
      }
      case 'addNode':
        this.object(o, path, ['type'])
        return { type }
      case 'drainNode': {
        this.object(o, path, ['type', 'node', 'force'])
        const node = this.string(o.node, [...path, 'node'])
        if (o.force !== undefined && typeof o.force !== 'boolean') this.fail([...path, 'force'], 'must be true or false')
        return node !== undefined ? { type, node, ...(o.force === true ? { force: true } : {}) } : undefined
      }
      default:
        return undefined
    }
  }

  lessonText(v: unknown, path: Path): LessonText | undefined {
    const o = this.object(v, path, ['do', 'watch', 'why'])
    if (!o) return undefined
    const d = this.string(o.do, [...path, 'do'])
    const w = this.string(o.watch, [...path, 'watch'])
    const y = this.string(o.why, [...path, 'why'])
    return d !== undefined && w !== undefined && y !== undefined ? { do: d, watch: w, why: y } : undefined
  }

  lesson(v: unknown, path: Path): LessonStep[] | undefined {
    if (!Array.isArray(v)) return this.fail(path, 'required: a list of 3 to 8 steps')
    if (v.length < 3 || v.length > 8) this.fail(path, `a lesson has 3 to 8 steps (this one has ${v.length})`)
    const steps: LessonStep[] = []
    v.forEach((s, i) => {
      const p = [...path, i]
      const o = this.object(s, p, ['en', 'ko', 'action', 'patch', 'proxyMode', 'check'])
      if (!o) return
      const en = this.lessonText(o.en, [...p, 'en'])
      const ko = this.lessonText(o.ko, [...p, 'ko'])
      const step: LessonStep = { en: en ?? { do: '', watch: '', why: '' }, ko: ko ?? { do: '', watch: '', why: '' } }
      if (o.action !== undefined) step.action = this.action(o.action, [...p, 'action'])
      if (o.patch !== undefined) step.patch = this.patches(o.patch, [...p, 'patch'])
      if (o.proxyMode !== undefined) step.proxyMode = this.oneOf(o.proxyMode, [...p, 'proxyMode'], PROXY_MODES)
      if (o.check !== undefined) step.check = this.goals(o.check, [...p, 'check'])
      steps.push(step)
    })
    return steps
  }
}

/** Reads a scenario file; `kind` is `challenge` for files under challenges/. */
export function parseScenario(source: string, kind: Scenario['kind'] = 'scenario'): ParseResult {
  const split = splitHeader(source)
  if ('error' in split) return { ok: false, errors: [split.error] }
  const counter = new LineCounter()
  const doc = parseDocument(split.header, { lineCounter: counter, prettyErrors: false })
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ line: counter.linePos(e.pos[0]).line + 1, path: '', message: `the header is not valid YAML: ${e.message.split('\n')[0]}` })) }
  }
  if (!isMap(doc.contents) && !isSeq(doc.contents) && doc.contents !== null) {
    return { ok: false, errors: [{ line: 2, path: '', message: 'the header must be a YAML mapping (id:, title:, ...)' }] }
  }
  const c = new Checker(doc, counter)
  const h = c.object(doc.toJS() as unknown, [], TOP_KEYS)
  if (!h) return { ok: false, errors: c.errors.map((e) => ({ ...e, line: e.line + 1 })) }

  const id = c.string(h.id, ['id'])
  if (id !== undefined && !ID.test(id)) c.fail(['id'], `"${id}" is not kebab-case (a-z, 0-9 and single dashes)`)
  const order = c.number(h.order, ['order'], true) ?? 1000
  const title = c.localized(h.title, ['title'])
  const summary = c.localized(h.summary, ['summary'])
  const request = c.request(h.request, ['request'])
  const expect = c.expect(h.expect, ['expect'])
  const proxyMode = c.oneOf(h.proxyMode, ['proxyMode'], PROXY_MODES, true)
  const lesson = c.lesson(h.lesson, ['lesson'])
  const goal = c.goals(h.goal, ['goal'])
  const hint = h.hint === undefined ? undefined : c.localized(h.hint, ['hint'])
  let solution: Patch[] | string | undefined
  if (h.solution !== undefined) solution = typeof h.solution === 'string' ? c.string(h.solution, ['solution']) : c.patches(h.solution, ['solution'])
  if (kind === 'challenge' && goal === undefined) c.fail(['goal'], 'a challenge needs a goal: the list of checks that pass once it is solved')
  if (goal !== undefined && solution === undefined) c.fail(['solution'], 'a scenario with a goal carries its solution (patches or the corrected YAML), so the tests can prove the goal is reachable')
  if (goal !== undefined && hint === undefined) c.fail(['hint'], 'a scenario with a goal carries a hint: { en, ko }')
  if (split.yaml.trim() === '') c.fail([], 'there is no Kubernetes YAML after the header')

  if (c.errors.length > 0 || !id || !title || !summary || !request || !expect || !lesson) {
    // Header line n is file line n + 1 (the opening "# ---" comes first).
    return { ok: false, errors: c.errors.map((e) => ({ ...e, line: e.line + 1 })) }
  }
  const scenario: Scenario = {
    id, kind, order, title, summary, yaml: split.yaml, source, request, expect, lesson,
    ...(proxyMode ? { proxyMode } : {}),
    ...(goal ? { goal } : {}),
    ...(hint ? { hint } : {}),
    ...(solution !== undefined ? { solution } : {}),
  }
  return { ok: true, scenario, errors: [] }
}

/** parseScenario for files that must be right: throws one message listing every problem. */
export function loadScenario(source: string, file: string, kind: Scenario['kind'] = 'scenario'): Scenario {
  const result = parseScenario(source, kind)
  if (result.ok) return result.scenario
  throw new Error(formatErrors(file, result.errors))
}

export function formatErrors(file: string, errors: ScenarioFormatError[]): string {
  return `${file}: ${errors.length === 1 ? 'a problem' : `${errors.length} problems`} in the scenario header:\n${errors.map((e) => `  ${file}:${e.line}: ${e.path ? `${e.path}: ` : ''}${e.message}`).join('\n')}`
}
