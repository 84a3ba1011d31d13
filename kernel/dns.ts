/**
 * DNS through the kernel: a client pod's real resolver (glibc getaddrinfo,
 * reading the pod's resolv.conf, via node's dns.lookup in the pod namespace)
 * asks 10.96.0.10, kube-proxy's UDP rules DNAT the query to a CoreDNS pod, and
 * there dnsmasq answers with exactly what the engine's CoreDNS answers for that
 * name. So the check is about the pod's side — the search-list walk (ndots,
 * order, what stops it) and the kube-dns Service path — against the engine's
 * `sim.resolve(name, pod)`:
 *  - the final result: the set of A addresses, or "not found" (getaddrinfo cannot
 *    tell NXDOMAIN from NODATA: both are ENOTFOUND);
 *  - the names queried (dnsmasq's log, by client address) = the engine's `tried`.
 *
 * dnsmasq's records come from the engine: for every name the walk can query
 * (the name with each search suffix, and as is), `sim.resolve('<fqdn>.')` (a
 * trailing dot: that name only) gives CoreDNS's answer: A records become
 * host-records, NOERROR without records (NODATA) a TXT-only name, NXDOMAIN
 * nothing (`--server=/#/`: every other name is NXDOMAIN).
 */
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import type { ChildProcess } from 'node:child_process'
import type { Simulation } from '../src/engine'
import { killGroup, run, startDetached } from './proc'
import type { Topology } from './topology'

export interface DnsProbe {
  what: string
  /** `pod/<ns>/<name>` */
  from: string
  name: string
}

export interface DnsExpect {
  /** Sorted A addresses, or 'NOT_FOUND'. */
  result: string
  tried: string[]
  rcode: string
}

export interface DnsResult {
  probe: DnsProbe
  engine: DnsExpect
  kernel: { result: string; queried: string[] }
  checks: number
  failures: string[]
}

export const CLUSTER_DOMAIN = 'cluster.local'
const KUBE_DNS = '10.96.0.10'

/** The resolv.conf the kubelet writes for a ClusterFirst pod (containerd's line order). */
export function resolvConf(namespace: string): string {
  return `search ${namespace}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${KUBE_DNS}\noptions ndots:5\n`
}

function searchList(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN]
}

/** Every name glibc's walk may query for `name` (any order). */
function candidates(name: string, namespace: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)]
  return [name, ...searchList(namespace).map((s) => `${name}.${s}`)]
}

function podRef(from: string): { namespace: string; name: string } {
  const [, ns, name] = from.split('/')
  return { namespace: ns, name }
}

export function engineDns(sim: Simulation, p: DnsProbe): DnsExpect {
  const ref = podRef(p.from)
  const r = sim.resolve(p.name, `${ref.namespace}/${ref.name}`, 'A')
  const a = r.answers.filter((x) => x.type === 'A').map((x) => x.data).sort()
  return { result: a.length > 0 ? a.join(',') : 'NOT_FOUND', tried: r.tried, rcode: r.rcode }
}

/** dnsmasq arguments that answer every candidate name as the engine's CoreDNS does. */
export function dnsmasqRecords(sim: Simulation, probes: DnsProbe[]): string[] {
  const args = new Set<string>()
  for (const p of probes) {
    const ref = podRef(p.from)
    for (const c of candidates(p.name, ref.namespace)) {
      const r = sim.resolve(`${c}.`, `${ref.namespace}/${ref.name}`, 'A')
      const a = r.answers.filter((x) => x.type === 'A')
      if (a.length > 0) for (const x of a) args.add(`--host-record=${c},${x.data}`)
      else if (r.rcode === 'NOERROR') args.add(`--txt-record=${c},nodata`)
    }
  }
  return [...args]
}

/** Is dnsmasq there (installing Debian's dnsmasq-base when it is not)? Undefined when usable. */
export async function ensureDnsmasq(): Promise<string | undefined> {
  const have = async (): Promise<boolean> => (await run('dnsmasq', ['--version'], { timeoutMs: 5000 })).code === 0
  if (await have()) return undefined
  // dnsmasq-base: the binary only (the `dnsmasq` package also installs and starts
  // a service in the host's namespace, which this test must not do).
  const env = ['env', 'DEBIAN_FRONTEND=noninteractive']
  let r = await run(env[0], [...env.slice(1), 'apt-get', 'install', '-y', '-q', 'dnsmasq-base'], { timeoutMs: 90_000 })
  if (r.code !== 0) {
    await run(env[0], [...env.slice(1), 'apt-get', 'update', '-q'], { timeoutMs: 60_000 })
    r = await run(env[0], [...env.slice(1), 'apt-get', 'install', '-y', '-q', 'dnsmasq-base'], { timeoutMs: 90_000 })
  }
  if (await have()) return undefined
  return `dnsmasq is not installed and apt-get could not install dnsmasq-base (${(r.stderr || r.stdout).trim().split('\n').pop() ?? ''})`
}

