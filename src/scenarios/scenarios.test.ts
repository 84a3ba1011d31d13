/**
 * The built-in library, end to end: every scenario and challenge file parses,
 * its lesson is complete in both languages, its YAML loads with no error,
 * its suggested request ends as `expect` says, every lesson step's checks
 * hold once the step is done, and every goal fails on the shipped YAML and
 * passes on the solution.
 */
import { parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../engine'
import { CHALLENGES, DEFAULT_SCENARIO, SCENARIOS, SCENARIO_LOAD_ERRORS, scenarioById } from './index'
import { checkGoals, checkOutcomes, sendRequests, simulate } from './goals'
import { checkLessonStep, lessonState } from './lesson'
import { solve } from './patches'
import type { Scenario } from './types'

const HANGUL = /[\uac00-\ud7a3]/

const LESSONS = [
  'clusterip-basics', 'session-affinity', 'named-ports', 'env-vars', 'dns-namespaces', 'headless-service', 'external-endpoints',
  'externalname', 'nodeport', 'loadbalancer-metallb', 'ingress-routing', 'readiness-probes', 'proxy-modes', 'troubleshooting',
]

function errorsOf(sim: Simulation): string[] {
  return sim.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`)
}

/** The YAML the scenario's `expect` describes: the shipped one, or the solved one when the scenario has a goal. */
function expectedYaml(s: Scenario): string {
  return s.goal && s.solution !== undefined ? solve(s.yaml, s.solution).yaml : s.yaml
}

describe('the scenario library', () => {
  it('loads every file without a header problem', () => {
    expect(SCENARIO_LOAD_ERRORS).toEqual([])
  })

  it('has the 14 lessons in picker order, then at least 8 challenges', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual(LESSONS)
    expect(CHALLENGES.length).toBeGreaterThanOrEqual(8)
    const ids = [...SCENARIOS, ...CHALLENGES].map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    const orders = [...SCENARIOS, ...CHALLENGES].map((s) => s.order)
    expect(new Set(orders).size).toBe(orders.length)
    for (const c of CHALLENGES) expect(c.kind).toBe('challenge')
  })

  it('keeps DEFAULT_SCENARIO as the kubia YAML, which is also the ClusterIP lesson', () => {
    expect(DEFAULT_SCENARIO).toMatch(/^# Kubernetes in Action, chapter 5/)
    expect(scenarioById('clusterip-basics')?.yaml).toBe(DEFAULT_SCENARIO)
    expect(scenarioById('no-such-scenario')).toBeUndefined()
    expect(scenarioById(CHALLENGES[0].id)).toBe(CHALLENGES[0])
  })
})

describe.each([...SCENARIOS, ...CHALLENGES].map((s) => [s.id, s] as const))('%s', (_id, s) => {
  it('has a lesson of 3 to 8 steps, in English and in Korean', () => {
    expect(s.lesson.length).toBeGreaterThanOrEqual(3)
    expect(s.lesson.length).toBeLessThanOrEqual(8)
    for (const text of [s.title, s.summary, ...(s.hint ? [s.hint] : [])]) {
      expect(HANGUL.test(text.en), text.en).toBe(false)
      expect(HANGUL.test(text.ko), text.ko).toBe(true)
    }
    for (const step of s.lesson) {
      for (const key of ['do', 'watch', 'why'] as const) {
        expect(step.en[key].length).toBeGreaterThan(10)
        expect(HANGUL.test(step.en[key]), step.en[key]).toBe(false)
        expect(HANGUL.test(step.ko[key]), step.ko[key]).toBe(true)
      }
    }
  })

  it('is a file kubectl can apply: the header is comments, every document has apiVersion, kind and a name', () => {
    const docs = parseAllDocuments(s.source)
    const bodyDocs = parseAllDocuments(s.yaml)
    expect(docs.length).toBe(bodyDocs.length)
    for (const doc of docs) {
      expect(doc.errors).toEqual([])
      const obj = doc.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string } }
      expect(obj.apiVersion, JSON.stringify(obj)).toBeTruthy()
      expect(obj.kind).toBeTruthy()
      // KubeProxyConfiguration is kube-proxy's config file, not an API object: it has no metadata.
      if (obj.kind !== 'KubeProxyConfiguration') expect(obj.metadata?.name).toBeTruthy()
    }
  })

  it('loads with no error diagnostics', () => {
    expect(errorsOf(createSimulation(s.yaml, { proxyMode: s.proxyMode }))).toEqual([])
  })

  it(`its suggested request ends as expect says${s.goal ? ' once the YAML is fixed' : ''}`, () => {
    const sim = createSimulation(expectedYaml(s), { proxyMode: s.proxyMode })
    const { spec, traces } = sendRequests(sim, s.request)
    expect(traces).toHaveLength(s.request.count)
    const result = checkOutcomes(sim, spec, traces, s.expect)
    expect(result.passed, result.detail.en).toBe(true)
  })

  it.each(s.lesson.map((step, i) => [i + 1, step.en.do, i] as const))('lesson step %i (%s): its edits apply and its checks hold', (_n, _text, i) => {
    const state = lessonState(s, i)
    expect(state.errors).toEqual([])
    const report = checkLessonStep(s, i)
    const failed = report.results.filter((r) => !r.passed).map((r) => r.detail.en)
    expect(failed).toEqual([])
    // Every action a step takes must work (a selector that names no pod, a typo in a kind...).
    const sim = simulate(state.yaml, { proxyMode: state.proxyMode, actions: state.actions })
    expect(sim.actionLog.filter((a) => !a.ok).map((a) => a.message)).toEqual([])
  })

  if (s.goal) {
    const goal = s.goal
    it('fails its goal on the shipped YAML', () => {
      const report = checkGoals(s.yaml, goal, { proxyMode: s.proxyMode })
      expect(report.passed).toBe(false)
      for (const r of report.results) {
        expect(r.detail.en.length).toBeGreaterThan(0)
        expect(HANGUL.test(r.detail.ko) || r.passed).toBe(true)
      }
    })

    it('passes its goal once the solution is applied', () => {
      const solved = solve(s.yaml, s.solution!)
      expect(solved.errors).toEqual([])
      expect(errorsOf(createSimulation(solved.yaml, { proxyMode: s.proxyMode }))).toEqual([])
      const report = checkGoals(solved.yaml, goal, { proxyMode: s.proxyMode })
      expect(report.results.filter((r) => !r.passed).map((r) => r.detail.en)).toEqual([])
      expect(report.passed).toBe(true)
    })
  }
})
