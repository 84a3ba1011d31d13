/**
 * The pod's resolver: resolv.conf per dnsPolicy and glibc's search-list
 * walk, with the worked expansion table of k8s-semantics.md §4.4.
 */
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index'
import type { ClusterState } from '../cluster/state'
import type { Simulation } from '../api/types'
import { DEFAULT_SCENARIO } from '../../scenarios'
import { resolvConf, resolve } from './resolver'

function clusterOf(sim: Simulation): ClusterState {
  return (sim as unknown as { cluster: ClusterState }).cluster
}

const OTHER = `
---
apiVersion: v1
kind: Namespace
metadata:
  name: other
---
apiVersion: v1
kind: Pod
metadata:
  name: other-client
  namespace: other
spec:
  containers:
  - name: client
    image: curlimages/curl
---
apiVersion: v1
kind: Pod
metadata:
  name: host-dns
spec:
  dnsPolicy: Default
  containers:
  - name: client
    image: curlimages/curl
---
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: other
spec:
  type: ExternalName
  externalName: my.database.example.com
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: other
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - name: http
    port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: web-0
  namespace: other
  labels:
    app: web
spec:
  hostname: web-0
  subdomain: web
  containers:
  - name: web
    image: nginx
`

const state = clusterOf(createSimulation(DEFAULT_SCENARIO + OTHER))
const X = state.services.find((s) => s.obj.meta.name === 'kubia')!.clusterIP
const web0 = state.pods.find((p) => p.name === 'web-0')!.ip
const kubiaA = (name = 'kubia.default.svc.cluster.local') => [{ name, type: 'A', data: X }]