/** /etc/netns/<ns>/{resolv.conf,hosts}: `ip netns exec` mounts them over /etc for processes it starts. */
let createdEtcNetns = false

/** Removes /etc/netns again when this run created it and left it empty. */
export function removeEtcNetnsIfCreated(): void {
  try {
    if (createdEtcNetns && readdirSync('/etc/netns').length === 0) rmdirSync('/etc/netns')
  } catch { /* best effort */ }
}

export function writePodResolvConf(pods: { ns: string; namespace: string }[]): string[] {
  if (!existsSync('/etc/netns')) createdEtcNetns = true
  const dirs: string[] = []
  for (const p of pods) {
    const dir = `/etc/netns/${p.ns}`
    mkdirSync(dir, { recursive: true })
    writeFileSync(`${dir}/resolv.conf`, resolvConf(p.namespace))
    writeFileSync(`${dir}/hosts`, '127.0.0.1 localhost\n::1 localhost\n')
    dirs.push(dir)
  }
  return dirs
}

export function removeDirs(dirs: string[]): void {
  for (const d of dirs) try { rmSync(d, { recursive: true, force: true }) } catch { /* best effort */ }
}

/** One dnsmasq per CoreDNS pod; its query log, by client address. */
export class DnsServers {
  private procs: ChildProcess[] = []
  /** Client address → names queried (A), in arrival order. */
  readonly log = new Map<string, string[]>()

  async start(topo: Topology, sim: Simulation, records: string[]): Promise<void> {
    const coredns = sim.pods.filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns' && p.phase === 'Running' && p.ip)
    const waits = coredns.map((pod) => {
      const ns = topo.pods.find((x) => x.ip === pod.ip)!.ns
      const child = startDetached('ip', ['netns', 'exec', ns, 'dnsmasq', '--no-daemon', '-C', '/dev/null', '--no-resolv', '--no-hosts', '--no-poll',
        '--log-queries', '--log-facility=-', '--pid-file=', '--user=root', `--listen-address=${pod.ip}`, '--server=/#/', ...records])
      this.procs.push(child)
      return new Promise<void>((resolve, reject) => {
        let buf = ''
        let started = false
        const timer = setTimeout(() => reject(new Error(`dnsmasq in ${pod.name} did not start: ${buf.slice(0, 500)}`)), 8000)
        child.stderr?.setEncoding('utf8').on('data', (d: string) => {
          buf += d
          let i: number
          while ((i = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, i)
            buf = buf.slice(i + 1)
            if (!started && / started, version /.test(line)) { started = true; clearTimeout(timer); resolve() }
            const m = /query\[A\] (\S+) from (\S+)/.exec(line)
            if (m) {
              if (!this.log.has(m[2])) this.log.set(m[2], [])
              this.log.get(m[2])!.push(m[1])
            }
          }
        })
        child.stdout?.resume()
        child.on('exit', (code) => { if (!started) { clearTimeout(timer); reject(new Error(`dnsmasq in ${pod.name} exited (${code}): ${buf.slice(0, 500)}`)) } })
      })
    })
    await Promise.all(waits)
  }

  stop(): void {
    this.procs.forEach(killGroup)
    this.procs = []
  }
}

export function compareDns(p: DnsProbe, engine: DnsExpect, kernel: { result: string; queried: string[] }): DnsResult {
  const failures: string[] = []
  if (kernel.result !== engine.result) failures.push(`result: the pod's resolver got ${kernel.result}, the engine says ${engine.result} (rcode ${engine.rcode})`)
  const k = [...new Set(kernel.queried)].sort()
  const e = [...new Set(engine.tried)].sort()
  if (k.join(' ') !== e.join(' ')) failures.push(`names queried: the pod's resolver asked [${kernel.queried.join(', ')}], the engine's walk tried [${engine.tried.join(', ')}]`)
  return { probe: p, engine, kernel, checks: 2, failures }
}
