/**
 * The API server's ClusterIP and NodePort allocators (k8s-semantics.md §1.5,
 * §1.6): kubeadm's 10.96.0.0/12 service CIDR, the built-in Services, requested
 * values honoured or refused with the allocator's messages, the 30000-32767
 * NodePort range with its static band 30000-30085, and stability: one
 * Service's change never moves another Service's address or nodePort.
 */
import { describe, expect, it } from 'vitest'
import { docs, errors, inCidr, ipNum, messages, serviceYaml, sim } from '../testing/builders'

const user = (s: ReturnType<typeof sim>) => s.services.filter((x) => !x.builtIn)
const byName = (s: ReturnType<typeof sim>, name: string, namespace = 'default') => {
  const found = s.services.find((x) => x.name === name && x.namespace === namespace)
  if (!found) throw new Error(`no Service ${namespace}/${name}`)
  return found
}

/** n ClusterIP Services s0..s(n-1). */
function many(n: number, type = 'ClusterIP'): string {
  return docs(...Array.from({ length: n }, (_, i) => serviceYaml(`s${i}`, { type, selector: { app: `a${i}` } })))
}

describe('built-in Services (kubeadm)', () => {
  it('kubernetes is 10.96.0.1:443/TCP in default, named https, no selector, no nodePort', () => {
    const k = byName(sim(''), 'kubernetes')
    expect(k).toMatchObject({ type: 'ClusterIP', clusterIP: '10.96.0.1', selector: null, sessionAffinity: 'None', builtIn: true })
    expect(k.ports).toEqual([{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }])
    expect(k.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' })
  })

  it('kube-dns is 10.96.0.10 in kube-system with 53/UDP, 53/TCP, 9153/TCP', () => {
    const d = byName(sim(''), 'kube-dns', 'kube-system')
    expect(d.clusterIP).toBe('10.96.0.10')
    expect(d.ports.map((p) => [p.name, p.port, p.protocol])).toEqual([['dns', 53, 'UDP'], ['dns-tcp', 53, 'TCP'], ['metrics', 9153, 'TCP']])
    expect(d.selector).toEqual({ 'k8s-app': 'kube-dns' })
  })
})

describe('dynamic ClusterIPs', () => {
  it('are unique, inside 10.96.0.0/12, never the network or broadcast address, and above the static band', () => {
    const s = sim(many(40))
    const ips = user(s).map((x) => x.clusterIP)
    expect(ips).toHaveLength(40)
    expect(new Set([...ips, '10.96.0.1', '10.96.0.10']).size).toBe(42)
    for (const ip of ips) {
      expect(inCidr(ip, '10.96.0.0/12'), ip).toBe(true)
      // /12 = 1,048,576 addresses; static band offset min(max(16, size/16), 256) = 256 -> dynamic from 10.96.1.0.
      expect(ipNum(ip), ip).toBeGreaterThanOrEqual(ipNum('10.96.1.0'))
      expect(ipNum(ip), ip).toBeLessThan(ipNum('10.111.255.255'))
    }
  })

  it('are assigned to NodePort and LoadBalancer Services too, but not to headless or ExternalName ones', () => {
    const s = sim(docs(
      serviceYaml('np', { type: 'NodePort' }),
      serviceYaml('lb', { type: 'LoadBalancer' }),
      serviceYaml('hl', { clusterIP: 'None' }),
      serviceYaml('ext', { type: 'ExternalName', selector: null, ports: [{ port: 80 }], extra: { externalName: 'api.example.com' } }),
    ))
    expect(errors(s)).toEqual([])
    expect(inCidr(byName(s, 'np').clusterIP, '10.96.0.0/12')).toBe(true)
    expect(inCidr(byName(s, 'lb').clusterIP, '10.96.0.0/12')).toBe(true)
    expect(byName(s, 'hl').clusterIP).toBe('None')
    expect(byName(s, 'ext').clusterIP).toBe('')
  })
})

describe('requested ClusterIPs', () => {
  it('a free address in range is honoured, also inside the static band', () => {
    const s = sim(docs(serviceYaml('a', { clusterIP: '10.96.5.5' }), serviceYaml('b', { clusterIP: '10.96.0.20' })))
    expect(errors(s)).toEqual([])
    expect(byName(s, 'a').clusterIP).toBe('10.96.5.5')
    expect(byName(s, 'b').clusterIP).toBe('10.96.0.20')
  })

  it('an address outside 10.96.0.0/12 is refused with the allocator message, pointing at clusterIP', () => {
    const yaml = `apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  clusterIP: 10.0.171.239
  ports:
  - port: 80
`
    const s = sim(yaml)
    const errs = errors(s)
    expect(errs).toHaveLength(1)
    // Two allocator wordings exist (k8s-semantics §10.13).
    expect(errs[0].message).toMatch(
      /^The Service "my-service" is invalid: spec\.clusterIPs: Invalid value: \[\]string\{"10\.0\.171\.239"\}: failed to allocate IP 10\.0\.171\.239: (provided IP|the provided IP \(10\.0\.171\.239\)) is not in the valid range\. The range of valid IPs is 10\.96\.0\.0\/12$/,
    )
    expect(errs[0]).toMatchObject({ line: 6, column: 14 })
    expect(user(s)).toEqual([])
  })

  it('an address already allocated to another Service is refused', () => {
    const s = sim(docs(serviceYaml('first', { clusterIP: '10.96.5.5' }), serviceYaml('second', { clusterIP: '10.96.5.5' })))
    expect(messages(errors(s))).toEqual([
      'The Service "second" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.5.5"}: failed to allocate IP 10.96.5.5: provided IP is already allocated',
    ])
    expect(byName(s, 'first').clusterIP).toBe('10.96.5.5')
    expect(user(s).map((x) => x.name)).toEqual(['first'])
  })

  it("kube-dns's 10.96.0.10 and kubernetes's 10.96.0.1 are already allocated", () => {
    const s = sim(docs(serviceYaml('dns', { clusterIP: '10.96.0.10' }), serviceYaml('api', { clusterIP: '10.96.0.1' })))
    expect(messages(errors(s)).sort()).toEqual([
      'The Service "api" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
      'The Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    ])
  })

  it('the network and broadcast addresses of the range are never allocatable', () => {
    for (const ip of ['10.96.0.0', '10.111.255.255']) {
      const errs = errors(sim(serviceYaml('edge', { clusterIP: ip })))
      expect(errs, ip).toHaveLength(1)
      expect(errs[0].message).toContain(`failed to allocate IP ${ip}`)
    }
  })

  it('a dynamic Service never takes an address another Service requested', () => {
    const ips = Array.from({ length: 30 }, (_, i) => `10.100.${i}.${i + 1}`)
    const s = sim(docs(
      ...Array.from({ length: 30 }, (_, i) => serviceYaml(`dyn${i}`)),
      ...ips.map((ip, i) => serviceYaml(`fixed${i}`, { clusterIP: ip })),
    ))
    expect(errors(s)).toEqual([])
    ips.forEach((ip, i) => expect(byName(s, `fixed${i}`).clusterIP).toBe(ip))
    expect(new Set(user(s).map((x) => x.clusterIP)).size).toBe(60)
  })
})

describe('NodePorts', () => {
  it('a requested nodePort in range is honoured (KIA kubia-nodeport 30123)', () => {
    const s = sim(serviceYaml('kubia-nodeport', { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30123 }] }))
    expect(errors(s)).toEqual([])
    expect(byName(s, 'kubia-nodeport').ports[0].nodePort).toBe(30123)
  })

  it('8080 is refused: not in the valid range 30000-32767, pointing at the nodePort value', () => {
    const yaml = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
  - port: 80
    nodePort: 8080
`
    const s = sim(yaml)
    const errs = errors(s)
    expect(messages(errs)).toEqual([
      'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ])
    expect(errs[0]).toMatchObject({ line: 9, column: 15 })
    expect(user(s)).toEqual([])
  })

  it('the range bounds 30000 and 32767 are valid, 29999 and 32768 are not', () => {
    expect(errors(sim(docs(
      serviceYaml('lo', { type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] }),
      serviceYaml('hi', { type: 'NodePort', ports: [{ port: 80, nodePort: 32767 }] }),
    )))).toEqual([])
    for (const n of [29999, 32768]) {
      expect(messages(errors(sim(serviceYaml('x', { type: 'NodePort', ports: [{ port: 80, nodePort: n }] }))))).toEqual([
        `The Service "x" is invalid: spec.ports[0].nodePort: Invalid value: ${n}: provided port is not in the valid range. The range of valid ports is 30000-32767`,
      ])
    }
  })

  it('a nodePort held by another Service is refused: provided port is already allocated', () => {
    const s = sim(docs(
      serviceYaml('one', { type: 'NodePort', ports: [{ port: 80, nodePort: 30123 }] }),
      serviceYaml('two', { type: 'NodePort', ports: [{ port: 80, nodePort: 30123 }] }),
    ))
    expect(messages(errors(s))).toEqual(['The Service "two" is invalid: spec.ports[0].nodePort: Invalid value: 30123: provided port is already allocated'])
    expect(user(s).map((x) => x.name)).toEqual(['one'])
  })

  it('nodePorts are cluster-wide: another namespace cannot reuse one either', () => {
    const s = sim(docs(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n',
      serviceYaml('one', { type: 'NodePort', ports: [{ port: 80, nodePort: 30123 }] }),
      serviceYaml('two', { namespace: 'other', type: 'NodePort', ports: [{ port: 80, nodePort: 30123 }] }),
    ))
    expect(messages(errors(s))).toEqual(['The Service "two" is invalid: spec.ports[0].nodePort: Invalid value: 30123: provided port is already allocated'])
  })

  it('a dynamic nodePort never collides with a requested one', () => {
    const requested = Array.from({ length: 40 }, (_, i) => 30100 + i * 60)
    const s = sim(docs(
      ...Array.from({ length: 40 }, (_, i) => serviceYaml(`dyn${i}`, { type: 'NodePort' })),
      ...requested.map((n, i) => serviceYaml(`fixed${i}`, { type: 'NodePort', ports: [{ port: 80, nodePort: n }] })),
    ))
    expect(errors(s)).toEqual([])
    const all = user(s).map((x) => x.ports[0].nodePort)
    expect(new Set(all).size).toBe(80)
  })

  it('dynamic nodePorts are unique and come from 30086-32767 (above the static band)', () => {
    const s = sim(many(60, 'NodePort'))
    const ports = user(s).map((x) => x.ports[0].nodePort!)
    expect(ports).toHaveLength(60)
    expect(new Set(ports).size).toBe(60)
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(30086)
      expect(p).toBeLessThanOrEqual(32767)
    }
  })

  it('LoadBalancer Services get nodePorts; allocateLoadBalancerNodePorts: false leaves them out', () => {
    const s = sim(docs(
      serviceYaml('lb', { type: 'LoadBalancer' }),
      serviceYaml('lb-no-np', { type: 'LoadBalancer', extra: { allocateLoadBalancerNodePorts: false } }),
      serviceYaml('lb-no-np-but-asked', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 31000 }], extra: { allocateLoadBalancerNodePorts: false } }),
    ))
    expect(errors(s)).toEqual([])
    const np = byName(s, 'lb').ports[0].nodePort!
    expect(np).toBeGreaterThanOrEqual(30086)
    expect(np).toBeLessThanOrEqual(32767)
    expect(byName(s, 'lb-no-np').ports[0].nodePort).toBeUndefined()
    // User-specified nodePorts are honoured even when allocation is off.
    expect(byName(s, 'lb-no-np-but-asked').ports[0].nodePort).toBe(31000)
  })

  it('ClusterIP, headless and ExternalName Services get no nodePort', () => {
    const s = sim(docs(serviceYaml('c'), serviceYaml('h', { clusterIP: 'None' })))
    expect(user(s).flatMap((x) => x.ports.map((p) => p.nodePort))).toEqual([undefined, undefined])
  })

  it('the same port number with different protocols shares one nodePort', () => {
    const s = sim(serviceYaml('dns', {
      type: 'NodePort',
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'metrics', port: 9153 }],
    }))
    expect(errors(s)).toEqual([])
    const [udp, tcp, metrics] = byName(s, 'dns').ports.map((p) => p.nodePort!)
    expect(udp).toBe(tcp)
    expect(metrics).not.toBe(udp)
    expect(udp).toBeGreaterThanOrEqual(30000)
  })

  it('a nodePort requested on a later port of the same number is used for the earlier one too', () => {
    const s = sim(serviceYaml('dns', {
      type: 'NodePort',
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP', nodePort: 30053 }],
    }))
    expect(errors(s)).toEqual([])
    expect(byName(s, 'dns').ports.map((p) => p.nodePort)).toEqual([30053, 30053])
  })
})

describe('stability: one Service never moves another', () => {
  const base = [
    serviceYaml('alpha', { type: 'NodePort' }),
    serviceYaml('bravo', { type: 'LoadBalancer' }),
    serviceYaml('charlie'),
    serviceYaml('delta', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }),
  ]
  const snapshot = (s: ReturnType<typeof sim>, names: string[]) =>
    Object.fromEntries(names.map((n) => [n, { ip: byName(s, n).clusterIP, nodePorts: byName(s, n).ports.map((p) => p.nodePort) }]))
  const before = snapshot(sim(docs(...base)), ['alpha', 'bravo', 'charlie', 'delta'])

  it('adding a Service at the end', () => {
    const s = sim(docs(...base, serviceYaml('echo', { type: 'NodePort' })))
    expect(snapshot(s, ['alpha', 'bravo', 'charlie', 'delta'])).toEqual(before)
  })

  it('adding a Service at the start of the file', () => {
    const s = sim(docs(serviceYaml('aardvark', { type: 'NodePort' }), ...base))
    expect(snapshot(s, ['alpha', 'bravo', 'charlie', 'delta'])).toEqual(before)
  })

  it('removing a Service', () => {
    const s = sim(docs(base[0], base[2], base[3]))
    expect(snapshot(s, ['alpha', 'charlie', 'delta'])).toEqual({ alpha: before.alpha, charlie: before.charlie, delta: before.delta })
  })

  it('editing a Service (new port, new type)', () => {
    const s = sim(docs(base[0], serviceYaml('bravo', { type: 'NodePort', ports: [{ port: 8080 }] }), base[2], base[3]))
    expect(snapshot(s, ['alpha', 'charlie', 'delta'])).toEqual({ alpha: before.alpha, charlie: before.charlie, delta: before.delta })
  })

  it('adding pods and workloads does not move Service addresses', () => {
    const s = sim(docs(...base, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: alpha\nspec:\n  containers:\n  - name: c\n    image: nginx\n'))
    expect(snapshot(s, ['alpha', 'bravo', 'charlie', 'delta'])).toEqual(before)
  })

  it('runtime actions do not move Service addresses', () => {
    const s0 = sim(docs(...base))
    const s1 = s0.apply({ type: 'addNode' })
    expect(snapshot(s1 as ReturnType<typeof sim>, ['alpha', 'bravo', 'charlie', 'delta'])).toEqual(before)
  })
})

describe('determinism', () => {
  const yaml = many(8, 'NodePort')
  it('same YAML and seed give the same cluster', () => {
    const a = sim(yaml, { seed: 42 })
    const b = sim(yaml, { seed: 42 })
    expect(b.services).toEqual(a.services)
    expect(b.kubectl('get svc')).toBe(a.kubectl('get svc'))
  })

  it('omitting the seed is the same as the default seed', () => {
    expect(sim(yaml).services).toEqual(sim(yaml, { seed: 1 }).services)
  })

  it('a different seed gives different addresses', () => {
    const a = user(sim(yaml, { seed: 1 })).map((x) => x.clusterIP)
    const b = user(sim(yaml, { seed: 2 })).map((x) => x.clusterIP)
    expect(b).not.toEqual(a)
    const pa = user(sim(yaml, { seed: 1 })).map((x) => x.ports[0].nodePort)
    const pb = user(sim(yaml, { seed: 2 })).map((x) => x.ports[0].nodePort)
    expect(pb).not.toEqual(pa)
  })

  it('the built-in addresses do not depend on the seed', () => {
    for (const seed of [1, 2, 99]) {
      const s = sim('', { seed })
      expect(byName(s, 'kubernetes').clusterIP).toBe('10.96.0.1')
      expect(byName(s, 'kube-dns', 'kube-system').clusterIP).toBe('10.96.0.10')
    }
  })
})
