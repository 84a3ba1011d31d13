/**
 * How kube-proxy's iptables rules spread new connections (k8s-semantics.md
 * §3.4 item 9, §3.5; kernel-notes.md 14–15): rule i of n carries
 * `--probability 1/(n-i)` (all but the last), so each endpoint gets 1/n
 * overall, and every connection walks the rules again.
 *
 * Tolerance. Each run sends R = 1200 requests, a multinomial sample with
 * p = 1/n per endpoint. The test statistic is Pearson's
 *   X² = Σ (observed − R/n)² / (R/n),
 * which is χ²-distributed with n − 1 degrees of freedom when the spread is
 * right. We reject at p = 0.001: critical values 10.828 (df 1), 13.816
 * (df 2), 16.266 (df 3). A correct engine fails one (seed, scenario) with
 * probability 0.001, and since the seeds are fixed the outcome never changes
 * between runs (no flakiness). A plausible bug is caught by a wide margin:
 * writing 1/n on every rule instead of 1/(n−i) gives shares 1/3, 2/9, 4/9 for
 * n = 3, X² ≈ 133 at R = 1200; writing no statistic match at all sends
 * everything to the first endpoint. As a plain-words second check every
 * share must also be within ±5 percentage points of 1/n: the standard error
 * at R = 1200 is at most √(0.5·0.5/1200) ≈ 1.44 pp, so 5 pp is ≥ 3.4σ.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index'
import type { RequestSpec, Simulation, Trace } from '../api/types'

const W1 = { name: 'worker-1', ip: '192.168.49.3' }
const W2 = { name: 'worker-2', ip: '192.168.49.4' }
const R = 1200
const CHI2_CRIT_P001: Record<number, number> = { 1: 10.828, 2: 13.816, 3: 16.266 }
/** iptables-save's kernel-rounded probabilities (§3.5 table), by remaining endpoints. */
const SAVED_P: Record<number, string> = { 2: '0.50000000000', 3: '0.33333333349', 4: '0.25000000000' }

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
function base32(buf: Buffer): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of buf) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return out
}
const h16 = (text: string): string => base32(createHash('sha256').update(text).digest()).slice(0, 16)
const sepChain = (spn: string, addr: string): string => `KUBE-SEP-${h16(`${spn}tcp${addr}`)}`
function pickLine(chain: string, spn: string, addr: string, i: number, n: number): string {
  const stat = i < n - 1 ? ` -m statistic --mode random --probability ${SAVED_P[n - i]}` : ''
  return `-A ${chain} -m comment --comment "${spn} -> ${addr}"${stat} -j ${sepChain(spn, addr)}`
}

/**
 * Endpoint IPs chosen so that kube-proxy's string order (§3.5: "10.0.0.10:80"
 * sorts before "10.0.0.2:80") differs from numeric order.
 */
const ENDPOINTS: { name: string; node: string; ip: string }[] = [
  { name: 'e-a', node: W1.name, ip: '10.244.1.9' },
  { name: 'e-b', node: W2.name, ip: '10.244.2.100' },
  { name: 'e-c', node: W1.name, ip: '10.244.1.10' },
  { name: 'e-d', node: W2.name, ip: '10.244.2.9' },
]

