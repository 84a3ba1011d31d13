/**
 * Nodes, kube-scheduler and pod IPAM: the default kubeadm/minikube-style
 * topology, the control-plane NoSchedule taint, spreading, nodeName and
 * nodeSelector, Node objects from YAML, kube-scheduler's FitError message for
 * an unschedulable pod, `kubeadm join` and `kubectl drain`, and pod IPs inside
 * their node's podCIDR. Pods, once bound, never move to another node.
 */
import { describe, expect, it } from 'vitest'
import {
  act, deploymentYaml, docs, errors, inCidr, parseTable, podYaml, rcYaml, row, sim, toYaml, userPods, warnings,
} from '../testing/builders'

const CP_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }

function nodeYaml(name: string, o: { ip?: string; podCIDR?: string; labels?: Record<string, string>; taints?: Record<string, string>[]; unschedulable?: boolean } = {}): string {
  const spec: Record<string, unknown> = {}
  if (o.podCIDR) spec.podCIDR = o.podCIDR
  if (o.taints) spec.taints = o.taints
  if (o.unschedulable) spec.unschedulable = true
  const obj: Record<string, unknown> = { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: o.labels ?? {} }, spec }
  if (o.ip) obj.status = { addresses: [{ type: 'InternalIP', address: o.ip }] }
  return toYaml(obj)
}

describe('default topology', () => {
  const s = sim('')

  it('one tainted control plane and two workers with minikube addresses and /24 pod CIDRs', () => {
    expect(s.nodes.map((n) => [n.name, n.ip, n.podCIDR, n.ready, n.unschedulable])).toEqual([
      ['control-plane', '192.168.49.2', '10.244.0.0/24', true, false],
      ['worker-1', '192.168.49.3', '10.244.1.0/24', true, false],
      ['worker-2', '192.168.49.4', '10.244.2.0/24', true, false],
    ])
    expect(s.nodes[0].taints).toEqual([CP_TAINT])
    expect(s.nodes[0].roles).toEqual(['control-plane'])
    expect(s.nodes[1].taints).toEqual([])
    expect(s.nodes[1].labels['kubernetes.io/hostname']).toBe('worker-1')
  })

  it('kubectl get nodes -o wide', () => {
    const t = parseTable(s.kubectl('get nodes -o wide'))
    expect(t.columns).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'])
    expect(row(t, 'control-plane')).toMatchObject({ STATUS: 'Ready', ROLES: 'control-plane', 'INTERNAL-IP': '192.168.49.2', 'EXTERNAL-IP': '<none>' })
    expect(row(t, 'worker-2')).toMatchObject({ STATUS: 'Ready', ROLES: '<none>', 'INTERNAL-IP': '192.168.49.4' })
  })

  it('CoreDNS runs two pods in kube-system (they tolerate the control-plane taint)', () => {
    const dns = s.pods.filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns')
    expect(dns).toHaveLength(2)
    for (const p of dns) expect(p.ready).toBe(true)
    expect(s.endpoints('kube-dns', 'kube-system').ready.filter((e) => e.portName === 'dns')).toHaveLength(2)
  })
})

