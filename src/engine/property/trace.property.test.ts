/**
 * Request tracing terminates for every generated cluster, including ones
 * built to loop (Endpoints pointing at other Services' ClusterIPs and
 * NodePorts, ExternalName cycles, an Ingress in front of its own
 * controller): every request returns within the time bound with a bounded
 * number of steps and a well-formed outcome, never an internal error, and
 * explain/serviceOf finish too.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ProxyMode, RequestSpec, Trace } from '../api/types'
import { cluster, clusterYaml, loopingCluster, mutatedScenario, requestRecipe, toRequest, type RequestRecipe } from './arbitraries'
import { assertSound, checkProperty, NUM_RUNS, simulate, timeoutFor, withinBound } from './harness'

/** Far more than any real path (a few hops per node, sixteen hops at most): a trace longer than this went round in circles. */
const MAX_STEPS = 100
const STEP_KINDS = new Set(['dns', 'send', 'loadbalancer', 'nodeport', 'dnat', 'snat', 'route', 'ingress', 'deliver', 'reject', 'drop'])

type Case = { text: string; requests: RequestSpec[] } | { text: string; recipes: RequestRecipe[] }

const traceCase: fc.Arbitrary<Case> = fc.oneof(
  { arbitrary: fc.record({ text: cluster.map((c) => clusterYaml(c)), recipes: fc.array(requestRecipe, { minLength: 1, maxLength: 4 }) }), weight: 3 },
  { arbitrary: loopingCluster, weight: 2 },
  { arbitrary: fc.record({ text: mutatedScenario.map((m) => m.text), recipes: fc.array(requestRecipe, { minLength: 1, maxLength: 3 }) }), weight: 1 },
)

function checkTrace(req: RequestSpec, trace: Trace): void {
  const where = `request ${JSON.stringify(req)}`
  expect(trace.steps.length, `${where}: ${trace.steps.length} steps`).toBeLessThanOrEqual(MAX_STEPS)
  for (const step of trace.steps) {
    expect(STEP_KINDS.has(step.kind), `${where}: step kind ${step.kind}`).toBe(true)
    expect(typeof step.at === 'string' && step.at !== '', `${where}: step without a place`).toBe(true)
  }
  const outcome = trace.outcome
  expect(['delivered', 'left-cluster', 'failed']).toContain(outcome.status)
  if (outcome.status === 'failed') expect(outcome.message, where).not.toMatch(/internal engine error/)
}

describe('request tracing', () => {
  it('terminates for every generated cluster', () => {
    const arb = fc.record({ c: traceCase, seed: fc.nat(), proxyMode: fc.option(fc.constantFrom<ProxyMode>('iptables', 'nftables', 'ipvs', 'userspace'), { freq: 2, nil: undefined }) })
    const run = checkProperty('request tracing terminates (no routing loops)', arb, ({ c, seed, proxyMode }) => {
      const sim = simulate(c.text, { seed, proxyMode })
      assertSound(sim, c.text)
      const requests = 'requests' in c ? c.requests : c.recipes.map((r) => toRequest(sim, r))
      for (const req of requests) {
        const trace = withinBound(`request ${JSON.stringify(req)}`, () => sim.request(req))
        checkTrace(req, trace)
        withinBound('explain', () => sim.explain(req, trace))
        withinBound('serviceOf', () => sim.serviceOf(req, trace))
      }
    }, 0x7ace)
    expect(run.cases).toBe(NUM_RUNS)
  }, timeoutFor(NUM_RUNS, 6))
})
