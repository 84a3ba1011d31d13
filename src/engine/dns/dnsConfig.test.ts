import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index'

const pod = (spec: string) => `apiVersion: v1
kind: Pod
metadata: { name: client }
spec:
${spec}
  containers: [{ name: client, image: curlimages/curl }]
`

describe('spec.dnsConfig (appendDNSConfig)', () => {
  it('appends searches and overrides ndots for a ClusterFirst pod', () => {
    const sim = createSimulation(pod('  dnsConfig: { options: [{ name: ndots, value: "1" }], searches: [example.internal] }'))
    expect(sim.resolvConf('client')).toBe('search default.svc.cluster.local svc.cluster.local cluster.local example.internal\nnameserver 10.96.0.10\noptions ndots:1\n')
    // ndots:1: a name with a dot is tried as is first.
    expect(sim.resolve('kubernetes.default', 'client').tried[0]).toBe('kubernetes.default')
  })
  it('dnsPolicy None takes everything from dnsConfig', () => {
    const sim = createSimulation(pod('  dnsPolicy: None\n  dnsConfig: { nameservers: [1.1.1.1], searches: [corp.example] }'))
    expect(sim.resolvConf('client')).toBe('search corp.example\nnameserver 1.1.1.1\n')
  })
})

describe('kubectl get endpoints lists Endpoints objects, not Services', () => {
  it('a hand-written Endpoints under another name is listed under its own name; the selector-less Service has none', () => {
    const sim = createSimulation(`apiVersion: v1
kind: Service
metadata: { name: legacy-db }
spec: { ports: [{ name: postgres, port: 5432 }] }
---
apiVersion: v1
kind: Endpoints
metadata: { name: legacy-database }
subsets: [{ addresses: [{ ip: 10.20.30.40 }], ports: [{ port: 5432 }] }]
`)
    const table = sim.kubectl('get endpoints')
    expect(table).toMatch(/^legacy-database\s+10\.20\.30\.40:5432\s/m)
    expect(table).not.toMatch(/^legacy-db\s/m)
    expect(table).toMatch(/^kubernetes\s+192\.168\.49\.2:6443\s/m)
  })
})
