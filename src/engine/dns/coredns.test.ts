/**
 * queryCoreDns against CoreDNS's own test table (k8s-semantics.md §4.2;
 * coredns plugin/kubernetes/handler_test.go dnsTestCases), adapted to the
 * playground: the fixture's ClusterIPs move into 10.96.0.0/12 (svc1
 * 10.96.100.1, svcempty 10.96.100.2), there are no IPv6 endpoints, so the
 * headless SRV answer has 4 backend entries (weight 25) instead of 6 (16).
 */
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index'
import type { ClusterState } from '../cluster/state'
import type { Simulation } from '../api/types'
import { DEFAULT_SCENARIO } from '../../scenarios'
import { queryCoreDns } from './coredns'

const TESTNS = `apiVersion: v1
kind: Namespace
metadata:
  name: testns
---
apiVersion: v1
kind: Service
metadata:
  name: svc1
  namespace: testns
spec:
  clusterIP: 10.96.100.1
  selector:
    app: svc1
  ports:
  - name: http
    port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: svc1-pod
  namespace: testns
  labels:
    app: svc1
spec:
  containers:
  - name: app
    image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: svcempty
  namespace: testns
spec:
  clusterIP: 10.96.100.2
  selector:
    app: nothing
  ports:
  - name: http
    port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: hdls1
  namespace: testns
spec:
  clusterIP: None
  ports:
  - name: http
    port: 80
---
apiVersion: v1
kind: Endpoints
metadata:
  name: hdls1
  namespace: testns
subsets:
- addresses:
  - ip: 172.0.0.2
  - ip: 172.0.0.3
  - ip: 172.0.0.4
    hostname: dup-name
  - ip: 172.0.0.5
    hostname: dup-name
  ports:
  - name: http
    port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: hdlsprtls
  namespace: testns
spec:
  clusterIP: None
---
apiVersion: v1
kind: Endpoints
metadata:
  name: hdlsprtls
  namespace: testns
subsets:
- addresses:
  - ip: 172.0.0.20
---
apiVersion: v1
kind: Service
metadata:
  name: external
  namespace: testns
spec:
  type: ExternalName
  externalName: ext.interwebs.test
---
apiVersion: v1
kind: Service
metadata:
  name: external-to-service
  namespace: testns
spec:
  type: ExternalName
  externalName: svc1.testns.svc.cluster.local
---
apiVersion: v1
kind: Service
metadata:
  name: external-to-external
  namespace: testns
spec:
  type: ExternalName
  externalName: external.testns.svc.cluster.local
---
apiVersion: v1
kind: Service
metadata:
  name: external-to-nothing
  namespace: testns
spec:
  type: ExternalName
  externalName: svc0.testns.svc.cluster.local
---
apiVersion: v1
kind: Service
metadata:
  name: external-ip
  namespace: testns
spec:
  type: ExternalName
  externalName: 1.2.3.4
---
apiVersion: v1
kind: Service
metadata:
  name: hdls-unready
  namespace: testns
spec:
  clusterIP: None
  selector:
    app: unready
  ports:
  - name: http
    port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: unready
  namespace: testns
  labels:
    app: unready
spec:
  containers:
  - name: app
    image: nginx
`

function clusterOf(sim: Simulation): ClusterState {
  return (sim as unknown as { cluster: ClusterState }).cluster
}

const sim = createSimulation(TESTNS)
const state = clusterOf(sim.apply({ type: 'setReady', pod: 'unready', namespace: 'testns', ready: false }))
const svc1PodIP = state.pods.find((p) => p.name === 'svc1-pod')!.ip

const a = (name: string, data: string) => ({ name, type: 'A', data })
const srv = (name: string, data: string) => ({ name, type: 'SRV', data })
const cname = (name: string, data: string) => ({ name, type: 'CNAME', data })