describe('placement', () => {
  it('user pods never land on the tainted control plane', () => {
    const s = sim(deploymentYaml('web', 10))
    const nodes = userPods(s).map((p) => p.node)
    expect(nodes).toHaveLength(10)
    expect(nodes).not.toContain('control-plane')
  })

  it("a Deployment's pods are spread across the workers", () => {
    const two = userPods(sim(deploymentYaml('web', 2))).map((p) => p.node).sort()
    expect(two).toEqual(['worker-1', 'worker-2'])
    const four = userPods(sim(deploymentYaml('web', 4))).map((p) => p.node)
    expect(four.filter((n) => n === 'worker-1')).toHaveLength(2)
    expect(four.filter((n) => n === 'worker-2')).toHaveLength(2)
  })

  it('a toleration alone does not force the control plane, but toleration + nodeSelector does', () => {
    const s = sim(podYaml('on-cp', {
      tolerations: [{ key: CP_TAINT.key, operator: 'Exists', effect: 'NoSchedule' }],
      nodeSelector: { 'kubernetes.io/hostname': 'control-plane' },
    }))
    expect(userPods(s)[0]).toMatchObject({ node: 'control-plane', phase: 'Running' })
    expect(inCidr(userPods(s)[0].ip, '10.244.0.0/24')).toBe(true)
  })

  it('nodeName binds directly, bypassing the scheduler (even onto the tainted control plane)', () => {
    const s = sim(docs(podYaml('a', { nodeName: 'worker-2' }), podYaml('b', { nodeName: 'control-plane' })))
    expect(userPods(s).map((p) => [p.name, p.node, p.phase])).toEqual([['a', 'worker-2', 'Running'], ['b', 'control-plane', 'Running']])
  })

  it('nodeName naming no node leaves the pod Pending without an IP', () => {
    const p = userPods(sim(podYaml('lost', { nodeName: 'worker-9' })))[0]
    expect(p.phase).toBe('Pending')
    expect(p.ip).toBe('')
    expect(p.ready).toBe(false)
  })

  it('nodeSelector is honoured', () => {
    const s = sim(podYaml('p', { nodeSelector: { 'kubernetes.io/hostname': 'worker-2' } }))
    expect(userPods(s)[0].node).toBe('worker-2')
  })
})

describe('unschedulable pods', () => {
  it("stay Pending with kube-scheduler's FitError message (reasons sorted as 'count reason' strings)", () => {
    const s = sim(podYaml('picky', { nodeSelector: { disktype: 'ssd' } }))
    const p = userPods(s)[0]
    expect(p).toMatchObject({ phase: 'Pending', ip: '', node: '', ready: false })
    const msg = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn\'t match Pod\'s node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.'
    expect(p.notReadyReason).toBe(msg)
    const w = warnings(s).find((d) => d.code === 'POD_PENDING')
    expect(w?.message).toContain(msg)
  })

  it('kubectl get pods shows Pending with <none> for IP and NODE', () => {
    const t = parseTable(sim(podYaml('picky', { nodeSelector: { disktype: 'ssd' } })).kubectl('get pods -o wide'))
    expect(row(t, 'picky')).toMatchObject({ READY: '0/1', STATUS: 'Pending', IP: '<none>', NODE: '<none>' })
  })
})

describe('Node objects from the YAML', () => {
  const nodes = docs(
    nodeYaml('node-a', { ip: '192.168.1.10', podCIDR: '10.244.5.0/24', labels: { disktype: 'ssd' } }),
    nodeYaml('node-b', { ip: '192.168.1.11', podCIDR: '10.244.6.0/24', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
  )

  it('replace the default nodes, with their InternalIP, podCIDR, labels and taints', () => {
    const s = sim(nodes)
    expect(s.nodes.map((n) => [n.name, n.ip, n.podCIDR])).toEqual([['node-a', '192.168.1.10', '10.244.5.0/24'], ['node-b', '192.168.1.11', '10.244.6.0/24']])
    expect(s.nodes[0].labels).toMatchObject({ disktype: 'ssd', 'kubernetes.io/hostname': 'node-a' })
    expect(s.nodes[1].taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }])
  })

  it('pods avoid the tainted node and get addresses from their node CIDR', () => {
    const s = sim(docs(nodes, deploymentYaml('web', 3)))
    for (const p of userPods(s)) {
      expect(p.node).toBe('node-a')
      expect(inCidr(p.ip, '10.244.5.0/24')).toBe(true)
    }
  })

  it('a pod tolerating the taint may go to node-b; nodeSelector disktype=ssd picks node-a', () => {
    const s = sim(docs(nodes,
      podYaml('gpu', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], nodeSelector: { 'kubernetes.io/hostname': 'node-b' } }),
      podYaml('fast', { nodeSelector: { disktype: 'ssd' } }),
    ))
    expect(userPods(s).map((p) => [p.name, p.node])).toEqual([['gpu', 'node-b'], ['fast', 'node-a']])
    expect(inCidr(userPods(s)[0].ip, '10.244.6.0/24')).toBe(true)
  })

  it('a toleration with the wrong value does not tolerate the taint', () => {
    const s = sim(docs(nodes, podYaml('p', {
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }],
      nodeSelector: { 'kubernetes.io/hostname': 'node-b' },
    })))
    expect(userPods(s)[0].phase).toBe('Pending')
  })

  it('spec.unschedulable nodes (cordoned) take no new pods', () => {
    const s = sim(docs(nodeYaml('n1', { unschedulable: true }), nodeYaml('n2'), deploymentYaml('web', 3)))
    expect(userPods(s).map((p) => p.node)).toEqual(['n2', 'n2', 'n2'])
    expect(row(parseTable(s.kubectl('get nodes -o wide')), 'n1').STATUS).toBe('Ready,SchedulingDisabled')
  })
})

