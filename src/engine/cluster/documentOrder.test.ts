/**
 * Allocation does not depend on the order the documents are written in: node
 * addresses and pod CIDRs, scheduling, pod IPs, ClusterIPs, NodePorts and
 * load balancer addresses are handed out by name, so pasting the same
 * objects in another order gives the same cluster (found by the
 * re-ordering property in property/determinism.property.test.ts).
 */
import { describe, expect, it } from 'vitest'
import { docs, podYaml, serviceYaml, sim, toYaml } from '../testing/builders'
import type { Simulation } from '../api/types'

function node(name: string, extra: Record<string, unknown> = {}): string {
  return toYaml({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: extra })
}

/** Each object's addresses, by name. */
function addresses(s: Simulation): Record<string, string> {
  return Object.fromEntries([
    ...s.nodes.map((n) => [`node/${n.name}`, `${n.ip} ${n.podCIDR}`]),
    ...s.pods.map((p) => [`pod/${p.namespace}/${p.name}`, `${p.ip} on ${p.node}`]),
    ...s.services.map((v) => [`svc/${v.namespace}/${v.name}`, `${v.clusterIP} ${v.ports.map((p) => p.nodePort ?? '-').join(',')} ${v.loadBalancerIngress.join(',')}`]),
  ])
}

function bothOrders(parts: string[]): [Simulation, Simulation] {
  return [sim(docs(...parts)), sim(docs(...[...parts].reverse()))]
}

describe('document order', () => {
  it('does not change which Node gets which address and pod CIDR', () => {
    const [a, b] = bothOrders([node('node-b'), node('node-a'), node('node-c', { podCIDR: '10.244.0.0/24' })])
    expect(addresses(b)).toEqual(addresses(a))
    // Free addresses go in name order; an explicit pod CIDR is kept.
    expect(a.nodes.find((n) => n.name === 'node-a')).toMatchObject({ ip: '192.168.49.2', podCIDR: '10.244.1.0/24' })
    expect(a.nodes.find((n) => n.name === 'node-b')).toMatchObject({ ip: '192.168.49.3', podCIDR: '10.244.2.0/24' })
    expect(a.nodes.find((n) => n.name === 'node-c')).toMatchObject({ ip: '192.168.49.4', podCIDR: '10.244.0.0/24' })
    // The nodes are still listed in document order.
    expect(a.nodes.map((n) => n.name)).toEqual(['node-b', 'node-a', 'node-c'])
  })

  it('does not change where pods are scheduled', () => {
    const deployment = toYaml({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    })
    const [a, b] = bothOrders([node('node-c'), node('node-a'), node('node-b'), deployment])
    expect(addresses(b)).toEqual(addresses(a))
  })

  it('does not change which pod moves on when two pods want the same address', () => {
    // Five pods and CoreDNS's two in a /29 (five usable addresses): preferred addresses collide and two pods get none.
    const pods = ['p1', 'p2', 'p3', 'p4', 'p5'].map((name) => podYaml(name, { nodeName: 'tiny' }))
    const [a, b] = bothOrders([node('tiny', { podCIDR: '10.244.7.0/29' }), ...pods])
    expect(new Set(a.pods.map((p) => p.ip).filter((ip) => ip !== '')).size).toBe(5)
    expect(addresses(b)).toEqual(addresses(a))
  })

  it('does not change ClusterIPs, NodePorts or load balancer addresses', () => {
    const services = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => serviceYaml(name, { type: 'LoadBalancer', selector: null, ports: [{ port: 80 }, { port: 81, name: 'x' }].map((p, i) => (i === 0 ? { ...p, name: 'h' } : p)) }))
    const pools = ['pool-b', 'pool-a'].map((name, i) => toYaml({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: 'metallb-system' }, spec: { addresses: [`192.168.49.${200 + i * 10}-192.168.49.${203 + i * 10}`] } }))
    const [a, b] = bothOrders([...pools, ...services])
    expect(addresses(b)).toEqual(addresses(a))
    // MetalLB tries pools by name (no priority given): pool-a first, in Service name order.
    expect(a.services.find((s) => s.name === 'a')!.loadBalancerIngress).toEqual(['192.168.49.210'])
    expect(a.services.find((s) => s.name === 'e')!.loadBalancerIngress).toEqual(['192.168.49.200'])
  })
})