describe('resolvConf', () => {
  it('ClusterFirst (the default): the cluster DNS, the namespace search list, ndots:5, in containerd\'s order', () => {
    expect(resolvConf(state, 'client')).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
    expect(resolvConf(state, 'other/other-client')).toBe('search other.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
  })

  it('Default: the node\'s resolver (the docker network gateway, ndots:0, no search list)', () => {
    expect(resolvConf(state, 'host-dns')).toBe('nameserver 192.168.49.1\noptions ndots:0\n')
  })

  it('CoreDNS itself runs with dnsPolicy Default', () => {
    const coredns = state.pods.find((p) => p.namespace === 'kube-system')!
    expect(resolvConf(state, `kube-system/${coredns.name}`)).toBe('nameserver 192.168.49.1\noptions ndots:0\n')
  })

  it('an unknown pod reads like a ClusterFirst pod in default', () => {
    expect(resolvConf(state, 'nope')).toBe(resolvConf(state, 'client'))
  })
})

describe('resolve: the worked expansion from a pod in default (§4.4)', () => {
  it('kubia -> the first search name answers', () => {
    expect(resolve(state, 'kubia', 'client')).toEqual({ rcode: 'NOERROR', tried: ['kubia.default.svc.cluster.local'], answers: kubiaA() })
  })

  it('kubia.default -> one NXDOMAIN, then kubia.default.svc.cluster.local', () => {
    expect(resolve(state, 'kubia.default', 'client')).toEqual({
      rcode: 'NOERROR',
      tried: ['kubia.default.default.svc.cluster.local', 'kubia.default.svc.cluster.local'],
      answers: kubiaA(),
    })
  })

  it('kubia.default.svc -> two NXDOMAIN, then the third suffix', () => {
    expect(resolve(state, 'kubia.default.svc', 'client').tried).toEqual([
      'kubia.default.svc.default.svc.cluster.local', 'kubia.default.svc.svc.cluster.local', 'kubia.default.svc.cluster.local',
    ])
  })

  it('kubia.default.svc.cluster.local (4 dots < ndots 5) still tries the three suffixes first', () => {
    expect(resolve(state, 'kubia.default.svc.cluster.local', 'client')).toEqual({
      rcode: 'NOERROR',
      tried: [
        'kubia.default.svc.cluster.local.default.svc.cluster.local',
        'kubia.default.svc.cluster.local.svc.cluster.local',
        'kubia.default.svc.cluster.local.cluster.local',
        'kubia.default.svc.cluster.local',
      ],
      answers: kubiaA(),
    })
  })

  it('with a trailing dot it is queried once', () => {
    expect(resolve(state, 'kubia.default.svc.cluster.local.', 'client')).toEqual({ rcode: 'NOERROR', tried: ['kubia.default.svc.cluster.local'], answers: kubiaA() })
  })

  it('without fromPod, or from an unknown pod, it resolves as a pod in default', () => {
    expect(resolve(state, 'kubia')).toEqual(resolve(state, 'kubia', 'client'))
    expect(resolve(state, 'kubia', 'no-such-pod')).toEqual(resolve(state, 'kubia', 'client'))
  })
})

describe('resolve: from another namespace', () => {
  it('kubia from namespace other fails through every name, ending upstream', () => {
    expect(resolve(state, 'kubia', 'other/other-client')).toEqual({
      rcode: 'NXDOMAIN',
      tried: ['kubia.other.svc.cluster.local', 'kubia.svc.cluster.local', 'kubia.cluster.local', 'kubia'],
      answers: [],
    })
  })

  it('kubia.default works from any namespace', () => {
    expect(resolve(state, 'kubia.default', 'other/other-client')).toEqual({
      rcode: 'NOERROR',
      tried: ['kubia.default.other.svc.cluster.local', 'kubia.default.svc.cluster.local'],
      answers: kubiaA(),
    })
  })
})

describe('resolve: ndots, NODATA, CNAMEs, SRV', () => {
  it('a name with 5 dots is tried as is first', () => {
    expect(resolve(state, 'web-0.web.other.svc.cluster.local', 'client')).toEqual({
      rcode: 'NOERROR', tried: ['web-0.web.other.svc.cluster.local'], answers: [{ name: 'web-0.web.other.svc.cluster.local', type: 'A', data: web0 }],
    })
  })

  it('a 5-dot name that fails as is goes on with the suffixes, and reports the as-is result', () => {
    expect(resolve(state, 'nope.web.other.svc.cluster.local', 'client')).toEqual({
      rcode: 'NXDOMAIN',
      tried: [
        'nope.web.other.svc.cluster.local',
        'nope.web.other.svc.cluster.local.default.svc.cluster.local',
        'nope.web.other.svc.cluster.local.svc.cluster.local',
        'nope.web.other.svc.cluster.local.cluster.local',
      ],
      answers: [],
    })
  })

  it('NODATA does not stop the walk (glibc keeps searching); the final answer is NODATA: NOERROR, no records', () => {
    // default.svc.cluster.local is a namespace: NOERROR without records.
    expect(resolve(state, 'default', 'client')).toEqual({
      rcode: 'NOERROR',
      tried: ['default.default.svc.cluster.local', 'default.svc.cluster.local', 'default.cluster.local', 'default'],
      answers: [],
    })
  })

  it('an ExternalName answers with its CNAME, which stops the walk', () => {
    expect(resolve(state, 'db', 'other/other-client')).toEqual({
      rcode: 'NOERROR', tried: ['db.other.svc.cluster.local'], answers: [{ name: 'db.other.svc.cluster.local', type: 'CNAME', data: 'my.database.example.com' }],
    })
  })

  it('SRV names expand like any other', () => {
    expect(resolve(state, '_http._tcp.web', 'other/other-client', 'SRV')).toEqual({
      rcode: 'NOERROR',
      tried: ['_http._tcp.web.other.svc.cluster.local'],
      answers: [{ name: '_http._tcp.web.other.svc.cluster.local', type: 'SRV', data: '0 100 80 web-0.web.other.svc.cluster.local' }],
    })
  })

  it('a numeric address is not looked up', () => {
    expect(resolve(state, '10.96.0.1', 'client')).toEqual({ rcode: 'NOERROR', tried: [], answers: [{ name: '10.96.0.1', type: 'A', data: '10.96.0.1' }] })
  })
})

describe('resolve: dnsPolicy Default', () => {
  it('asks the node\'s resolver once (ndots:0, no search list), which knows no cluster names', () => {
    expect(resolve(state, 'kubia', 'host-dns')).toEqual({ rcode: 'NXDOMAIN', tried: ['kubia'], answers: [] })
    expect(resolve(state, 'kubia.default.svc.cluster.local', 'default/host-dns')).toEqual({ rcode: 'NXDOMAIN', tried: ['kubia.default.svc.cluster.local'], answers: [] })
  })
})
