/**
 * simulationToData / simulationFromData: a Simulation that went through a
 * structured clone (what postMessage does to the Web Worker's result) answers
 * every question exactly like the one built on the spot.
 */
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSimulation, simulationFromData, simulationToData, type Action, type KubectlGet, type ProxyMode, type RequestSpec, type Simulation } from './index'
import { CHALLENGES, SCENARIOS } from '../scenarios'

const KUBECTL: KubectlGet[] = ['get pods -o wide', 'get svc -o wide', 'get endpoints', 'get endpointslices', 'get ingress', 'get nodes -o wide']

function requestsFor(sim: Simulation): RequestSpec[] {
  const pod = sim.pods.find((p) => p.namespace === 'default') ?? sim.pods[0]
  const svc = sim.services.find((s) => s.namespace === 'default' && s.name !== 'kubernetes') ?? sim.services[0]
  const port = svc?.ports[0]
  const out: RequestSpec[] = []
  if (pod && svc) {
    out.push({ from: `pod/${pod.namespace}/${pod.name}`, url: `http://${svc.name}.${svc.namespace}${port ? `:${port.port}` : ''}/` })
    out.push({ from: `pod/${pod.namespace}/${pod.name}`, url: `http://${svc.name}.${svc.namespace}${port ? `:${port.port}` : ''}/` })
  }
  const np = sim.services.find((s) => s.ports.some((p) => p.nodePort))
  const node = sim.nodes[0]
  if (np && node) out.push({ from: 'external', url: `http://${node.ip}:${np.ports.find((p) => p.nodePort)!.nodePort}/` })
  const ing = sim.ingresses[0]
  if (ing?.addresses[0]) out.push({ from: 'external', url: `http://${ing.addresses[0]}/`, headers: { Host: ing.rules[0]?.host ?? 'x' } })
  return out
}

/** Everything a Simulation tells, as one plain value. */
function observe(sim: Simulation): unknown {
  const view = {
    seed: sim.seed, proxyMode: sim.proxyMode, diagnostics: sim.diagnostics, namespaces: sim.namespaces, nodes: sim.nodes, pods: sim.pods,
    services: sim.services, ingresses: sim.ingresses, ingressClasses: sim.ingressClasses, actionLog: sim.actionLog, documents: sim.documents, syntaxOk: sim.syntaxOk,
  }
  const perNode = sim.nodes.map((n) => ({ iptables: sim.iptablesSave(n.name), ipvs: sim.ipvsadm(n.name), nft: sim.nftRuleset(n.name) }))
  const perService = sim.services.map((s) => ({ endpoints: sim.endpoints(s.name, s.namespace), describe: sim.describe('service', s.name, s.namespace), slices: sim.endpointSlices(s.name, s.namespace) }))
  const perPod = sim.pods.slice(0, 6).map((p) => ({
    env: sim.envFor(p.name, p.namespace), envNames: sim.serviceEnvNames(p.name, p.namespace), resolvConf: sim.resolvConf(p.name, p.namespace),
    dns: sim.services.slice(0, 4).map((s) => sim.resolve(s.name, `${p.namespace}/${p.name}`)),
  }))
  const tables = KUBECTL.map((c) => [sim.kubectl(c, { allNamespaces: true, includeSystem: true }), sim.kubectlTable(c)])
  const traces = requestsFor(sim).map((r) => {
    const trace = sim.request(r)
    return { trace, explain: sim.explain(r, trace), serviceOf: sim.serviceOf(r, trace) }
  })
  return { view, perNode, perService, perPod, tables, dns: sim.dnsRecords(), slices: sim.endpointSlices(), traces }
}

function actionsFor(sim: Simulation): Action[] {
  const pod = sim.pods.find((p) => p.namespace === 'default' && p.ownerKind)
  const bare = sim.pods.find((p) => p.namespace === 'default')
  const out: Action[] = [{ type: 'addNode' }]
  if (pod) out.push({ type: 'deletePod', pod: pod.name }, { type: 'setReady', pod: pod.name, ready: false })
  if (bare) out.push({ type: 'exec', pod: bare.name, command: ['touch', '/tmp/x'] })
  if (pod?.ownerKind === 'ReplicaSet' || pod?.ownerKind === 'ReplicationController') out.push({ type: 'scale', kind: pod.ownerKind, name: pod.ownerName!, replicas: 1 })
  const worker = sim.nodes.find((n) => !n.roles.includes('control-plane'))
  if (worker) out.push({ type: 'drainNode', node: worker.name, force: true })
  return out
}

function viaData(sim: Simulation): Simulation {
  return simulationFromData(structuredClone(simulationToData(sim as ReturnType<typeof createSimulation>)))
}

function fixtures(): [string, string][] {
  const root = join(__dirname, '__fixtures__/tutorials')
  const out: [string, string][] = []
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name))
      else if (e.name.endsWith('.yaml')) out.push([join(dir, e.name).slice(root.length + 1), readFileSync(join(dir, e.name), 'utf8')])
    }
  }
  walk(root)
  return out
}

const CASES: [string, string, ProxyMode | undefined][] = [
  ...[...SCENARIOS, ...CHALLENGES].map((s) => [s.id, s.yaml, s.proxyMode] as [string, string, ProxyMode | undefined]),
  ...fixtures().map(([name, yaml]) => [name, yaml, undefined] as [string, string, ProxyMode | undefined]),
  ['empty text', '', undefined],
  ['a syntax error', 'kind: Pod\nmetadata: [\n', undefined],
  ['ipvs mode', SCENARIOS[0].yaml, 'ipvs'],
  ['nftables mode', SCENARIOS[0].yaml, 'nftables'],
]

describe('simulationFromData(structuredClone(simulationToData(sim)))', () => {
  it.each(CASES)('answers like the simulation itself: %s', (_name, yaml, proxyMode) => {
    const direct = createSimulation(yaml, { seed: 7, proxyMode })
    const copy = viaData(createSimulation(yaml, { seed: 7, proxyMode }))
    expect(observe(copy)).toEqual(observe(direct))
    // Actions on the copy (its manifests are prepared again from the text) and on a copy after actions.
    let a: Simulation = direct
    let b: Simulation = copy
    for (const action of actionsFor(direct)) {
      a = a.apply(action)
      b = viaData(b.apply(action))
    }
    expect(observe(b)).toEqual(observe(a))
  })

  it('keeps the engine-error fallback (no manifests) as it is', () => {
    const sim = createSimulation('')
    const data = simulationToData(sim)
    expect(data.source).toEqual({ yaml: '', proxyMode: undefined })
    expect(() => simulationFromData({ format: 'other' } as never)).toThrow()
  })
})
