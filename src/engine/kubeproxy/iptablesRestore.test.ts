/**
 * The kernel conformance check of `Simulation.iptablesSave(node)`: for every
 * node of several scenarios the dump is loaded into a throwaway network
 * namespace with the real iptables (kernel-notes.md: iptables-nft 1.8.9,
 * every match and target kube-proxy uses loads inside a namespace):
 *
 *   1. `iptables-restore --test < dump` must accept it;
 *   2. round trip: `iptables-restore < dump`, then `iptables-save -t filter`
 *      and `iptables-save -t nat`; ignoring `#` lines (they carry a date) the
 *      text must be byte-identical to the engine's dump, i.e. the engine
 *      prints exactly iptables-save's normal form.
 *
 * Needs root, `ip` (iproute2) with `ip netns`, and iptables-restore /
 * iptables-save. When any is missing the suite is skipped and says why in
 * one line. Every namespace is deleted in `finally`.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index'
import type { Simulation } from '../api/types'

// ---------------------------------------------------------------------------
// Can this machine run it?

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0
}

let nsCounter = 0
const nsName = (): string => `ksp-ipt-${process.pid}-${++nsCounter}`

function skipReason(): string | undefined {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root'
  for (const cmd of ['ip', 'iptables-restore', 'iptables-save']) if (!which(cmd)) return `${cmd} is not installed`
  const ns = nsName()
  const add = spawnSync('ip', ['netns', 'add', ns], { encoding: 'utf8' })
  if (add.status !== 0) return `ip netns add failed: ${(add.stderr || add.error?.message || '').trim()}`
  try {
    const probe = spawnSync('ip', ['netns', 'exec', ns, 'iptables-save', '-t', 'nat'], { encoding: 'utf8' })
    if (probe.status !== 0) return `iptables-save in a network namespace failed: ${(probe.stderr || '').trim()}`
  } finally {
    spawnSync('ip', ['netns', 'delete', ns])
  }
  return undefined
}

const SKIP = skipReason()
if (SKIP) console.warn(`iptables-restore tests skipped: ${SKIP}`)

// ---------------------------------------------------------------------------
// Running iptables in a throwaway namespace.

function inNamespace<T>(fn: (ns: string) => T): T {
  const ns = nsName()
  execFileSync('ip', ['netns', 'add', ns])
  try {
    return fn(ns)
  } finally {
    spawnSync('ip', ['netns', 'delete', ns])
  }
}

function run(ns: string, args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('ip', ['netns', 'exec', ns, ...args], { input, encoding: 'utf8', timeout: 10_000 })
  return { status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') }
}

const withoutComments = (text: string): string => text.split('\n').filter((l) => !l.startsWith('#')).join('\n')

function restoreTest(dump: string): { status: number | null; stderr: string } {
  return inNamespace((ns) => run(ns, ['iptables-restore', '--test'], dump))
}

function roundTrip(dump: string): { restore: { status: number | null; stderr: string }; saved: string } {
  return inNamespace((ns) => {
    const restore = run(ns, ['iptables-restore'], dump)
    if (restore.status !== 0) return { restore, saved: '' }
    const filter = run(ns, ['iptables-save', '-t', 'filter'])
    const nat = run(ns, ['iptables-save', '-t', 'nat'])
    expect(filter.status, filter.stderr).toBe(0)
    expect(nat.status, nat.stderr).toBe(0)
    return { restore, saved: filter.stdout + nat.stdout }
  })
}

// ---------------------------------------------------------------------------
// Scenarios.

function pod(name: string, node: string, ip: string, app: string, ports = '    ports:\n    - containerPort: 8080'): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${app}
spec:
  nodeName: ${node}
  containers:
  - name: app
    image: luksa/kubia
${ports}
status:
  phase: Running
  podIP: ${ip}`
}
const docs = (...parts: string[]): string => parts.join('\n---\n') + '\n'
const kia = (f: string): string => readFileSync(new URL(`../__fixtures__/tutorials/kia1/${f}`, import.meta.url), 'utf8')

const SCENARIOS: { name: string; yaml: string; expect: RegExp[] }[] = [
  {
    name: 'default scenario (src/scenarios/kubia.yaml)',
    yaml: readFileSync(new URL('../../scenarios/kubia.yaml', import.meta.url), 'utf8'),
    expect: [/^-A KUBE-SVC-XCCRWSFD2BRL7CRI .*--probability 0\.33333333349 -j KUBE-SEP-/m],
  },
  {
    name: 'NodePort with externalTrafficPolicy Cluster and Local',
    yaml: docs(
      `apiVersion: v1
kind: Service
metadata:
  name: web-cluster
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30080`,
      `apiVersion: v1
kind: Service
metadata:
  name: web-local
spec:
  type: NodePort
  externalTrafficPolicy: Local
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30081`,
      pod('web-a', 'worker-1', '10.244.1.2', 'web'),
      pod('web-b', 'worker-1', '10.244.1.3', 'web'),
    ),
    expect: [/"masquerade traffic for default\/web-cluster external destinations"/, /"default\/web-local has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30081 -j DROP$/m],
  },
  {
    name: 'LoadBalancer with a MetalLB IPAddressPool (ETP Cluster and Local)',
    yaml: docs(
      `apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata:
  name: pool
  namespace: metallb-system
spec:
  addresses:
  - 192.168.49.100-192.168.49.110`,
      `apiVersion: metallb.io/v1beta1
kind: L2Advertisement
metadata:
  name: l2
  namespace: metallb-system`,
      `apiVersion: v1
kind: Service
metadata:
  name: lb
spec:
  type: LoadBalancer
  selector:
    app: lb
  ports:
  - port: 80
    targetPort: 8080`,
      `apiVersion: v1
kind: Service
metadata:
  name: lb-local
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector:
    app: lb
  ports:
  - port: 80
    targetPort: 8080`,
      pod('lb-a', 'worker-1', '10.244.1.20', 'lb'),
      pod('lb-b', 'worker-2', '10.244.2.20', 'lb'),
    ),
    expect: [/"default\/lb loadbalancer IP"/, /"default\/lb-local has no local endpoints"|-j KUBE-SVL-/],
  },
  {
    name: 'ClientIP session affinity (default and 60 s timeout)',
    yaml: docs(
      `apiVersion: v1
kind: Service
metadata:
  name: sticky
spec:
  sessionAffinity: ClientIP
  selector:
    app: st
  ports:
  - port: 80
    targetPort: 8080`,
      `apiVersion: v1
kind: Service
metadata:
  name: sticky60
spec:
  sessionAffinity: ClientIP
  sessionAffinityConfig:
    clientIP:
      timeoutSeconds: 60
  selector:
    app: st
  ports:
  - port: 80
    targetPort: 8080`,
      pod('st-a', 'worker-1', '10.244.1.30', 'st'),
      pod('st-b', 'worker-2', '10.244.2.30', 'st'),
      pod('st-c', 'worker-2', '10.244.2.31', 'st'),
    ),
    expect: [/-m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-\w+ --mask 255\.255\.255\.255 --rsource/, /--rcheck --seconds 60 /, /-m recent --set --name KUBE-SEP-\w+ --mask 255\.255\.255\.255 --rsource -m tcp -j DNAT/],
  },
  {
    name: 'a Service with no endpoints (ClusterIP, NodePort, LoadBalancer, external IP)',
    yaml: docs(
      `apiVersion: v1
kind: Service
metadata:
  name: empty
spec:
  type: LoadBalancer
  externalIPs:
  - 198.51.100.9
  selector:
    app: nothing
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30090`,
    ),
    expect: [/^-A KUBE-SERVICES -d 10\.\S+\/32 -p tcp -m comment --comment "default\/empty has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable$/m, /--dport 30090 -j REJECT --reject-with icmp-port-unreachable$/m],
  },
  {
    name: 'externalIPs',
    yaml: docs(
      `apiVersion: v1
kind: Service
metadata:
  name: eip
spec:
  externalIPs:
  - 198.51.100.50
  - 198.51.100.51
  selector:
    app: eip
  ports:
  - port: 80
    targetPort: 8080`,
      pod('eip-a', 'worker-2', '10.244.2.40', 'eip'),
    ),
    expect: [/^-A KUBE-SERVICES -d 198\.51\.100\.50\/32 -p tcp -m comment --comment "default\/eip external IP" -m tcp --dport 80 -j KUBE-EXT-/m],
  },
  {
    name: 'multi-port Service with named targetPorts',
    yaml: docs(
      `apiVersion: v1
kind: Service
metadata:
  name: multi
spec:
  selector:
    app: multi
  ports:
  - name: http
    port: 80
    targetPort: web
  - name: metrics
    port: 9100
    targetPort: metrics
  - name: dns
    port: 53
    protocol: UDP`,
      pod('mp-a', 'worker-1', '10.244.1.50', 'multi', '    ports:\n    - name: web\n      containerPort: 8080\n    - name: metrics\n      containerPort: 9100'),
      pod('mp-b', 'worker-2', '10.244.2.50', 'multi', '    ports:\n    - name: web\n      containerPort: 8081'),
    ),
    expect: [/"default\/multi:http -> 10\.244\.2\.50:8081"/, /"default\/multi:metrics cluster IP"/, /-p udp -m comment --comment "default\/multi:dns" -m udp -j DNAT/],
  },
  {
    name: 'headless Service (no rules of its own)',
    yaml: docs(
      kia('kubia-svc-headless.yaml'),
      pod('kubia-a', 'worker-1', '10.244.1.60', 'kubia'),
    ),
    expect: [],
  },
  {
    name: 'manual Endpoints (KIA external-service 11.11.11.11 / 22.22.22.22)',
    yaml: docs(kia('external-service.yaml'), kia('external-service-endpoints.yaml')),
    expect: [/-j DNAT --to-destination 11\.11\.11\.11:80$/m, /-j DNAT --to-destination 22\.22\.22\.22:80$/m],
  },
  {
    name: 'internalTrafficPolicy Local',
    yaml: docs(
      `apiVersion: v1
kind: Service
metadata:
  name: itp
spec:
  internalTrafficPolicy: Local
  selector:
    app: itp
  ports:
  - port: 80
    targetPort: 8080`,
      pod('itp-a', 'worker-1', '10.244.1.70', 'itp'),
    ),
    expect: [/"default\/itp has no local endpoints" -m tcp --dport 80 -j DROP$|-j KUBE-SVL-/m],
  },
  {
    name: 'Ingress with the built-in ingress-nginx controller',
    yaml: docs(
      kia('kubia-svc-nodeport.yaml'),
      `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kubia
spec:
  ingressClassName: nginx
  rules:
  - host: kubia.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: kubia-nodeport
            port:
              number: 80`,
      pod('kubia-a', 'worker-2', '10.244.2.80', 'kubia'),
    ),
    expect: [/"ingress-nginx\/ingress-nginx-controller:http loadbalancer IP"/],
  },
]

function build(yaml: string): Simulation {
  const s = createSimulation(yaml)
  expect(s.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([])
  return s
}

const cases = SCENARIOS.flatMap((sc) => {
  const s = createSimulation(sc.yaml)
  return s.nodes.map((n) => ({ scenario: sc.name, node: n.name, sc }))
})

describe.skipIf(!!SKIP)('iptables-restore accepts the engine\'s iptables-save output, and iptables-save gives it back byte for byte', () => {
  it('the harness catches a broken dump: --test rejects a bad option value, the real restore a jump to an undeclared chain', () => {
    const s = build(SCENARIOS[0].yaml)
    const dump = s.iptablesSave('worker-1')
    const badValue = dump.replace('--probability 0.33333333349', '--probability 2')
    expect(badValue).not.toBe(dump)
    expect(restoreTest(badValue).status).not.toBe(0)
    // iptables-nft's --test does not resolve jump targets (measured with 1.8.9): only the real restore does.
    const undeclared = dump.replace(':KUBE-MARK-MASQ - [0:0]\n', '')
    expect(undeclared).not.toBe(dump)
    expect(roundTrip(undeclared).restore.status).not.toBe(0)
  })

  it('the harness notices a line iptables-save prints differently (bare address, no /32)', () => {
    const s = build(SCENARIOS[0].yaml)
    const dump = s.iptablesSave('worker-1')
    const altered = dump.replace(/-d (10\.96\.0\.1)\/32/, '-d $1')
    expect(altered).not.toBe(dump)
    expect(restoreTest(altered).status).toBe(0)
    expect(withoutComments(roundTrip(altered).saved)).not.toBe(withoutComments(altered))
  })

  it.each(SCENARIOS.map((sc) => ({ name: sc.name, sc })))('$name: the dump has the rules the scenario is about', ({ sc }) => {
    const s = build(sc.yaml)
    const all = s.nodes.map((n) => s.iptablesSave(n.name)).join('\n')
    for (const re of sc.expect) expect(all).toMatch(re)
  })

  it.each(cases)('$scenario, node $node: iptables-restore --test', ({ sc, node }) => {
    const dump = build(sc.yaml).iptablesSave(node)
    expect(dump.startsWith('# Generated by iptables-save')).toBe(true)
    const r = restoreTest(dump)
    expect(r.status, r.stderr).toBe(0)
  })

  it.each(cases)('$scenario, node $node: restore then save is byte-identical (ignoring # lines)', ({ sc, node }) => {
    const dump = build(sc.yaml).iptablesSave(node)
    const { restore, saved } = roundTrip(dump)
    expect(restore.status, restore.stderr).toBe(0)
    expect(withoutComments(saved)).toBe(withoutComments(dump))
  })
})

describe.skipIf(!SKIP)('iptables-restore (skipped on this machine)', () => {
  it('says why it was skipped', () => {
    expect(SKIP).toBeTruthy()
  })
})
