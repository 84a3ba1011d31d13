/**
 * The big hostile inputs, each with an explicit time bound: thousands of
 * documents, "billion laughs", deeply nested aliases and collections, huge
 * label maps and selectors, a 1 MB line, replica counts no cluster could run,
 * an address pool of the whole internet. Too slow for 10,000 runs each, so
 * they are examples (plus one low-run property of big random streams).
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { manifestObject } from './arbitraries'
import { assertSound, checkProperty, simulate, withinBound } from './harness'
import { writeYaml } from './writeYaml'
import { MAX_CONTROLLER_PODS } from '../cluster/controllers'
import type { SimulationImpl } from '../simulation'

/** Builds, checks and reads the simulation back out, each step under `boundMs`. */
function survives(text: string, boundMs: number): SimulationImpl {
  const sim = simulate(text, {}, boundMs)
  assertSound(sim, text)
  withinBound('kubectl and iptables-save', () => {
    sim.kubectl('get pods -o wide', { allNamespaces: true })
    sim.kubectl('get svc', { allNamespaces: true })
    sim.iptablesSave(sim.nodes[0].name)
  }, boundMs)
  return sim
}

const service = (i: number): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  type: NodePort\n  selector: {app: a${i}}\n  ports: [{port: 80}]\n`
const deployment = (i: number, replicas = 1): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: a${i}}}\n  template:\n    metadata: {labels: {app: a${i}}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}\n`
const many = (n: number, doc: (i: number) => string): string => Array.from({ length: n }, (_, i) => doc(i)).join('---\n')

/** "Billion laughs": each level is `width` aliases of the one before, so expanding it would take width^levels nodes. */
function billionLaughs(levels = 10, width = 10): string {
  let text = 'l0: &l0 "lol"\n'
  for (let i = 1; i < levels; i++) text += `l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]\n`
  return text
}

describe('hostile inputs', () => {
  it('takes thousands of documents', () => {
    const services = survives(many(3000, service), 10_000)
    // 3,000 NodePort Services do not fit in 30000-32767: the rest are refused with the allocator's message.
    expect(services.services.filter((s) => !s.builtIn).length).toBeLessThan(3000)
    expect(services.diagnostics.some((d) => d.message.includes('range is full'))).toBe(true)
    survives(many(2000, (i) => deployment(i)), 10_000)
    survives('---\n'.repeat(10_000), 5_000)
    expect(survives(many(5000, (i) => `a${i}: 1\n`), 5_000).diagnostics.filter((d) => d.code === 'MISSING_TYPE')).toHaveLength(5000)
  }, 120_000)

  it('refuses "billion laughs" quickly, with the error inside the text', () => {
    for (const text of [billionLaughs(), `apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n${billionLaughs().replace(/^/gm, '  ')}`]) {
      const sim = survives(text, 2_000)
      expect(sim.syntaxOk).toBe(false)
      expect(sim.diagnostics.map((d) => d.message).join('\n')).toMatch(/alias/i)
    }
  })

  it('takes deeply nested anchors, aliases and collections', () => {
    survives(Array.from({ length: 3000 }, (_, i) => (i === 0 ? 'a0: &a0 x' : `a${i}: &a${i} [*a${i - 1}]`)).join('\n'), 5_000)
    survives(`${'['.repeat(5000)}${']'.repeat(5000)}`, 5_000)
    survives(`${'{a: '.repeat(3000)}1${'}'.repeat(3000)}`, 5_000)
    survives(`${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`, 5_000)
    survives(`apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: ${'{a: '.repeat(2000)}1${'}'.repeat(2000)}\nspec: {ports: [{port: 80}]}\n`, 5_000)
  }, 60_000)

  it('takes huge label maps and selectors', () => {
    const labels = Array.from({ length: 20_000 }, (_, i) => `    k${i}: v${i}\n`).join('')
    const pod = survives(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n${labels}spec: {containers: [{name: c, image: nginx}]}\n`, 3_000)
    expect(Object.keys(pod.pods.find((p) => p.name === 'p')!.labels)).toHaveLength(20_000)
    survives(`apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n  selector:\n${labels}`, 3_000)
    // Repeated keys in a big map are still reported, each at its own line.
    const repeated = survives(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n${labels}${labels.split('\n').slice(0, 3).join('\n')}\nspec: {containers: [{name: c, image: nginx}]}\n`, 3_000)
    expect(repeated.diagnostics.filter((d) => d.message.includes('Map keys must be unique')).map((d) => d.line)).toEqual([20_006, 20_007, 20_008])
  }, 60_000)

  it('takes a 1 MB line', () => {
    survives(`apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations: {a: "${'x'.repeat(1_000_000)}"}\nspec: {ports: [{port: 80}]}\n`, 3_000)
    survives('x'.repeat(1_000_000), 3_000)
  })

  it('creates at most the playground\'s pod limit for a huge replica count', () => {
    const sim = survives(deployment(0, 2147483647), 5_000)
    expect(sim.pods.filter((p) => p.namespace === 'default').length).toBeLessThanOrEqual(MAX_CONTROLLER_PODS)
    expect(sim.diagnostics.some((d) => d.code === 'POD_LIMIT')).toBe(true)
    const scaled = withinBound('scale to 2^31-1', () => survives(deployment(0), 2_000).apply({ type: 'scale', kind: 'deployment', name: 'd0', replicas: 2147483647 }), 5_000)
    expect(scaled.pods.filter((p) => p.namespace === 'default').length).toBeLessThanOrEqual(MAX_CONTROLLER_PODS)
    // Many huge Deployments share the one limit: no more pods than it, however many ask.
    const crowd = survives(many(50, (i) => deployment(i, 2147483647)), 5_000)
    expect(crowd.pods.length).toBeLessThanOrEqual(MAX_CONTROLLER_PODS + 20)
  }, 60_000)

  it('takes an address pool of the whole internet', () => {
    const sim = survives([
      'apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: all, namespace: metallb-system}\nspec: {addresses: ["0.0.0.0/0"]}\n',
      'apiVersion: v1\nkind: Service\nmetadata: {name: asks}\nspec: {type: LoadBalancer, loadBalancerIP: 10.1.2.3, ports: [{port: 80}]}\n',
      'apiVersion: v1\nkind: Service\nmetadata: {name: takes}\nspec: {type: LoadBalancer, ports: [{port: 80}]}\n',
    ].join('---\n'), 2_000)
    expect(sim.services.find((s) => s.name === 'asks')!.loadBalancerIngress).toEqual(['10.1.2.3'])
    expect(sim.services.find((s) => s.name === 'takes')!.loadBalancerIngress).toHaveLength(1)
  })

  it('takes big random streams of manifests', () => {
    const big = fc.array(manifestObject, { minLength: 500, maxLength: 2000 }).map((objects) => objects.map(writeYaml).join('---\n'))
    checkProperty('createSimulation stays sound and within 10 s on 500-2,000 random manifests', big, (text) => {
      survives(text, 10_000)
    }, 0xb16, 10)
  }, 300_000)
})