describe('kubeadm join (addNode)', () => {
  it('adds worker-3 with the next address and pod CIDR; running pods stay where they are', () => {
    const base = sim(deploymentYaml('web', 4))
    const s = act(base, { type: 'addNode' })
    expect(s.actionLog[0].ok).toBe(true)
    expect(s.nodes).toHaveLength(4)
    expect(s.nodes[3]).toMatchObject({ name: 'worker-3', ip: '192.168.49.5', podCIDR: '10.244.3.0/24', ready: true, taints: [] })
    const where = (x: typeof base) => userPods(x).map((p) => [p.name, p.node, p.ip])
    expect(where(s)).toEqual(where(base))
  })

  it('pods created after the join may use the new node', () => {
    const s = act(act(sim(deploymentYaml('web', 2)), { type: 'addNode' }), { type: 'scale', kind: 'deployment', name: 'web', replicas: 3 })
    expect(userPods(s).map((p) => p.node).sort()).toEqual(['worker-1', 'worker-2', 'worker-3'])
  })
})

describe('kubectl drain', () => {
  it('evicts controller-owned pods; their replacements land on other nodes; the node is cordoned', () => {
    const base = sim(rcYaml('kubia', 4))
    const s = act(base, { type: 'drainNode', node: 'worker-1' })
    const log = s.actionLog[0]
    expect(log.ok).toBe(true)
    const lines = log.message.split('\n')
    expect(lines[0]).toBe('node/worker-1 cordoned')
    expect(lines.at(-1)).toBe('node/worker-1 drained')
    for (const p of userPods(base).filter((x) => x.node === 'worker-1')) expect(lines).toContain(`pod/${p.name} evicted`)
    expect(userPods(s)).toHaveLength(4)
    expect(userPods(s).every((p) => p.node === 'worker-2')).toBe(true)
    expect(s.nodes.find((n) => n.name === 'worker-1')?.unschedulable).toBe(true)
    expect(row(parseTable(s.kubectl('get nodes -o wide')), 'worker-1').STATUS).toBe('Ready,SchedulingDisabled')
  })

  it('pods that were not on the drained node keep their name, node and IP', () => {
    const base = sim(rcYaml('kubia', 4))
    const s = act(base, { type: 'drainNode', node: 'worker-1' })
    for (const p of userPods(base).filter((x) => x.node === 'worker-2')) {
      expect(userPods(s).find((q) => q.name === p.name)).toMatchObject({ node: 'worker-2', ip: p.ip })
    }
  })

  it('refuses to delete bare pods without --force, but still cordons the node', () => {
    const base = sim(docs(podYaml('bare', { nodeName: 'worker-1' }), rcYaml('kubia', 2)))
    const s = act(base, { type: 'drainNode', node: 'worker-1' })
    const log = s.actionLog[0]
    expect(log.ok).toBe(false)
    expect(log.message).toContain('node/worker-1 cordoned')
    expect(log.message).toContain('cannot delete Pods that declare no controller (use --force to override): default/bare')
    expect(userPods(s).find((p) => p.name === 'bare')?.node).toBe('worker-1')
    expect(s.nodes.find((n) => n.name === 'worker-1')?.unschedulable).toBe(true)
  })

  it('with force the bare pod is deleted and not recreated', () => {
    const s = act(sim(docs(podYaml('bare', { nodeName: 'worker-1' }), rcYaml('kubia', 2))), { type: 'drainNode', node: 'worker-1', force: true })
    expect(s.actionLog[0].ok).toBe(true)
    expect(userPods(s).find((p) => p.name === 'bare')).toBeUndefined()
    expect(userPods(s).filter((p) => p.ownerName === 'kubia').every((p) => p.node === 'worker-2')).toBe(true)
  })

  it('an unknown node is NotFound', () => {
    const s = act(sim(''), { type: 'drainNode', node: 'worker-7' })
    expect(s.actionLog[0]).toMatchObject({ ok: false, message: 'Error from server (NotFound): nodes "worker-7" not found' })
  })
})

