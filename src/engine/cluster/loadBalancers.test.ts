/**
 * MetalLB pools of any size: checking a requested address against a pool
 * used to list every address of the pool first (a /0 is four billion), and
 * hang. Ownership is now a range check.
 */
import { describe, expect, it } from 'vitest'
import { docs, serviceYaml, sim, toYaml } from '../testing/builders'

const pool = (addresses: string[]): string => toYaml({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'big', namespace: 'metallb-system' }, spec: { addresses } })

describe('MetalLB address pools', () => {
  it('honours a requested address inside a /0 pool at once', () => {
    const s = sim(docs(pool(['0.0.0.0/0']), serviceYaml('lb', { type: 'LoadBalancer', extra: { loadBalancerIP: '10.1.2.3' } })))
    expect(s.services.find((x) => x.name === 'lb')!.loadBalancerIngress).toEqual(['10.1.2.3'])
  })

  it('still refuses a requested address outside every pool, and skips .0/.255 with avoidBuggyIPs', () => {
    const outside = sim(docs(pool(['10.0.0.0/8']), serviceYaml('lb', { type: 'LoadBalancer', extra: { loadBalancerIP: '11.0.0.1' } })))
    expect(outside.diagnostics.some((d) => d.code === 'LB_IP_NOT_IN_POOL')).toBe(true)
    const buggy = toYaml({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'big', namespace: 'metallb-system' }, spec: { addresses: ['10.0.0.0/8'], avoidBuggyIPs: true } })
    const dotZero = sim(docs(buggy, serviceYaml('lb', { type: 'LoadBalancer', extra: { loadBalancerIP: '10.0.1.0' } })))
    expect(dotZero.diagnostics.some((d) => d.code === 'LB_IP_NOT_IN_POOL')).toBe(true)
  })
})
