/**
 * kube-proxy's userspace mode (removed in Kubernetes 1.26, still in
 * textbooks): iptables redirects each Service port to a proxy port on which
 * kube-proxy itself listens; kube-proxy opens a second connection to an
 * endpoint it picks round robin. The portal rules, as iptables-save printed them.
 */
import type { ProxyServicePort } from './servicePorts'
import { rngFor } from '../rng'
import type { Rule, Table } from './iptables/model'

/** The proxy port kube-proxy opened for a Service port on a node (a random free port). */
export function proxyPort(seed: number, node: string, sp: ProxyServicePort): number {
  return 32768 + rngFor(seed, `userspace/${node}/${sp.spn}/${sp.protocol}`).int(28000)
}

export function userspaceRules(ports: ProxyServicePort[], node: string, nodeIP: string, seed: number): Table[] {
  const nat: Rule[] = [
    { chain: 'PREROUTING', matches: [{ m: 'comment', comment: 'handle ClusterIPs; NOTE: this must be before the NodePort rules' }], target: { j: 'chain', chain: 'KUBE-PORTALS-CONTAINER' } },
    { chain: 'PREROUTING', matches: [{ m: 'addrtype', dstType: 'LOCAL' }, { m: 'comment', comment: 'handle service NodePorts; NOTE: this must be the last rule in the chain' }], target: { j: 'chain', chain: 'KUBE-NODEPORT-CONTAINER' } },
    { chain: 'OUTPUT', matches: [{ m: 'comment', comment: 'handle ClusterIPs; NOTE: this must be before the NodePort rules' }], target: { j: 'chain', chain: 'KUBE-PORTALS-HOST' } },
    { chain: 'OUTPUT', matches: [{ m: 'addrtype', dstType: 'LOCAL' }, { m: 'comment', comment: 'handle service NodePorts; NOTE: this must be the last rule in the chain' }], target: { j: 'chain', chain: 'KUBE-NODEPORT-HOST' } },
  ]
  for (const sp of ports) {
    const pp = proxyPort(seed, node, sp)
    const addresses = [sp.clusterIP, ...sp.externalIPs, ...sp.loadBalancerIPs]
    for (const ip of addresses) {
      nat.push({ chain: 'KUBE-PORTALS-CONTAINER', dst: { cidr: ip }, proto: sp.protocol, matches: [{ m: 'comment', comment: sp.spn }, { m: 'proto', proto: sp.protocol, dport: sp.port }], target: { j: 'REDIRECT', toPorts: pp } })
      nat.push({ chain: 'KUBE-PORTALS-HOST', dst: { cidr: ip }, proto: sp.protocol, matches: [{ m: 'comment', comment: sp.spn }, { m: 'proto', proto: sp.protocol, dport: sp.port }], target: { j: 'DNAT', to: `${nodeIP}:${pp}` } })
    }
    if (sp.nodePort) {
      nat.push({ chain: 'KUBE-NODEPORT-CONTAINER', proto: sp.protocol, matches: [{ m: 'comment', comment: sp.spn }, { m: 'proto', proto: sp.protocol, dport: sp.nodePort }], target: { j: 'REDIRECT', toPorts: pp } })
      nat.push({ chain: 'KUBE-NODEPORT-HOST', proto: sp.protocol, matches: [{ m: 'comment', comment: sp.spn }, { m: 'proto', proto: sp.protocol, dport: sp.nodePort }], target: { j: 'DNAT', to: `${nodeIP}:${pp}` } })
    }
  }
  return [
    { name: 'filter', builtins: [{ chain: 'INPUT', policy: 'ACCEPT' }, { chain: 'FORWARD', policy: 'ACCEPT' }, { chain: 'OUTPUT', policy: 'ACCEPT' }], chains: [], rules: [] },
    {
      name: 'nat',
      builtins: [{ chain: 'PREROUTING', policy: 'ACCEPT' }, { chain: 'INPUT', policy: 'ACCEPT' }, { chain: 'OUTPUT', policy: 'ACCEPT' }, { chain: 'POSTROUTING', policy: 'ACCEPT' }],
      chains: ['KUBE-NODEPORT-CONTAINER', 'KUBE-NODEPORT-HOST', 'KUBE-PORTALS-CONTAINER', 'KUBE-PORTALS-HOST'],
      rules: nat,
    },
  ]
}
