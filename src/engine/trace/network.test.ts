/**
 * The hop budget of a request covers every connection opened on its way. In
 * userspace mode kube-proxy dials the endpoint itself; an endpoint that is
 * the Service's own ClusterIP sends kube-proxy's new connection back to
 * kube-proxy, for ever: the trace used to recurse until the stack ran out
 * (found by property/trace.property.test.ts). Now the packet runs out of
 * hops and is dropped as a routing loop, as a real one would time out.
 */
import { describe, expect, it } from 'vitest'
import { docs, podYaml, serviceYaml, sim, toYaml } from '../testing/builders'
import { MAX_HOPS } from './network'

const selfPointing = docs(
  podYaml('client'),
  serviceYaml('loop', { selector: null, clusterIP: '10.96.2.1', ports: [{ port: 80 }] }),
  toYaml({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'loop' }, subsets: [{ addresses: [{ ip: '10.96.2.1' }], ports: [{ port: 80 }] }] }),
)

describe('carry', () => {
  it('drops a request that kube-proxy (userspace) keeps proxying to itself, after MAX_HOPS hops', () => {
    const trace = sim(selfPointing, { proxyMode: 'userspace' }).request({ from: 'pod/client', url: 'http://loop' })
    expect(trace.outcome).toMatchObject({ status: 'failed', reason: 'TIMEOUT', message: 'routing loop' })
    expect(trace.steps.filter((s) => s.kind === 'send').length).toBeLessThanOrEqual(MAX_HOPS + 1)
    expect(trace.steps.at(-1)!.text).toContain('routing loop')
  })

  it('lets iptables mode time out at once: the kernel NATs a connection once, so the ClusterIP goes out the default route', () => {
    const trace = sim(selfPointing).request({ from: 'pod/client', url: 'http://loop' })
    expect(trace.outcome).toMatchObject({ status: 'failed', reason: 'TIMEOUT' })
    expect(trace.steps.length).toBeLessThan(10)
  })
})