describe('queryCoreDns: the CoreDNS test table (handler_test.go), adapted', () => {
  it('builds the fixture without errors', () => {
    expect(sim.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  const table: { q: string; t: 'A' | 'SRV'; rcode: 'NOERROR' | 'NXDOMAIN'; answers: { name: string; type: string; data: string }[] }[] = [
    { q: 'svc1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answers: [a('svc1.testns.svc.cluster.local', '10.96.100.1')] },
    { q: 'svcempty.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answers: [a('svcempty.testns.svc.cluster.local', '10.96.100.2')] },
    { q: 'svc1.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answers: [srv('svc1.testns.svc.cluster.local', '0 100 80 svc1.testns.svc.cluster.local')] },
    { q: 'svcempty.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answers: [srv('svcempty.testns.svc.cluster.local', '0 100 80 svcempty.testns.svc.cluster.local')] },
    { q: '_http._tcp.svc1.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answers: [srv('_http._tcp.svc1.testns.svc.cluster.local', '0 100 80 svc1.testns.svc.cluster.local')] },
    { q: '_http._tcp.svcempty.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answers: [srv('_http._tcp.svcempty.testns.svc.cluster.local', '0 100 80 svcempty.testns.svc.cluster.local')] },
    {
      q: 'hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR',
      answers: ['172.0.0.2', '172.0.0.3', '172.0.0.4', '172.0.0.5'].map((ip) => a('hdls1.testns.svc.cluster.local', ip)),
    },
    { q: 'hdlsprtls.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answers: [a('hdlsprtls.testns.svc.cluster.local', '172.0.0.20')] },
    { q: '172-0-0-20.hdlsprtls.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answers: [a('172-0-0-20.hdlsprtls.testns.svc.cluster.local', '172.0.0.20')] },
    { q: '172-0-0-2.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answers: [a('172-0-0-2.hdls1.testns.svc.cluster.local', '172.0.0.2')] },
    { q: '172-0-0-3.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answers: [a('172-0-0-3.hdls1.testns.svc.cluster.local', '172.0.0.3')] },
    {
      q: 'dup-name.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR',
      answers: [a('dup-name.hdls1.testns.svc.cluster.local', '172.0.0.4'), a('dup-name.hdls1.testns.svc.cluster.local', '172.0.0.5')],
    },
    {
      // 4 backend entries -> weight floor(100/4) = 25; the two dup-name entries collapse into one SRV record.
      q: '_http._tcp.hdls1.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR',
      answers: [
        srv('_http._tcp.hdls1.testns.svc.cluster.local', '0 25 80 172-0-0-2.hdls1.testns.svc.cluster.local'),
        srv('_http._tcp.hdls1.testns.svc.cluster.local', '0 25 80 172-0-0-3.hdls1.testns.svc.cluster.local'),
        srv('_http._tcp.hdls1.testns.svc.cluster.local', '0 25 80 dup-name.hdls1.testns.svc.cluster.local'),
      ],
    },
    { q: 'bogusendpoint.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', answers: [] },
    { q: 'bogusendpoint.svc0.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', answers: [] },
    { q: 'svc0.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', answers: [] },
    { q: 'svc0.svc-nons.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', answers: [] },
    { q: 'svc.cluster.local.', t: 'A', rcode: 'NOERROR', answers: [] },
    { q: 'pod.cluster.local.', t: 'A', rcode: 'NOERROR', answers: [] },
    { q: 'testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answers: [] },
    { q: 'foo.cluster.local.', t: 'A', rcode: 'NXDOMAIN', answers: [] },
    { q: 'foo.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', answers: [] },
    {
      q: 'external-to-service.testns.svc.cluster.local', t: 'A', rcode: 'NOERROR',
      answers: [cname('external-to-service.testns.svc.cluster.local', 'svc1.testns.svc.cluster.local'), a('svc1.testns.svc.cluster.local', '10.96.100.1')],
    },
    { q: 'endpoint.external.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', answers: [] },
    // pods insecure (handler_pod_insecure_test.go): any well-formed IP in an existing namespace.
    { q: '10-240-0-1.testns.pod.cluster.local.', t: 'A', rcode: 'NOERROR', answers: [a('10-240-0-1.testns.pod.cluster.local', '10.240.0.1')] },
    { q: 'blah.testns.pod.cluster.local.', t: 'A', rcode: 'NXDOMAIN', answers: [] },
    { q: '10-240-0-1.podns.pod.cluster.local.', t: 'A', rcode: 'NXDOMAIN', answers: [] },
  ]
  for (const c of table) {
    it(`${c.t} ${c.q} -> ${c.rcode}${c.answers.length ? ` ${c.answers.map((x) => x.data).join(', ')}` : ''}`, () => {
      const result = queryCoreDns(state, c.q, c.t)
      expect(result.rcode).toBe(c.rcode)
      expect(result.answers).toEqual(c.answers)
      expect(result.upstream).toBeUndefined()
    })
  }
})

describe('queryCoreDns: ExternalName', () => {
  it('an A query gets the CNAME; the target outside the zone was asked upstream and gave nothing', () => {
    expect(queryCoreDns(state, 'external.testns.svc.cluster.local', 'A')).toEqual({
      rcode: 'NOERROR', answers: [cname('external.testns.svc.cluster.local', 'ext.interwebs.test')], upstream: true,
    })
  })

  it('follows a CNAME chain inside the zone', () => {
    expect(queryCoreDns(state, 'external-to-external.testns.svc.cluster.local', 'A')).toEqual({
      rcode: 'NOERROR',
      answers: [
        cname('external-to-external.testns.svc.cluster.local', 'external.testns.svc.cluster.local'),
        cname('external.testns.svc.cluster.local', 'ext.interwebs.test'),
      ],
      upstream: true,
    })
  })

  it('a CNAME to a cluster name that does not exist gives NODATA, not the CNAME (plugin.A drops it)', () => {
    expect(queryCoreDns(state, 'external-to-nothing.testns.svc.cluster.local', 'A')).toEqual({ rcode: 'NOERROR', answers: [] })
  })

  it('an SRV query for an ExternalName service answers nothing (NODATA)', () => {
    expect(queryCoreDns(state, 'external.testns.svc.cluster.local', 'SRV')).toEqual({ rcode: 'NOERROR', answers: [] })
  })

  it('an IP-looking externalName is no CNAME: NXDOMAIN', () => {
    expect(queryCoreDns(state, 'external-ip.testns.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN')
  })
})

describe('queryCoreDns: the name grammar and the rest of the plugin', () => {
  it('matches names case-insensitively and answers with the name as asked', () => {
    expect(queryCoreDns(state, 'SVC1.TestNS.svc.cluster.local', 'A').answers).toEqual([a('SVC1.TestNS.svc.cluster.local', '10.96.100.1')])
  })

  it('NXDOMAIN for more labels than the grammar allows, and for a port/protocol that does not match', () => {
    expect(queryCoreDns(state, 'a.b.c.svc1.testns.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN')
    expect(queryCoreDns(state, '_http._udp.svc1.testns.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN')
    expect(queryCoreDns(state, '_https._tcp.svc1.testns.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN')
  })

  it('an existing name without a record of the type is NODATA: SRV of a portless headless service', () => {
    expect(queryCoreDns(state, 'hdlsprtls.testns.svc.cluster.local', 'SRV')).toEqual({ rcode: 'NOERROR', answers: [] })
  })

  it('a ClusterIP service serves its ready endpoints by name too (findServices takes the endpoint path)', () => {
    const label = svc1PodIP.split('.').join('-')
    expect(queryCoreDns(state, `${label}.svc1.testns.svc.cluster.local`, 'A').answers).toEqual([a(`${label}.svc1.testns.svc.cluster.local`, svc1PodIP)])
  })

  it('a headless service whose only pod is not ready is NXDOMAIN', () => {
    expect(state.endpoints.get('testns/hdls-unready')!.notReady).toHaveLength(1)
    expect(queryCoreDns(state, 'hdls-unready.testns.svc.cluster.local', 'A')).toEqual({ rcode: 'NXDOMAIN', answers: [] })
  })

  it('dns-version.cluster.local has a TXT record only: an A query is NXDOMAIN (not svc/pod)', () => {
    expect(queryCoreDns(state, 'dns-version.cluster.local', 'A').rcode).toBe('NXDOMAIN')
  })

  it('ns.dns.cluster.local is the DNS Service address; the zone apex is NODATA', () => {
    expect(queryCoreDns(state, 'ns.dns.cluster.local', 'A').answers).toEqual([a('ns.dns.cluster.local', '10.96.0.10')])
    expect(queryCoreDns(state, 'cluster.local', 'A')).toEqual({ rcode: 'NOERROR', answers: [] })
  })

  it('names outside cluster.local are forwarded upstream, which has no answer in the playground', () => {
    expect(queryCoreDns(state, 'example.com', 'A')).toEqual({ rcode: 'NXDOMAIN', answers: [], upstream: true })
    expect(queryCoreDns(state, 'kubia', 'A')).toEqual({ rcode: 'NXDOMAIN', answers: [], upstream: true })
    expect(queryCoreDns(state, 'cluster.local.example.com', 'A').upstream).toBe(true)
  })
})

describe('queryCoreDns: the kubia scenario and kube-dns', () => {
  const kubia = clusterOf(createSimulation(DEFAULT_SCENARIO))
  const kubiaIP = kubia.services.find((s) => s.obj.meta.name === 'kubia')!.clusterIP

  it('kubia.default.svc.cluster.local is the ClusterIP; the unnamed port gives no _port SRV name but the bare SRV query answers', () => {
    expect(queryCoreDns(kubia, 'kubia.default.svc.cluster.local', 'A').answers).toEqual([a('kubia.default.svc.cluster.local', kubiaIP)])
    expect(queryCoreDns(kubia, 'kubia.default.svc.cluster.local', 'SRV').answers).toEqual([srv('kubia.default.svc.cluster.local', '0 100 80 kubia.default.svc.cluster.local')])
    expect(queryCoreDns(kubia, '_http._tcp.kubia.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN')
  })

  it('kube-dns: three ports, two SRV records (53/UDP and 53/TCP share target and port), weight floor(100/3)', () => {
    expect(queryCoreDns(kubia, 'kube-dns.kube-system.svc.cluster.local', 'SRV').answers).toEqual([
      srv('kube-dns.kube-system.svc.cluster.local', '0 33 53 kube-dns.kube-system.svc.cluster.local'),
      srv('kube-dns.kube-system.svc.cluster.local', '0 33 9153 kube-dns.kube-system.svc.cluster.local'),
    ])
    expect(queryCoreDns(kubia, '_dns._udp.kube-dns.kube-system.svc.cluster.local', 'SRV').answers).toEqual([
      srv('_dns._udp.kube-dns.kube-system.svc.cluster.local', '0 100 53 kube-dns.kube-system.svc.cluster.local'),
    ])
  })

  it('the kubernetes Service: A 10.96.0.1 and _https._tcp SRV 443', () => {
    expect(queryCoreDns(kubia, 'kubernetes.default.svc.cluster.local', 'A').answers).toEqual([a('kubernetes.default.svc.cluster.local', '10.96.0.1')])
    expect(queryCoreDns(kubia, '_https._tcp.kubernetes.default.svc.cluster.local', 'SRV').answers).toEqual([
      srv('_https._tcp.kubernetes.default.svc.cluster.local', '0 100 443 kubernetes.default.svc.cluster.local'),
    ])
  })
})
