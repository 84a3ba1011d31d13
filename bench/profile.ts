/**
 * What `bash bench/run.sh profile <size> <what>` runs under `node --cpu-prof`:
 * one engine operation on a generated cluster, repeated a few times, so the
 * profile shows where its time goes (bench/cpuprofile-top.mjs summarises it).
 *   create    createSimulation, 3 times
 *   iptables  iptablesSave of one worker node on a fresh simulation
 *   request   200 traced requests (after the first)
 *   graph     buildGraphModel (what the UI lays out on every engine run), 3 times
 */
import { buildGraphModel, createSimulation } from '../src/engine'
import { generateCluster, type Size } from './generate'

const size = (process.argv[2] ?? 'L').toUpperCase() as Size
const what = process.argv[3] ?? 'create'
const gen = generateCluster(size)
const t0 = performance.now()
if (what === 'create') {
  for (let i = 0; i < 3; i++) createSimulation(gen.yaml)
} else if (what === 'iptables') {
  const sim = createSimulation(gen.yaml)
  sim.iptablesSave(sim.nodes[1 % sim.nodes.length].name)
} else if (what === 'request') {
  const sim = createSimulation(gen.yaml)
  sim.request(gen.request)
  for (let i = 0; i < 200; i++) sim.request(gen.requests[i % gen.requests.length])
} else if (what === 'graph') {
  const sim = createSimulation(gen.yaml)
  for (let i = 0; i < 3; i++) buildGraphModel(sim)
} else {
  throw new Error(`unknown profile "${what}": create, iptables, request or graph`)
}
process.stderr.write(`[bench] profile ${size} ${what}: ${(performance.now() - t0).toFixed(0)} ms (including one-time setup)\n`)
