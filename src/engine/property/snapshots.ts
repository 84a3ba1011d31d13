/**
 * Deep snapshots of a simulation, as JSON-able data: its public fields
 * and what its outputs print (kubectl tables, iptables-save / nft / ipvsadm
 * per node, DNS records, endpoints, env and resolv.conf, describe). Used to
 * check determinism (two simulations of one text and seed) and that `apply`
 * leaves the simulation it was called on alone.
 */
import type { KubectlGet, RequestSpec, Simulation } from '../api/types'

const KUBECTL: KubectlGet[] = ['get pods -o wide', 'get svc', 'get svc -o wide', 'get endpoints', 'get endpointslices', 'get ingress', 'get nodes -o wide']

/** The public fields as JSON text: a deep copy, taken now (JSON drops nothing these hold but `undefined`). */
export function publicFields(sim: Simulation): string {
  return JSON.stringify({
    seed: sim.seed, proxyMode: sim.proxyMode, diagnostics: sim.diagnostics, namespaces: sim.namespaces, nodes: sim.nodes, pods: sim.pods,
    services: sim.services, ingresses: sim.ingresses, ingressClasses: sim.ingressClasses, actionLog: sim.actionLog, documents: sim.documents, syntaxOk: sim.syntaxOk,
  })
}

/**
 * What the simulation prints. `depth` 'full' adds the per-node rule dumps,
 * per-pod env and resolv.conf and per-Service describe; 'tables' keeps to
 * the kubectl tables, endpoints and DNS (cheaper, for 10,000 runs of apply).
 */
export function outputs(sim: Simulation, depth: 'full' | 'tables' = 'full'): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const cmd of KUBECTL) out[`kubectl ${cmd} -A`] = sim.kubectl(cmd, { allNamespaces: true, includeSystem: true })
  out['kubectl get svc'] = sim.kubectl('get svc')
  for (const s of sim.services) out[`endpoints ${s.namespace}/${s.name}`] = sim.endpoints(s.name, s.namespace)
  out.endpointSlices = sim.endpointSlices()
  out.dnsRecords = sim.dnsRecords()
  if (depth === 'tables') return out
  for (const n of sim.nodes) {
    out[`iptables-save ${n.name}`] = sim.iptablesSave(n.name)
    if (sim.proxyMode === 'nftables') out[`nft ${n.name}`] = sim.nftRuleset(n.name)
    if (sim.proxyMode === 'ipvs') out[`ipvsadm ${n.name}`] = sim.ipvsadm(n.name)
  }
  for (const p of sim.pods.filter((x) => x.docIndex >= 0).slice(0, 3)) {
    out[`env ${p.namespace}/${p.name}`] = sim.envFor(p.name, p.namespace)
    out[`resolv.conf ${p.namespace}/${p.name}`] = sim.resolvConf(p.name, p.namespace)
    out[`resolve ${p.namespace}/${p.name}`] = sim.resolve('kubernetes', `${p.namespace}/${p.name}`)
  }
  for (const s of sim.services.filter((x) => !x.builtIn)) out[`describe ${s.namespace}/${s.name}`] = sim.describe('service', s.name, s.namespace)
  return out
}

/** Sends the requests in order and records each trace with its explanation. */
export function traces(sim: Simulation, requests: RequestSpec[]): unknown[] {
  return requests.map((r) => {
    const trace = sim.request(r)
    return { trace, explain: sim.explain(r, trace), serviceOf: sim.serviceOf(r, trace) ?? null }
  })
}
