/**
 * Determinism: the same text and seed give the same simulation, output for
 * output and trace for trace; and the order of independent documents does
 * not move any address (pod IPs and nodes, node IPs and pod CIDRs,
 * ClusterIPs, NodePorts, load balancer IPs, endpoints).
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ProxyMode } from '../api/types'
import { cluster, clusterYaml, manifestText, mutatedScenario, requestRecipe, toRequest } from './arbitraries'
import { addressesOf } from './addresses'
import { checkProperty, expectSameJson, NUM_RUNS, simulate, timeoutFor } from './harness'
import { outputs, publicFields, traces } from './snapshots'

const proxyMode = fc.option(fc.constantFrom<ProxyMode>('iptables', 'nftables', 'ipvs', 'userspace'), { freq: 2, nil: undefined })

/** Any input: a generated cluster, a mutated lesson or challenge, or random manifests. */
const anyInput = fc.oneof(
  { arbitrary: cluster.map((c) => clusterYaml(c)), weight: 2 },
  { arbitrary: mutatedScenario.map((m) => m.text), weight: 1 },
  { arbitrary: manifestText, weight: 1 },
)

describe('determinism', () => {
  it('gives identical results for the same text and seed', () => {
    const arb = fc.record({ text: anyInput, seed: fc.nat(), proxyMode, requests: fc.array(requestRecipe, { minLength: 1, maxLength: 3 }) })
    const run = checkProperty('the same text and seed give identical results', arb, ({ text, seed, proxyMode, requests }) => {
      const a = simulate(text, { seed, proxyMode })
      const b = simulate(text, { seed, proxyMode })
      expectSameJson(publicFields(b), publicFields(a))
      expectSameJson(outputs(b), outputs(a))
      const specs = requests.map((r) => toRequest(a, r))
      expectSameJson(traces(b, specs), traces(a, specs))
    }, 0xde7e01)
    expect(run.cases).toBe(NUM_RUNS)
  }, timeoutFor(NUM_RUNS, 8))

  it('gives every object the same addresses whatever the order of independent documents', () => {
    const arb = cluster.chain((c) => fc.record({
      c: fc.constant(c),
      order: fc.shuffledSubarray(c.documents, { minLength: c.documents.length }),
      namespaces: fc.shuffledSubarray(c.namespaces, { minLength: c.namespaces.length }),
      seed: fc.nat(),
    }))
    const run = checkProperty('re-ordering independent documents changes no address', arb, ({ c, order, namespaces, seed }) => {
      const a = simulate(clusterYaml(c), { seed })
      const b = simulate(clusterYaml({ namespaces, documents: order }), { seed })
      expectSameJson(addressesOf(b), addressesOf(a))
    }, 0xde7e02)
    expect(run.cases).toBe(NUM_RUNS)
  }, timeoutFor(NUM_RUNS, 6))
})
