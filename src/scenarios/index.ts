/**
 * Built-in scenarios: YAML files shipped with the app. Each `*.yaml` here (a
 * lesson) and under `challenges/` (a CKA-style task) starts with a metadata
 * header (see scenarioFormat.ts); the same files feed the picker, the golden
 * tests and e2e. Adding one is adding a file.
 */
import { formatErrors, parseScenario } from './scenarioFormat'
import type { Scenario } from './types'

export type * from './types'
export { parseScenario, loadScenario, splitHeader, formatErrors, type ParseResult, type ScenarioFormatError } from './scenarioFormat'
export { checkGoals, checkOutcomes, describeGoal, findPod, resolveAction, sendRequests, simulate, toRequestSpec, type GoalOptions, type GoalReport, type GoalResult } from './goals'
export { applyPatches, mergePatch, solve } from './patches'
export { checkLessonStep, lessonState, type LessonState } from './lesson'

/** The YAML the playground opens with (Kubernetes in Action's kubia, chapter 5). */
export { DEFAULT_SCENARIO } from './defaultScenario'

// kubia.yaml is the plain default text (no header); clusterip-basics.yaml is the same YAML as a lesson.
const lessonFiles = import.meta.glob<string>(['./*.yaml', '!./kubia.yaml'], { query: '?raw', import: 'default', eager: true })
const challengeFiles = import.meta.glob<string>('./challenges/*.yaml', { query: '?raw', import: 'default', eager: true })

/** Files whose header is wrong, with what is wrong (the tests require none; the app skips them rather than fail). */
export const SCENARIO_LOAD_ERRORS: string[] = []

function load(files: Record<string, string>, kind: Scenario['kind']): Scenario[] {
  const out: Scenario[] = []
  for (const file of Object.keys(files).sort()) {
    const result = parseScenario(files[file], kind)
    if (result.ok) out.push(result.scenario)
    else SCENARIO_LOAD_ERRORS.push(formatErrors(`src/scenarios/${file.replace(/^\.\//, '')}`, result.errors))
  }
  return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
}

/** The guided lessons, in picker order. */
export const SCENARIOS: Scenario[] = load(lessonFiles, 'scenario')

/** The CKA-style challenges, in picker order. */
export const CHALLENGES: Scenario[] = load(challengeFiles, 'challenge')

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id) ?? CHALLENGES.find((s) => s.id === id)
}
