/**
 * A replica count no cluster could run (replicas: 2147483647, or a scale to
 * it) used to make the engine create every pod, and hang. The playground's
 * controllers create at most MAX_CONTROLLER_PODS pods in all; a controller
 * that wants more than is left shows what it got and says so.
 */
import { describe, expect, it } from 'vitest'
import { MAX_CONTROLLER_PODS } from './controllers'
import { act, deploymentYaml, findDiag, rcYaml, sim, userPods } from '../testing/builders'

/** Pods the built-in controllers (CoreDNS) make before the user's. */
const builtInControllerPods = (s: ReturnType<typeof sim>): number => s.pods.filter((p) => p.namespace !== 'default' && p.ownerKind !== undefined).length

describe('the playground pod limit', () => {
  it('is 10,000: twice the largest benchmark cluster', () => {
    expect(MAX_CONTROLLER_PODS).toBe(10_000)
  })

  it('gives a Deployment that asks for 2147483647 the rest of the limit, with a warning on spec.replicas', () => {
    const text = deploymentYaml('web', 2147483647)
    const s = sim(text)
    expect(userPods(s)).toHaveLength(MAX_CONTROLLER_PODS - builtInControllerPods(s))
    const d = findDiag(s, 'wants 2147483647 pods')
    expect(d).toMatchObject({ severity: 'warning', code: 'POD_LIMIT', line: text.split('\n').findIndex((l) => l.includes('replicas:')) + 1 })
    expect(d.message).toContain(`at most ${MAX_CONTROLLER_PODS} pods made by controllers`)
  })

  it('applies to ReplicationControllers and to kubectl scale', () => {
    expect(userPods(sim(rcYaml('rc', 100_000))).length).toBeLessThan(MAX_CONTROLLER_PODS)
    const scaled = act(sim(deploymentYaml('web', 2)), { type: 'scale', kind: 'deployment', name: 'web', replicas: 2147483647 })
    expect(userPods(scaled).length).toBeGreaterThan(9_000)
    expect(userPods(scaled).length).toBeLessThan(MAX_CONTROLLER_PODS)
    expect(scaled.diagnostics.some((d) => d.code === 'POD_LIMIT')).toBe(true)
  })

  it('counts across controllers: the second one gets what the first left', () => {
    const s = sim(`${deploymentYaml('a', 9_000)}---\n${deploymentYaml('b', 5_000)}`)
    const a = userPods(s).filter((p) => p.name.startsWith('a-')).length
    const b = userPods(s).filter((p) => p.name.startsWith('b-')).length
    expect(a).toBe(9_000)
    expect(a + b).toBe(MAX_CONTROLLER_PODS - builtInControllerPods(s))
    expect(s.diagnostics.filter((d) => d.code === 'POD_LIMIT').map((d) => d.message)).toEqual([expect.stringContaining('Deployment b wants 5000 pods')])
  })

  it('leaves real cluster sizes alone: 1,000 replicas are 1,000 pods', () => {
    const s = sim(deploymentYaml('web', 1_000))
    expect(userPods(s)).toHaveLength(1_000)
    expect(s.diagnostics.some((d) => d.code === 'POD_LIMIT')).toBe(false)
  })
})