describe('pods never move once bound', () => {
  it('deleting one pod leaves every other pod on its node with its IP', () => {
    const base = sim(docs(rcYaml('kubia', 3), podYaml('bare')))
    const victim = userPods(base).find((p) => p.ownerName === 'kubia')!
    const s = act(base, { type: 'deletePod', pod: victim.name })
    for (const p of userPods(base).filter((x) => x.name !== victim.name)) {
      expect(userPods(s).find((q) => q.name === p.name), p.name).toMatchObject({ node: p.node, ip: p.ip })
    }
  })

  it('scaling one workload does not move the pods of another', () => {
    const base = sim(docs(rcYaml('a', 2), rcYaml('b', 3)))
    const s = act(base, { type: 'scale', kind: 'rc', name: 'a', replicas: 5 })
    for (const p of userPods(base).filter((x) => x.ownerName === 'b')) {
      expect(userPods(s).find((q) => q.name === p.name), p.name).toMatchObject({ node: p.node, ip: p.ip })
    }
  })
})

describe('pod IPs', () => {
  it("are inside their node's pod CIDR, unique, and never the .0 network, .1 gateway or .255 broadcast address", () => {
    const s = sim(deploymentYaml('web', 30))
    const all = s.pods
    const ips = all.map((p) => p.ip)
    expect(new Set(ips).size).toBe(ips.length)
    for (const p of all) {
      const node = s.nodes.find((n) => n.name === p.node)!
      expect(inCidr(p.ip, node.podCIDR), `${p.name} ${p.ip} ${node.podCIDR}`).toBe(true)
      const last = Number(p.ip.split('.')[3])
      expect(last).toBeGreaterThanOrEqual(2)
      expect(last).toBeLessThanOrEqual(254)
    }
  })

  it('an observed status.podIP inside the node CIDR is kept, without a warning', () => {
    const s = sim(podYaml('seen', { nodeName: 'worker-1', status: { phase: 'Running', podIP: '10.244.1.77' } }))
    expect(userPods(s)[0].ip).toBe('10.244.1.77')
    expect(warnings(s).filter((w) => w.code === 'POD_IP_OUTSIDE_CIDR')).toEqual([])
  })

  it('an observed status.podIP outside the node CIDR is kept, with a warning at status.podIP', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: moved
spec:
  nodeName: worker-1
  containers:
  - name: c
    image: nginx
status:
  phase: Running
  podIP: 10.1.2.3
`
    const s = sim(yaml)
    expect(userPods(s)[0].ip).toBe('10.1.2.3')
    const w = warnings(s).filter((d) => d.message.includes('10.1.2.3'))
    expect(w).toHaveLength(1)
    expect(w[0].message).toContain('10.244.1.0/24')
    expect(w[0].line).toBe(12)
    expect(errors(s)).toEqual([])
  })

  it('a fresh pod never takes an address another pod already reports', () => {
    const observed = Array.from({ length: 20 }, (_, i) => podYaml(`seen${i}`, { nodeName: 'worker-1', status: { phase: 'Running', podIP: `10.244.1.${i + 2}` } }))
    const s = sim(docs(...observed, rcYaml('fresh', 20)))
    const ips = userPods(s).map((p) => p.ip)
    expect(new Set(ips).size).toBe(40)
  })
})
