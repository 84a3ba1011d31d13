import { test } from 'vitest'
import { readFileSync } from 'node:fs'
import { createSimulation } from '../src/engine'
test('x', () => {
  const sim = createSimulation(readFileSync('src/scenarios/kubia.yaml', 'utf8'))
  console.log(sim.nodes, sim.pods.map(p => [p.name, p.namespace, p.node, p.ip, p.phase, p.ready, JSON.stringify(p.ports)]), sim.services.map(s => [s.name, s.clusterIP, JSON.stringify(s.ports)]))
  console.log(sim.iptablesSave(sim.nodes[1].name))
  const t = sim.request({ from: 'pod/client', url: 'http://kubia' })
  console.log(JSON.stringify(t, null, 1))
  console.log(sim.diagnostics)
})