function podYaml(name: string, node: string, ip: string, labels: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    ${labels}
spec:
  nodeName: ${node}
  containers:
  - name: app
    image: luksa/kubia
    ports:
    - containerPort: 8080
status:
  phase: Running
  podIP: ${ip}`
}

function scenario(n: number): { yaml: string; eps: typeof ENDPOINTS } {
  const eps = ENDPOINTS.slice(0, n)
  const yaml = [
    `apiVersion: v1
kind: Service
metadata:
  name: spread
spec:
  type: NodePort
  externalTrafficPolicy: Cluster
  clusterIP: 10.96.200.1
  selector:
    app: spread
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30200`,
    ...eps.map((e) => podYaml(e.name, e.node, e.ip, 'app: spread')),
    `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  nodeName: worker-1
  containers:
  - name: curl
    image: curlimages/curl
status:
  phase: Running
  podIP: 10.244.1.5`,
  ].join('\n---\n')
  return { yaml, eps }
}

function build(yaml: string, seed: number): Simulation {
  const s = createSimulation(yaml, { seed })
  expect(s.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([])
  return s
}

const podOf = (t: Trace): string => (t.outcome.status === 'delivered' ? t.outcome.pod : `<${t.outcome.status}:${'reason' in t.outcome ? t.outcome.reason : ''}>`)

function counts(s: Simulation, req: RequestSpec, names: string[]): Record<string, number> {
  const c: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]))
  for (let i = 0; i < R; i++) {
    const p = podOf(s.request(req))
    c[p] = (c[p] ?? 0) + 1
  }
  return c
}

function expectUniform(c: Record<string, number>, names: string[]): void {
  const n = names.length
  const total = Object.values(c).reduce((a, b) => a + b, 0)
  expect(total).toBe(R)
  // Nothing outside the endpoint set (no failures, no other pods).
  expect(Object.keys(c).sort()).toEqual([...names].sort())
  const expected = R / n
  const chi2 = names.reduce((sum, name) => sum + (c[name] - expected) ** 2 / expected, 0)
  expect(chi2, `χ² = ${chi2.toFixed(2)} for ${JSON.stringify(c)}`).toBeLessThan(CHI2_CRIT_P001[n - 1])
  for (const name of names) expect(Math.abs(c[name] / R - 1 / n), `${name}: ${c[name]}/${R}`).toBeLessThan(0.05)
}

describe('rule probabilities: 1/(n-i) on each rule, in kube-proxy\'s string order (§3.5)', () => {
  it.each([2, 3, 4])('n = %i: the KUBE-SVC rules of every node, as iptables-save prints them', (n) => {
    const { yaml, eps } = scenario(n)
    const s = build(yaml, 1)
    const chain = `KUBE-SVC-${h16('default/spreadtcp')}`
    const sorted = eps.map((e) => `${e.ip}:8080`).sort()
    for (const node of ['control-plane', W1.name, W2.name]) {
      const lines = s.iptablesSave(node).split('\n').filter((l) => l.startsWith(`-A ${chain} -m comment --comment "default/spread -> `))
      expect(lines).toEqual(sorted.map((addr, i) => pickLine(chain, 'default/spread', addr, i, n)))
    }
  })
})

describe('spread over N endpoints: 1,200 connections, χ² at p = 0.001 and ±5 pp', () => {
  const cases = [2, 3, 4].flatMap((n) => [1, 7, 2024].map((seed) => ({ n, seed })))

  it.each(cases)('ClusterIP from a pod: n = $n, seed $seed', ({ n, seed }) => {
    const { yaml, eps } = scenario(n)
    const s = build(yaml, seed)
    const names = eps.map((e) => e.name)
    expectUniform(counts(s, { from: 'pod/client', url: 'http://spread' }, names), names)
  })

  it.each(cases)('NodePort from external (ETP Cluster, via worker-2): n = $n, seed $seed', ({ n, seed }) => {
    const { yaml, eps } = scenario(n)
    const s = build(yaml, seed)
    const names = eps.map((e) => e.name)
    const c = counts(s, { from: 'external', url: `http://${W2.ip}:30200` }, names)
    expectUniform(c, names)
  })

  it('ETP Local: KUBE-SVL spreads over the receiving node\'s endpoints only (1/2 each of worker-1\'s two)', () => {
    const yaml = scenario(4).yaml.replace('externalTrafficPolicy: Cluster', 'externalTrafficPolicy: Local')
    const s = build(yaml, 3)
    expectUniform(counts(s, { from: 'external', url: `http://${W1.ip}:30200` }, ['e-a', 'e-c']), ['e-a', 'e-c'])
  })
})

describe('seeded and deterministic', () => {
  const sequence = (seed: number, req: RequestSpec, k = 300): string[] => {
    const s = build(scenario(3).yaml, seed)
    return Array.from({ length: k }, () => podOf(s.request(req)))
  }

  it.each([
    { label: 'pod → ClusterIP', req: { from: 'pod/client', url: 'http://spread' } },
    { label: 'external → NodePort', req: { from: 'external', url: `http://${W2.ip}:30200` } },
  ])('$label: the same seed gives the identical sequence (and identical traces); another seed does not', ({ req }) => {
    const a = sequence(42, req)
    const b = sequence(42, req)
    expect(a).toEqual(b)
    expect(new Set(a).size).toBe(3)
    expect(sequence(43, req)).not.toEqual(a)

    const s1 = build(scenario(3).yaml, 42)
    const s2 = build(scenario(3).yaml, 42)
    for (let i = 0; i < 20; i++) expect(s1.request(req)).toEqual(s2.request(req))
  })

  it('the default seed is used when none is given, and is stable', () => {
    const s1 = createSimulation(scenario(3).yaml)
    const s2 = createSimulation(scenario(3).yaml)
    const seq = (s: Simulation): string[] => Array.from({ length: 100 }, () => podOf(s.request({ from: 'pod/client', url: 'http://spread' })))
    expect(seq(s1)).toEqual(seq(s2))
  })
})
