/**
 * Checks a challenge's goals against a YAML text: builds the cluster with the
 * engine, applies the runtime actions done so far, then checks each goal on a
 * fresh copy (so one goal's requests do not move another's round robin or
 * affinity). Pure: no UI, no clock, no randomness beyond the engine's seed.
 */
import { createSimulation, type Action, type PodInfo, type ProxyMode, type RequestSpec, type Simulation, type Trace } from '../engine'
import type {
  EndpointsGoal, EnvGoal, Goal, LessonAction, Localized, OutcomeExpect, PodMatch, RequestGoal, ResolveGoal, ScenarioRequest,
} from './types'

export interface GoalOptions {
  seed?: number
  proxyMode?: ProxyMode
  /** Runtime actions done so far (pods may be named by label selector, see LessonAction). */
  actions?: LessonAction[]
}

export interface GoalResult {
  goal: Goal
  passed: boolean
  detail: Localized
}

export interface GoalReport {
  passed: boolean
  results: GoalResult[]
}

/** The external client's address when a request names none (the engine's default). */
export const DEFAULT_CLIENT_IP = '203.0.113.10'
/** Namespaces of the cluster's own pods: a PodMatch without a namespace leaves them out. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'ingress-nginx'])

const say = (en: string, ko: string): Localized => ({ en, ko })

// ------------------------------------------------------------------ pods

/** `app=web,tier=front` → {app: web, tier: front}; undefined when it is not an equality selector. */
export function parseSelector(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=!\s]+)\s*==?\s*(\S*)$/.exec(part)
    if (!m) return undefined
    out[m[1]] = m[2]
  }
  return Object.keys(out).length > 0 ? out : undefined
}

export function podMatches(pod: PodInfo, match: PodMatch): boolean {
  if (match.namespace !== undefined ? pod.namespace !== match.namespace : SYSTEM_NAMESPACES.has(pod.namespace)) return false
  if (match.name !== undefined && pod.name !== match.name) return false
  if (match.selector !== undefined) {
    const sel = parseSelector(match.selector)
    if (!sel) return false
    return Object.entries(sel).every(([k, v]) => pod.labels[k] === v)
  }
  return true
}

export function describeMatch(match: PodMatch): string {
  const parts = [match.selector, match.name && `name ${match.name}`, match.namespace && `in ${match.namespace}`].filter(Boolean)
  return parts.length > 0 ? parts.join(' ') : 'any pod'
}

const byName = (a: PodInfo, b: PodInfo): number => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)

/**
 * A pod reference: `name`, `namespace/name`, a label selector (`app=web`) or
 * `namespace/selector`, each with or without a leading `pod/`. A selector
 * names the first running pod it matches, by name; `app=web#2` the second.
 */
