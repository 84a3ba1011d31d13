/**
 * buildDnsRecords: the records of the DNS specification (k8s-semantics.md
 * §4.1) plus what CoreDNS serves on top, with kubeadm's TTL 30, and the
 * promise that queryCoreDns answers every one of them.
 */
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index'
import type { ClusterState } from '../cluster/state'
import type { Simulation } from '../api/types'
import { DEFAULT_SCENARIO } from '../../scenarios'
import { buildDnsRecords, type DnsRecord } from './records'
import { queryCoreDns } from './coredns'

function clusterOf(sim: Simulation): ClusterState {
  return (sim as unknown as { cluster: ClusterState }).cluster
}

const HEADLESS = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 8080
  - name: metrics
    port: 9000
    protocol: UDP
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: web-0
  labels:
    app: web
spec:
  hostname: web-0
  subdomain: web
  containers:
  - name: web
    image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: empty-headless
spec:
  clusterIP: None
  selector:
    app: none
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  type: ExternalName
  externalName: my.database.example.com
`

const byName = (records: DnsRecord[], name: string) => records.filter((r) => r.name === name)
const dashed = (ip: string) => ip.split('.').join('-')

describe('buildDnsRecords: the kubia scenario', () => {
  const state = clusterOf(createSimulation(DEFAULT_SCENARIO))
  const records = buildDnsRecords(state)
  const kubia = state.services.find((s) => s.obj.meta.name === 'kubia')!
  const kubiaPods = state.pods.filter((p) => p.labels.app === 'kubia')

  it('starts with the schema version TXT (TTL 28800) and the DNS Service address', () => {
    expect(records[0]).toEqual({ name: 'dns-version.cluster.local', type: 'TXT', data: '1.1.0', ttl: 28800 })
    expect(records[1]).toEqual({ name: 'ns.dns.cluster.local', type: 'A', data: '10.96.0.10', ttl: 30 })
  })

  it('every other record has kubeadm\'s TTL 30 and no trailing dot', () => {
    for (const r of records.slice(1)) expect(r.ttl).toBe(30)
    for (const r of records) {
      expect(r.name.endsWith('.')).toBe(false)
      expect(r.data.endsWith('.')).toBe(false)
    }
  })

  it('a ClusterIP service: one A record with the ClusterIP, a PTR back, and no SRV for its unnamed port', () => {
    expect(byName(records, 'kubia.default.svc.cluster.local')).toEqual([{ name: 'kubia.default.svc.cluster.local', type: 'A', data: kubia.clusterIP, ttl: 30 }])
    const ptr = `${kubia.clusterIP.split('.').reverse().join('.')}.in-addr.arpa`
    expect(byName(records, ptr)).toEqual([{ name: ptr, type: 'PTR', data: 'kubia.default.svc.cluster.local', ttl: 30 }])
    expect(records.filter((r) => r.type === 'SRV' && r.name.endsWith('.kubia.default.svc.cluster.local'))).toEqual([])
  })

  it('named ports get SRV records: kubernetes _https._tcp, kube-dns _dns._udp, _dns-tcp._tcp, _metrics._tcp', () => {
    expect(records.filter((r) => r.type === 'SRV').map((r) => `${r.name} ${r.data}`)).toEqual([
      '_https._tcp.kubernetes.default.svc.cluster.local 0 100 443 kubernetes.default.svc.cluster.local',
      '_dns._udp.kube-dns.kube-system.svc.cluster.local 0 100 53 kube-dns.kube-system.svc.cluster.local',
      '_dns-tcp._tcp.kube-dns.kube-system.svc.cluster.local 0 100 53 kube-dns.kube-system.svc.cluster.local',
      '_metrics._tcp.kube-dns.kube-system.svc.cluster.local 0 100 9153 kube-dns.kube-system.svc.cluster.local',
    ])
  })

  it('the endpoints of a ClusterIP service are named <ip-with-dashes>.kubia... and point back by PTR', () => {
    for (const pod of kubiaPods) {
      const name = `${dashed(pod.ip)}.kubia.default.svc.cluster.local`
      expect(byName(records, name)).toEqual([{ name, type: 'A', data: pod.ip, ttl: 30 }])
      const ptr = `${pod.ip.split('.').reverse().join('.')}.in-addr.arpa`
      expect(byName(records, ptr)).toEqual([{ name: ptr, type: 'PTR', data: name, ttl: 30 }])
    }
  })

  it('pods insecure: every pod with an IP has <ip-with-dashes>.<ns>.pod.cluster.local', () => {
    for (const pod of state.pods) {
      expect(byName(records, `${dashed(pod.ip)}.${pod.namespace}.pod.cluster.local`)).toEqual([
        { name: `${dashed(pod.ip)}.${pod.namespace}.pod.cluster.local`, type: 'A', data: pod.ip, ttl: 30 },
      ])
    }
  })

  it('is the same for the same cluster (deterministic order)', () => {
    expect(buildDnsRecords(clusterOf(createSimulation(DEFAULT_SCENARIO)))).toEqual(records)
  })
})

describe('buildDnsRecords: headless and ExternalName services', () => {
  const state = clusterOf(createSimulation(HEADLESS))
  const records = buildDnsRecords(state)
  const webPods = state.pods.filter((p) => p.labels.app === 'web')
  const web0 = webPods.find((p) => p.name === 'web-0')!
  const sortedIPs = webPods.map((p) => p.ip).sort((x, y) => x.localeCompare(y, 'en', { numeric: true }))

  it('one A record per ready endpoint address, however many ports it has', () => {
    expect(webPods).toHaveLength(3)
    expect(byName(records, 'web.default.svc.cluster.local').map((r) => r.data)).toEqual(sortedIPs)
  })

  it('each ready endpoint has a name: its hostname when spec.hostname + subdomain name the service, else the dashed IP', () => {
    expect(byName(records, 'web-0.web.default.svc.cluster.local')).toEqual([{ name: 'web-0.web.default.svc.cluster.local', type: 'A', data: web0.ip, ttl: 30 }])
    for (const p of webPods.filter((x) => x !== web0)) {
      expect(byName(records, `${dashed(p.ip)}.web.default.svc.cluster.local`).map((r) => r.data)).toEqual([p.ip])
    }
    expect(byName(records, `${dashed(web0.ip)}.web.default.svc.cluster.local`)).toEqual([])
  })

  it('SRV per named port and ready endpoint, with the endpoint port (targetPort) and weight floor(100/3)', () => {
    const http = byName(records, '_http._tcp.web.default.svc.cluster.local').map((r) => r.data)
    expect(http).toHaveLength(3)
    expect(http).toContain(`0 33 8080 web-0.web.default.svc.cluster.local`)
    for (const p of webPods.filter((x) => x !== web0)) expect(http).toContain(`0 33 8080 ${dashed(p.ip)}.web.default.svc.cluster.local`)
    expect(byName(records, '_metrics._udp.web.default.svc.cluster.local').map((r) => r.data.split(' ').slice(0, 3).join(' '))).toEqual(['0 33 9000', '0 33 9000', '0 33 9000'])
  })

  it('a headless service without ready endpoints has no records at all', () => {
    expect(records.filter((r) => r.name.includes('empty-headless'))).toEqual([])
  })

  it('ExternalName: one CNAME to spec.externalName, no PTR', () => {
    expect(byName(records, 'db.default.svc.cluster.local')).toEqual([{ name: 'db.default.svc.cluster.local', type: 'CNAME', data: 'my.database.example.com', ttl: 30 }])
    expect(records.filter((r) => r.type === 'PTR' && r.data.startsWith('db.'))).toEqual([])
  })
})

describe('buildDnsRecords agrees with queryCoreDns', () => {
  for (const [label, yaml] of [['kubia', DEFAULT_SCENARIO], ['headless', HEADLESS]] as const) {
    it(`${label}: every A, CNAME and SRV record in the table is in CoreDNS's answer for its name`, () => {
      const state = clusterOf(createSimulation(yaml))
      for (const r of buildDnsRecords(state)) {
        if (r.type === 'PTR' || r.type === 'TXT') continue
        const result = queryCoreDns(state, r.name, r.type === 'SRV' ? 'SRV' : 'A')
        expect(result.rcode, r.name).toBe('NOERROR')
        expect(result.answers, r.name).toContainEqual({ name: r.name, type: r.type, data: r.data })
      }
    })
  }
})
