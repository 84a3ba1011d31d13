/**
 * `apply` returns a new simulation and leaves the one it was called on
 * exactly as it was: its public fields, what it prints (kubectl tables,
 * iptables-save, nft, ipvsadm, DNS, env, describe), its runtime record and
 * its traffic state (round robin, affinity).
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ProxyMode, Simulation } from '../api/types'
import { actionRecipe, cluster, clusterYaml, mutatedScenario, requestRecipe, toAction, toRequest } from './arbitraries'
import { checkProperty, expectSameJson, NUM_RUNS, simulate, timeoutFor, withinBound } from './harness'
import { outputs, publicFields } from './snapshots'

/** Private state, as plain data: the runtime record (deleted pods, readiness, files, bindings) `apply` builds on, and the traffic state (round robin, affinity). */
function internals(sim: Simulation): unknown {
  const plain = (v: unknown): unknown => {
    if (v instanceof Map) return [...v].map(([k, x]) => [k, plain(x)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    if (v instanceof Set) return [...v].map(plain).sort()
    if (Array.isArray(v)) return v.map(plain)
    if (typeof v === 'function') return 'function'
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
    return v
  }
  return { runtime: plain(Reflect.get(sim, 'runtime')), traffic: plain(Reflect.get(sim, 'traffic')) }
}

function snapshot(sim: Simulation): string {
  return JSON.stringify({ fields: publicFields(sim), outputs: outputs(sim), internals: internals(sim) })
}

const input = fc.oneof({ arbitrary: cluster.map((c) => clusterYaml(c)), weight: 3 }, { arbitrary: mutatedScenario.map((m) => m.text), weight: 1 })

describe('apply', () => {
  it('never mutates the simulation it is called on', () => {
    const arb = fc.record({
      text: input,
      seed: fc.nat(),
      proxyMode: fc.option(fc.constantFrom<ProxyMode>('iptables', 'nftables', 'ipvs', 'userspace'), { freq: 3, nil: undefined }),
      actions: fc.oneof({ arbitrary: fc.array(actionRecipe, { minLength: 1, maxLength: 1 }), weight: 3 }, { arbitrary: fc.array(actionRecipe, { minLength: 2, maxLength: 2 }), weight: 1 }),
      requests: fc.array(requestRecipe, { maxLength: 2 }),
    })
    const run = checkProperty('apply never mutates the simulation it was called on', arb, ({ text, seed, proxyMode, actions, requests }) => {
      let current: Simulation = simulate(text, { seed, proxyMode })
      for (const recipe of actions) {
        // Requests first, so there is traffic state (round robin, affinity) that apply must not touch either.
        for (const r of requests) current.request(toRequest(current, r))
        const action = toAction(current, recipe)
        const before = snapshot(current)
        const next = withinBound(`apply ${action.type}`, () => current.apply(action))
        expectSameJson(snapshot(current), before, `apply(${JSON.stringify(action)}) changed the simulation it was called on`)
        expect(next).not.toBe(current)
        current = next
      }
    }, 0xa9917)
    expect(run.cases).toBe(NUM_RUNS)
  }, timeoutFor(NUM_RUNS, 8))
})