export function findPod(sim: Simulation, ref: string, defaultNamespace = 'default'): PodInfo | undefined {
  const bare = ref.startsWith('pod/') ? ref.slice(4) : ref
  const slash = bare.indexOf('/')
  const namespace = slash === -1 ? defaultNamespace : bare.slice(0, slash)
  const rest = slash === -1 ? bare : bare.slice(slash + 1)
  if (rest.includes('=')) {
    const m = /^(.*?)(?:#(\d+))?$/.exec(rest)!
    const nth = m[2] === undefined ? 1 : Number(m[2])
    return sim.pods.filter((p) => p.phase === 'Running' && podMatches(p, { selector: m[1], namespace })).sort(byName)[nth - 1]
  }
  return sim.pods.find((p) => p.namespace === namespace && p.name === rest)
}

/** Turns a selector-named pod in an action into the pod's name. */
export function resolveAction(sim: Simulation, action: LessonAction): Action {
  if ((action.type === 'deletePod' || action.type === 'setReady' || action.type === 'exec') && action.pod.includes('=')) {
    const pod = findPod(sim, action.pod, action.namespace ?? 'default')
    return pod ? { ...action, pod: pod.name, namespace: pod.namespace } : action
  }
  return action
}

/** The engine's RequestSpec for a scenario request: selector-named pods resolved, `host` as the Host header. */
export function toRequestSpec(sim: Simulation, req: ScenarioRequest): RequestSpec {
  let from = req.from
  if (from.startsWith('pod/') && from.includes('=')) {
    const pod = findPod(sim, from)
    if (pod) from = `pod/${pod.namespace}/${pod.name}`
  }
  const headers = { ...(req.headers ?? {}) }
  if (req.host !== undefined) headers.Host = req.host
  return {
    from,
    url: req.url,
    ...(req.clientIP !== undefined ? { clientIP: req.clientIP } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  }
}

/** A simulation of the YAML with the actions applied in order. */
export function simulate(yaml: string, options: GoalOptions = {}): Simulation {
  let sim: Simulation = createSimulation(yaml, { seed: options.seed, proxyMode: options.proxyMode })
  for (const action of options.actions ?? []) sim = sim.apply(resolveAction(sim, action))
  return sim
}

// ------------------------------------------------------------------ request goals

function senderAddress(sim: Simulation, spec: RequestSpec): string | undefined {
  if (spec.from === 'external') return spec.clientIP ?? DEFAULT_CLIENT_IP
  if (spec.from.startsWith('node/')) return sim.nodes.find((n) => n.name === spec.from.slice(5))?.ip
  return findPod(sim, spec.from)?.ip
}

function outcomeText(t: Trace): string {
  const o = t.outcome
  if (o.status === 'delivered') return `delivered to ${o.namespace}/${o.pod} (${o.ip}:${o.port}, source ${o.sourceIP})`
  if (o.status === 'left-cluster') return `left the cluster for ${o.host}:${o.port}`
  return `failed: ${o.reason} (${o.message})`
}

function list(items: string[]): string {
  return items.length > 0 ? items.join(', ') : '-'
}

/** Checks what a batch of traces shows against an OutcomeExpect. */
export function checkOutcomes(sim: Simulation, spec: RequestSpec, traces: Trace[], expect: OutcomeExpect): { passed: boolean; detail: Localized } {
  const n = traces.length
  const problems: Localized[] = []
  const delivered = traces.map((t) => t.outcome).filter((o): o is Extract<Trace['outcome'], { status: 'delivered' }> => o.status === 'delivered')
  const wantStatus = expect.reason !== undefined ? 'failed' : expect.status
  if (wantStatus !== undefined) {
    const bad = traces.filter((t) => t.outcome.status !== wantStatus)
    if (bad.length > 0) problems.push(say(`${bad.length} of ${n} did not end ${wantStatus} (first: ${outcomeText(bad[0])})`, `${n}번 중 ${bad.length}번이 ${wantStatus}로 끝나지 않았습니다 (첫 번째: ${outcomeText(bad[0])})`))
  }
  if (expect.reason !== undefined) {
    const bad = traces.filter((t) => t.outcome.status !== 'failed' || t.outcome.reason !== expect.reason)
    if (bad.length > 0) problems.push(say(`${bad.length} of ${n} did not fail with ${expect.reason} (first: ${outcomeText(bad[0])})`, `${n}번 중 ${bad.length}번이 ${expect.reason}로 실패하지 않았습니다 (첫 번째: ${outcomeText(bad[0])})`))
  }
  if (expect.sourceIP !== undefined) {
    const sender = senderAddress(sim, spec)
    const nodeIPs = new Set(sim.nodes.map((x) => x.ip))
    const podIPs = new Set(sim.pods.map((p) => p.ip).filter(Boolean))
    const want = expect.sourceIP
    const ok = (ip: string): boolean =>
      want === 'client' ? ip === sender : want === 'node' ? nodeIPs.has(ip) : want === 'pod' ? podIPs.has(ip) && ip !== sender : ip === want
    const seen = [...new Set(delivered.map((o) => o.sourceIP))]
    if (delivered.length === 0) problems.push(say(`no request was delivered, so no pod saw a source address (wanted: ${want})`, `전달된 요청이 없어 Pod가 본 출발지 주소가 없습니다 (기대값: ${want})`))
    else if (!delivered.every((o) => ok(o.sourceIP))) {
      problems.push(say(`the pods saw the source ${list(seen)}, not the ${want === 'client' ? `client's own address (${sender ?? '?'})` : want === 'node' ? 'address of a node' : want === 'pod' ? 'address of another pod' : want}`,
        `Pod가 본 출발지 주소는 ${list(seen)}이고, ${want === 'client' ? `클라이언트 자신의 주소(${sender ?? '?'})` : want === 'node' ? '노드의 주소' : want === 'pod' ? '다른 Pod의 주소' : want}가 아닙니다`))
    }
  }
  if (expect.port !== undefined) {
    const ports = traces.map((t) => (t.outcome.status === 'failed' ? undefined : t.outcome.port))
    if (ports.some((p) => p !== expect.port)) problems.push(say(`the port was ${list([...new Set(ports.map(String))])}, not ${expect.port}`, `포트가 ${expect.port}이 아니라 ${list([...new Set(ports.map(String))])}였습니다`))
  }
  if (expect.host !== undefined) {
    const hosts = traces.map((t) => (t.outcome.status === 'left-cluster' ? t.outcome.host : undefined))
    if (hosts.some((h) => h !== expect.host)) problems.push(say(`the request did not leave the cluster for ${expect.host} (got ${list([...new Set(hosts.map(String))])})`, `요청이 ${expect.host}(으)로 클러스터를 떠나지 않았습니다 (결과: ${list([...new Set(hosts.map(String))])})`))
  }
  const reached = [...new Set(delivered.map((o) => `${o.namespace}/${o.pod}`))].sort()
  if (expect.reachesAll !== undefined) {
    const m = expect.reachesAll
    const target = sim.pods.filter((p) => p.phase === 'Running' && p.ready && podMatches(p, m)).map((p) => `${p.namespace}/${p.name}`).sort()
    const missing = target.filter((p) => !reached.includes(p))
    const extra = reached.filter((p) => !target.includes(p))
    if (target.length === 0) problems.push(say(`no running, ready pod matches ${describeMatch(m)}`, `${describeMatch(m)}에 맞는 실행 중이고 Ready인 Pod가 없습니다`))
    else if (missing.length > 0 || extra.length > 0) {
      problems.push(say(`reached ${list(reached)}; wanted every pod ${describeMatch(m)} (${list(target)})${missing.length > 0 ? `, missing ${list(missing)}` : ''}${extra.length > 0 ? `, and not ${list(extra)}` : ''}`,
        `도달한 Pod: ${list(reached)}. ${describeMatch(m)}의 모든 Pod(${list(target)})에 도달해야 합니다${missing.length > 0 ? `. 빠진 Pod: ${list(missing)}` : ''}${extra.length > 0 ? `. 대상이 아닌 Pod: ${list(extra)}` : ''}`))
    }
  }
  if (expect.reachesOnly !== undefined) {
    const m = expect.reachesOnly
    const outside = delivered.filter((o) => {
      const pod = sim.pods.find((p) => p.namespace === o.namespace && p.name === o.pod)
      return !pod || !podMatches(pod, m)
    })
    if (delivered.length === 0) problems.push(say(`no request reached a pod (wanted pods ${describeMatch(m)})`, `Pod에 도달한 요청이 없습니다 (${describeMatch(m)} Pod에 도달해야 합니다)`))
    else if (outside.length > 0) problems.push(say(`${outside.length} request(s) reached ${list([...new Set(outside.map((o) => `${o.namespace}/${o.pod}`))])}, not a pod ${describeMatch(m)}`, `${outside.length}번의 요청이 ${describeMatch(m)} Pod가 아닌 ${list([...new Set(outside.map((o) => `${o.namespace}/${o.pod}`))])}에 도달했습니다`))
  }
  if (expect.samePod && (delivered.length !== n || reached.length !== 1)) {
    problems.push(say(`the requests reached ${reached.length} different pods (${list(reached)}), not always the same one`, `요청이 항상 같은 Pod가 아니라 서로 다른 Pod ${reached.length}개(${list(reached)})에 도달했습니다`))
  }
  if (expect.distinctPods !== undefined && reached.length !== expect.distinctPods) {
    problems.push(say(`the requests reached ${reached.length} different pods (${list(reached)}), not ${expect.distinctPods}`, `요청이 서로 다른 Pod ${expect.distinctPods}개가 아니라 ${reached.length}개(${list(reached)})에 도달했습니다`))
  }
  if (problems.length > 0) return { passed: false, detail: say(problems.map((p) => p.en).join('; '), problems.map((p) => p.ko).join('; ')) }
  const summary = delivered.length > 0 ? `reached ${list(reached)}` : outcomeText(traces[0])
  return {
    passed: true,
    detail: say(`${n === 1 ? 'the request' : `all ${n} requests`}: ${summary}`, `${n === 1 ? '요청' : `요청 ${n}번 모두`}: ${delivered.length > 0 ? `${list(reached)}에 도달` : outcomeText(traces[0])}`),
  }
}

/** Sends the request `count` times on `sim` (stateful: round robin and affinity carry over). */
export function sendRequests(sim: Simulation, req: ScenarioRequest): { spec: RequestSpec; traces: Trace[] } {
  const spec = toRequestSpec(sim, req)
  const traces = Array.from({ length: Math.max(1, req.count ?? 1) }, () => sim.request(spec))
  return { spec, traces }
}

function checkRequest(sim: Simulation, goal: RequestGoal): { passed: boolean; detail: Localized } {
  const { spec, traces } = sendRequests(sim, goal.request)
  return checkOutcomes(sim, spec, traces, goal)
}

// ------------------------------------------------------------------ other goals

function serviceRef(ref: string): { name: string; namespace: string } {
  const [a, b] = ref.split('/')
  return b === undefined ? { name: a, namespace: 'default' } : { name: b, namespace: a }
}

function checkResolve(sim: Simulation, goal: ResolveGoal): { passed: boolean; detail: Localized } {
  const from = findPod(sim, goal.resolve.from)
  const type = goal.resolve.type ?? 'A'
  if (!from) return { passed: false, detail: say(`there is no pod ${goal.resolve.from} to look the name up from`, `이름을 조회할 Pod ${goal.resolve.from}가 없습니다`) }
  const r = sim.resolve(goal.resolve.name, `${from.namespace}/${from.name}`, type)
  const answers = r.answers.filter((a) => a.type === type)
  const shown = `${r.rcode} ${list(r.answers.map((a) => `${a.type} ${a.data}`))} (tried ${list(r.tried)})`
  const problems: Localized[] = []
  if (goal.rcode !== undefined && r.rcode !== goal.rcode) problems.push(say(`the answer was ${r.rcode}, not ${goal.rcode}`, `응답이 ${goal.rcode}가 아니라 ${r.rcode}였습니다`))
  if (goal.answers !== undefined && answers.length !== goal.answers) problems.push(say(`${answers.length} ${type} answers, not ${goal.answers}`, `${type} 응답이 ${goal.answers}개가 아니라 ${answers.length}개입니다`))
  if (goal.cname !== undefined && !r.answers.some((a) => a.type === 'CNAME' && a.data.replace(/\.$/, '') === goal.cname!.replace(/\.$/, ''))) {
    problems.push(say(`no CNAME to ${goal.cname}`, `${goal.cname}(으)로 가는 CNAME이 없습니다`))
  }
  if (goal.addressesOf !== undefined) {
    const want = sim.pods.filter((p) => p.ready && p.ip && podMatches(p, goal.addressesOf!)).map((p) => p.ip).sort()
    const got = answers.filter((a) => a.type === 'A').map((a) => a.data).sort()
    if (want.length === 0 || want.join() !== got.join()) problems.push(say(`the A records are ${list(got)}, not the ready pods ${describeMatch(goal.addressesOf)} (${list(want)})`, `A 레코드가 ${describeMatch(goal.addressesOf)}의 Ready Pod 주소(${list(want)})가 아니라 ${list(got)}입니다`))
  }
  if (goal.clusterIPOf !== undefined) {
    const ref = serviceRef(goal.clusterIPOf)
    const svc = sim.services.find((s) => s.name === ref.name && s.namespace === ref.namespace)
    const got = answers.filter((a) => a.type === 'A').map((a) => a.data)
    if (!svc || !/^\d/.test(svc.clusterIP)) problems.push(say(`Service ${ref.namespace}/${ref.name} has no ClusterIP`, `Service ${ref.namespace}/${ref.name}에 클러스터IP가 없습니다`))
    else if (got.length !== 1 || got[0] !== svc.clusterIP) problems.push(say(`the answer is ${list(got)}, not the ClusterIP ${svc.clusterIP} of ${ref.namespace}/${ref.name}`, `응답이 ${ref.namespace}/${ref.name}의 클러스터IP ${svc.clusterIP}가 아니라 ${list(got)}입니다`))
  }
  if (goal.queries !== undefined && r.tried.length !== goal.queries) problems.push(say(`the resolver asked ${r.tried.length} names, not ${goal.queries}`, `리졸버가 ${goal.queries}개가 아니라 ${r.tried.length}개의 이름을 질의했습니다`))
  return problems.length > 0
    ? { passed: false, detail: say(`${goal.resolve.name}: ${problems.map((p) => p.en).join('; ')} — ${shown}`, `${goal.resolve.name}: ${problems.map((p) => p.ko).join('; ')} — ${shown}`) }
    : { passed: true, detail: say(`${goal.resolve.name}: ${shown}`, `${goal.resolve.name}: ${shown}`) }
}

function checkEnv(sim: Simulation, goal: EnvGoal): { passed: boolean; detail: Localized } {
  const pod = findPod(sim, goal.env)
  if (!pod) return { passed: false, detail: say(`there is no pod ${goal.env}`, `Pod ${goal.env}가 없습니다`) }
  const env = sim.envFor(pod.name, pod.namespace)
  const missing = (goal.has ?? []).filter((k) => !(k in env))
  const present = (goal.lacks ?? []).filter((k) => k in env)
  const problems: Localized[] = []
  if (missing.length > 0) problems.push(say(`${pod.name} has no ${list(missing)}`, `${pod.name}에 ${list(missing)}가 없습니다`))
  if (present.length > 0) problems.push(say(`${pod.name} has ${list(present)}`, `${pod.name}에 ${list(present)}가 있습니다`))
  if (problems.length > 0) return { passed: false, detail: say(problems.map((p) => p.en).join('; '), problems.map((p) => p.ko).join('; ')) }
  const shown = [...(goal.has ?? []).map((k) => `${k}=${env[k]}`), ...(goal.lacks ?? []).map((k) => `no ${k}`)]
  return { passed: true, detail: say(`${pod.name}: ${list(shown)}`, `${pod.name}: ${list(shown)}`) }
}

function checkEndpoints(sim: Simulation, goal: EndpointsGoal): { passed: boolean; detail: Localized } {
  const ref = serviceRef(goal.endpoints)
  const view = sim.endpoints(ref.name, ref.namespace)
  const shown = `ready ${list(view.ready.map((e) => `${e.ip}:${e.port}`))}; not ready ${list(view.notReady.map((e) => `${e.ip}:${e.port}`))}`
  const problems: Localized[] = []
  if (goal.ready !== undefined && view.ready.length !== goal.ready) problems.push(say(`${view.ready.length} ready addresses, not ${goal.ready}`, `Ready 주소가 ${goal.ready}개가 아니라 ${view.ready.length}개입니다`))
  if (goal.notReady !== undefined && view.notReady.length !== goal.notReady) problems.push(say(`${view.notReady.length} not-ready addresses, not ${goal.notReady}`, `NotReady 주소가 ${goal.notReady}개가 아니라 ${view.notReady.length}개입니다`))
  if (goal.readyPods !== undefined) {
    const want = sim.pods.filter((p) => p.ip && podMatches(p, goal.readyPods!)).map((p) => p.ip).sort()
    const got = [...new Set(view.ready.map((e) => e.ip))].sort()
    if (want.length === 0 || want.join() !== got.join()) problems.push(say(`the ready addresses are not the pods ${describeMatch(goal.readyPods)} (${list(want)})`, `Ready 주소가 ${describeMatch(goal.readyPods)} Pod(${list(want)})와 다릅니다`))
  }
  if (goal.port !== undefined && (view.ready.length === 0 || view.ready.some((e) => e.port !== goal.port))) problems.push(say(`the ready addresses do not all use port ${goal.port}`, `Ready 주소가 모두 포트 ${goal.port}를 쓰지는 않습니다`))
  return problems.length > 0
    ? { passed: false, detail: say(`${ref.namespace}/${ref.name}: ${problems.map((p) => p.en).join('; ')} — ${shown}`, `${ref.namespace}/${ref.name}: ${problems.map((p) => p.ko).join('; ')} — ${shown}`) }
    : { passed: true, detail: say(`${ref.namespace}/${ref.name}: ${shown}`, `${ref.namespace}/${ref.name}: ${shown}`) }
}

function checkOne(sim: Simulation, goal: Goal): { passed: boolean; detail: Localized } {
  if ('request' in goal) return checkRequest(sim, goal)
  if ('resolve' in goal) return checkResolve(sim, goal)
  if ('env' in goal) return checkEnv(sim, goal)
  if ('endpoints' in goal) return checkEndpoints(sim, goal)
  const errors = sim.diagnostics.filter((d) => d.severity === 'error')
  return errors.length > 0
    ? { passed: false, detail: say(`the YAML has ${errors.length} error(s); first, line ${errors[0].line}: ${errors[0].message}`, `YAML에 오류가 ${errors.length}개 있습니다. 첫 번째(${errors[0].line}행): ${errors[0].message}`) }
    : { passed: true, detail: say('the YAML loads with no errors', 'YAML이 오류 없이 적용됩니다') }
}

/** Runs the engine on the YAML and checks every goal. */
export function checkGoals(yaml: string, goals: Goal[], options: GoalOptions = {}): GoalReport {
  const results = goals.map((goal) => {
    // A fresh simulation per goal: requests are stateful (round robin, affinity).
    const { passed, detail } = checkOne(simulate(yaml, options), goal)
    return { goal, passed, detail }
  })
  return { passed: results.every((r) => r.passed), results }
}

// ------------------------------------------------------------------ words

/** A goal in plain words, for a checklist. */
export function describeGoal(goal: Goal): Localized {
  if ('request' in goal) {
    const r = goal.request
    const times = (r.count ?? 1) > 1 ? ` ×${r.count}` : ''
    const head = `${r.from} → ${r.url}${r.host ? ` (Host: ${r.host})` : ''}${times}`
    const en: string[] = []
    const ko: string[] = []
    if (goal.reason) { en.push(`fails with ${goal.reason}`); ko.push(`${goal.reason}로 실패`) } else if (goal.status) { en.push(`ends ${goal.status}`); ko.push(`결과 ${goal.status}`) }
    if (goal.reachesAll) { en.push(`reaches every pod ${describeMatch(goal.reachesAll)}`); ko.push(`${describeMatch(goal.reachesAll)}의 모든 Pod에 도달`) }
    if (goal.reachesOnly) { en.push(`reaches only pods ${describeMatch(goal.reachesOnly)}`); ko.push(`${describeMatch(goal.reachesOnly)} Pod에만 도달`) }
    if (goal.samePod) { en.push('always the same pod'); ko.push('항상 같은 Pod') }
    if (goal.distinctPods !== undefined) { en.push(`${goal.distinctPods} different pods`); ko.push(`서로 다른 Pod ${goal.distinctPods}개`) }
    if (goal.sourceIP) { en.push(`the pod sees the ${goal.sourceIP} address`); ko.push(`Pod가 보는 출발지: ${goal.sourceIP}`) }
    if (goal.port !== undefined) { en.push(`port ${goal.port}`); ko.push(`포트 ${goal.port}`) }
    if (goal.host) { en.push(`leaves for ${goal.host}`); ko.push(`${goal.host}(으)로 나감`) }
    return say(`${head}: ${en.join(', ')}`, `${head}: ${ko.join(', ')}`)
  }
  if ('resolve' in goal) {
    const en: string[] = []
    const ko: string[] = []
    if (goal.rcode) { en.push(goal.rcode); ko.push(goal.rcode) }
    if (goal.answers !== undefined) { en.push(`${goal.answers} answers`); ko.push(`응답 ${goal.answers}개`) }
    if (goal.cname) { en.push(`CNAME ${goal.cname}`); ko.push(`CNAME ${goal.cname}`) }
    if (goal.addressesOf) { en.push(`every ready pod ${describeMatch(goal.addressesOf)}`); ko.push(`${describeMatch(goal.addressesOf)}의 모든 Ready Pod`) }
    if (goal.clusterIPOf) { en.push(`the ClusterIP of ${goal.clusterIPOf}`); ko.push(`${goal.clusterIPOf}의 클러스터IP`) }
    if (goal.queries !== undefined) { en.push(`after ${goal.queries} queries`); ko.push(`질의 ${goal.queries}번`) }
    return say(`nslookup ${goal.resolve.name} (${goal.resolve.from}): ${en.join(', ')}`, `${goal.resolve.from}에서 ${goal.resolve.name} 조회: ${ko.join(', ')}`)
  }
  if ('env' in goal) {
    const en = [...(goal.has ?? []).map((k) => `has ${k}`), ...(goal.lacks ?? []).map((k) => `has no ${k}`)]
    const ko = [...(goal.has ?? []).map((k) => `${k} 있음`), ...(goal.lacks ?? []).map((k) => `${k} 없음`)]
    return say(`env of ${goal.env}: ${en.join(', ')}`, `${goal.env}의 환경 변수: ${ko.join(', ')}`)
  }
  if ('endpoints' in goal) {
    const en: string[] = []
    const ko: string[] = []
    if (goal.ready !== undefined) { en.push(`${goal.ready} ready`); ko.push(`Ready ${goal.ready}개`) }
    if (goal.notReady !== undefined) { en.push(`${goal.notReady} not ready`); ko.push(`NotReady ${goal.notReady}개`) }
    if (goal.readyPods) { en.push(`the pods ${describeMatch(goal.readyPods)}`); ko.push(`${describeMatch(goal.readyPods)} Pod`) }
    if (goal.port !== undefined) { en.push(`port ${goal.port}`); ko.push(`포트 ${goal.port}`) }
    return say(`endpoints of ${goal.endpoints}: ${en.join(', ')}`, `${goal.endpoints}의 엔드포인트: ${ko.join(', ')}`)
  }
  return say('the YAML applies with no errors', 'YAML이 오류 없이 적용됨')
}
