/**
 * Where a guided lesson stands after a step: the YAML with every edit made
 * so far, the kube-proxy mode, and the runtime actions done so far (the
 * playground keeps actions across YAML edits, and so does this).
 */
import type { ProxyMode } from '../engine'
import { checkGoals, type GoalReport } from './goals'
import { applyPatches } from './patches'
import type { LessonAction, Scenario } from './types'

export interface LessonState {
  yaml: string
  proxyMode?: ProxyMode
  actions: LessonAction[]
  /** Patches that did not apply (a broken lesson). */
  errors: string[]
}

/** The state once steps 0..step (inclusive) are done; step -1 is the scenario as shipped. */
export function lessonState(scenario: Scenario, step: number): LessonState {
  let yaml = scenario.yaml
  let proxyMode = scenario.proxyMode
  const actions: LessonAction[] = []
  const errors: string[] = []
  scenario.lesson.slice(0, step + 1).forEach((s, i) => {
    if (s.patch) {
      const r = applyPatches(yaml, s.patch)
      yaml = r.yaml
      errors.push(...r.errors.map((e) => `lesson[${i}] ${e}`))
    }
    if (s.proxyMode) proxyMode = s.proxyMode
    if (s.action) actions.push(s.action)
  })
  return { yaml, ...(proxyMode ? { proxyMode } : {}), actions, errors }
}

/** Checks a step's `check` goals in the state that step leaves (passed when it has none). */
export function checkLessonStep(scenario: Scenario, step: number): GoalReport {
  const checks = scenario.lesson[step]?.check ?? []
  const state = lessonState(scenario, step)
  return checkGoals(state.yaml, checks, { proxyMode: state.proxyMode, actions: state.actions })
}
