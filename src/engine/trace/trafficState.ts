/**
 * The mutable side of a Simulation's traffic: what the kernel and the
 * proxies remember between requests (xt_recent lists for ClientIP affinity,
 * round-robin positions, ingress cookies) and the simulated clock. A new
 * Simulation (after `apply`) starts with a fresh one.
 */
import { rngFor, type Rng } from '../rng'

export interface TrafficState {
  rng: Rng
  /** Simulated seconds; each request advances it by one. */
  now: number
  /** xt_recent lists per node: node -> list name -> source IP -> last seen (seconds). */
  recent: Map<string, Map<string, Map<string, number>>>
  /** Round-robin positions (userspace proxy, ipvs rr, ingress-nginx), by key. */
  roundRobin: Map<string, number>
  /** ipvs persistence (ClientIP affinity): node/vs -> client IP -> { real server, last seen }. */
  ipvsPersistence: Map<string, Map<string, { server: string; at: number }>>
  /** Ephemeral source ports already handed out, to make each connection distinct. */
  nextSourcePort: number
}

export function createTrafficState(seed: number): TrafficState {
  const rng = rngFor(seed, 'traffic')
  return {
    rng,
    now: 0,
    recent: new Map(),
    roundRobin: new Map(),
    ipvsPersistence: new Map(),
    nextSourcePort: 32768 + rng.int(20000),
  }
}

/** The next ephemeral port (net.ipv4.ip_local_port_range 32768-60999). */
export function ephemeralPort(t: TrafficState): number {
  const port = t.nextSourcePort
  t.nextSourcePort = port >= 60999 ? 32768 : port + 1 + t.rng.int(7)
  return port
}

/** Advances a round-robin counter and returns the index to use. */
export function nextRoundRobin(t: TrafficState, key: string, n: number): number {
  const i = t.roundRobin.get(key) ?? 0
  t.roundRobin.set(key, (i + 1) % Math.max(n, 1))
  return i % Math.max(n, 1)
}
