/**
 * applyAction returns a runtime of its own even when it refuses the action:
 * it used to hand back the very record it was given, which the simulation
 * then filled with pod bindings, changing the simulation `apply` was called
 * on (found by property/apply.property.test.ts).
 */
import { describe, expect, it } from 'vitest'
import type { Action } from '../api/types'
import { emptyRuntime } from '../cluster/runtime'
import { deploymentYaml, sim } from '../testing/builders'
import { applyAction } from './applyAction'

describe('applyAction', () => {
  const s = sim(deploymentYaml('web', 2))
  const refused: Action[] = [
    { type: 'deletePod', pod: 'nobody' },
    { type: 'scale', kind: 'deployment', name: 'nothing', replicas: 1 },
    { type: 'scale', kind: 'deployment', name: 'web', replicas: -1 },
    { type: 'setReady', pod: 'nobody', ready: false },
    { type: 'exec', pod: 'nobody', command: ['touch', 'x'] },
    { type: 'drainNode', node: 'nowhere' },
  ]

  it('does not return the runtime it was given, even for an action it refuses', () => {
    for (const action of refused) {
      const runtime = emptyRuntime()
      const out = applyAction(runtime, s.cluster, Reflect.get(s, 'prepared').desired, action)
      expect(out.result.ok, JSON.stringify(action)).toBe(false)
      expect(out.runtime).not.toBe(runtime)
      expect(out.runtime).toEqual(runtime)
    }
  })

  it('leaves the simulation alone when it refuses an action', () => {
    const before = JSON.stringify([...Reflect.get(s, 'runtime').bindings])
    for (const action of refused) s.apply(action)
    expect(JSON.stringify([...Reflect.get(s, 'runtime').bindings])).toBe(before)
  })
})
