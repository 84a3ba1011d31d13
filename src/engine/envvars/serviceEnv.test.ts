/**
 * Service environment variables (k8s-semantics.md §5): the kubelet's
 * FromServices naming, which Services a pod sees (its namespace, the
 * kubernetes Service always, only those that existed when it started),
 * and the container's own env on top.
 */
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index'
import type { ClusterState, ServiceState } from '../cluster/state'
import type { Simulation } from '../api/types'
import type { ServiceObject } from '../model/objects'
import { DEFAULT_SCENARIO } from '../../scenarios'
import { envFor, expandEnvValue, serviceVariables } from './serviceEnv'

function clusterOf(sim: Simulation): ClusterState {
  return (sim as unknown as { cluster: ClusterState }).cluster
}

/** Only the variables the kubelet adds for Services (and the container's own), without PATH/HOSTNAME/HOME. */
function withoutStandard(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !['PATH', 'HOSTNAME', 'HOME'].includes(name)))
}

const KUBERNETES_VARS = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
}

function handMadeService(name: string, clusterIP: string, ports: ServiceState['ports']): ServiceState {
  const obj = {
    meta: { name, namespace: 'default', labels: {}, annotations: {}, docIndex: 0, seq: 0 },
    type: 'ClusterIP', selector: null, requestedClusterIP: clusterIP, ports, externalIPs: [], sessionAffinity: 'None',
    publishNotReadyAddresses: false, allocateLoadBalancerNodePorts: false, statusIngressIPs: [], builtIn: false,
  } as ServiceObject
  return { obj, clusterIP, ports, loadBalancerIPs: [] }
}

describe('serviceVariables: envvars_test.go TestFromServices', () => {
  it('abc-123 (5.6.7.8, u-d-p 8081/UDP, t-c-p 8081/TCP)', () => {
    const vars = serviceVariables(handMadeService('abc-123', '5.6.7.8', [
      { name: 'u-d-p', port: 8081, targetPort: 8081, protocol: 'UDP' },
      { name: 't-c-p', port: 8081, targetPort: 8081, protocol: 'TCP' },
    ]))
    expect(vars).toEqual([
      ['ABC_123_SERVICE_HOST', '5.6.7.8'],
      ['ABC_123_SERVICE_PORT', '8081'],
      ['ABC_123_SERVICE_PORT_U_D_P', '8081'],
      ['ABC_123_SERVICE_PORT_T_C_P', '8081'],
      ['ABC_123_PORT', 'udp://5.6.7.8:8081'],
      ['ABC_123_PORT_8081_UDP', 'udp://5.6.7.8:8081'],
      ['ABC_123_PORT_8081_UDP_PROTO', 'udp'],
      ['ABC_123_PORT_8081_UDP_PORT', '8081'],
      ['ABC_123_PORT_8081_UDP_ADDR', '5.6.7.8'],
      ['ABC_123_PORT_8081_TCP', 'tcp://5.6.7.8:8081'],
      ['ABC_123_PORT_8081_TCP_PROTO', 'tcp'],
      ['ABC_123_PORT_8081_TCP_PORT', '8081'],
      ['ABC_123_PORT_8081_TCP_ADDR', '5.6.7.8'],
    ])
  })

  it('q-u-u-x: an unnamed first port and a port named "8083" (used as is)', () => {
    const vars = Object.fromEntries(serviceVariables(handMadeService('q-u-u-x', '9.8.7.6', [
      { port: 8082, targetPort: 8082, protocol: 'TCP' },
      { name: '8083', port: 8083, targetPort: 8083, protocol: 'TCP' },
    ])))
    expect(vars.Q_U_U_X_SERVICE_PORT).toBe('8082')
    expect(vars.Q_U_U_X_SERVICE_PORT_8083).toBe('8083')
    expect(vars.Q_U_U_X_PORT).toBe('tcp://9.8.7.6:8082')
    expect(vars.Q_U_U_X_PORT_8083_TCP_ADDR).toBe('9.8.7.6')
  })
})

describe('envFor', () => {
  it('the docs example: redis-primary (ClusterIP moved into 10.96.0.0/12)', () => {
    const sim = createSimulation(`apiVersion: v1
kind: Service
metadata:
  name: redis-primary
spec:
  clusterIP: 10.96.0.11
  selector:
    app: redis
  ports:
  - port: 6379
---
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox
`)
    expect(withoutStandard(envFor(clusterOf(sim), 'app'))).toEqual({
      ...KUBERNETES_VARS,
      REDIS_PRIMARY_SERVICE_HOST: '10.96.0.11',
      REDIS_PRIMARY_SERVICE_PORT: '6379',
      REDIS_PRIMARY_PORT: 'tcp://10.96.0.11:6379',
      REDIS_PRIMARY_PORT_6379_TCP: 'tcp://10.96.0.11:6379',
      REDIS_PRIMARY_PORT_6379_TCP_PROTO: 'tcp',
      REDIS_PRIMARY_PORT_6379_TCP_PORT: '6379',
      REDIS_PRIMARY_PORT_6379_TCP_ADDR: '10.96.0.11',
    })
  })

  it('adds PATH, HOSTNAME and HOME', () => {
    const env = envFor(clusterOf(createSimulation(DEFAULT_SCENARIO)), 'client')
    expect(env.PATH).toBe('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')
    expect(env.HOSTNAME).toBe('client')
    expect(env.HOME).toBe('/root')
  })

  it('kubia (KIA ch. 5): pods created before the Service lack KUBIA_*; the client written after it has them', () => {
    const sim = createSimulation(DEFAULT_SCENARIO)
    const state = clusterOf(sim)
    const kubiaIP = state.services.find((s) => s.obj.meta.name === 'kubia')!.clusterIP
    const kubiaPod = state.pods.find((p) => p.labels.app === 'kubia')!
    expect(withoutStandard(envFor(state, kubiaPod.name))).toEqual(KUBERNETES_VARS)
    expect(envFor(state, 'client').KUBIA_SERVICE_HOST).toBe(kubiaIP)
    expect(envFor(state, 'client').KUBIA_SERVICE_PORT).toBe('80')
  })

  it('after deleting a kubia pod, its replacement starts with the KUBIA_* variables', () => {
    const sim = createSimulation(DEFAULT_SCENARIO)
    const before = clusterOf(sim)
    const victim = before.pods.find((p) => p.labels.app === 'kubia')!
    const after = clusterOf(sim.apply({ type: 'deletePod', pod: victim.name }))
    const replacement = after.pods.find((p) => p.labels.app === 'kubia' && !before.pods.some((q) => q.name === p.name))!
    expect(replacement).toBeDefined()
    const kubiaIP = after.services.find((s) => s.obj.meta.name === 'kubia')!.clusterIP
    expect(envFor(after, replacement.name)).toMatchObject({
      KUBIA_SERVICE_HOST: kubiaIP, KUBIA_SERVICE_PORT: '80', KUBIA_PORT: `tcp://${kubiaIP}:80`, KUBIA_PORT_80_TCP_ADDR: kubiaIP,
    })
    const untouched = after.pods.find((p) => p.labels.app === 'kubia' && p.name !== replacement.name)!
    expect(envFor(after, untouched.name).KUBIA_SERVICE_HOST).toBeUndefined()
  })

  const MIXED = `apiVersion: v1
kind: Namespace
metadata:
  name: other
---
apiVersion: v1
kind: Service
metadata:
  name: backend
spec:
  selector:
    app: backend
  ports:
  - name: http
    port: 80
    targetPort: 8080
  - name: grpc
    port: 9090
---
apiVersion: v1
kind: Service
metadata:
  name: headless
spec:
  clusterIP: None
  selector:
    app: backend
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
---
apiVersion: v1
kind: Service
metadata:
  name: elsewhere
  namespace: other
spec:
  selector:
    app: x
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: linked
spec:
  containers:
  - name: app
    image: busybox
    env:
    - name: BACKEND_SERVICE_PORT
      value: "8000"
    - name: GREETING
      value: hello
    - name: BACKEND_URL
      value: http://$(BACKEND_SERVICE_HOST):$(BACKEND_SERVICE_PORT_GRPC)/$(NOPE)/$$(BACKEND_SERVICE_HOST)
    - name: MY_POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
  - name: sidecar
    image: busybox
    env:
    - name: SIDECAR_ONLY
      value: "1"
---
apiVersion: v1
kind: Pod
metadata:
  name: unlinked
spec:
  enableServiceLinks: false
  hostname: custom-host
  containers:
  - name: app
    image: busybox
---
apiVersion: v1
kind: Pod
metadata:
  name: other-pod
  namespace: other
spec:
  containers:
  - name: app
    image: busybox
`
  const mixed = clusterOf(createSimulation(MIXED))

  it('the container\'s own env wins, $(VAR) expands, valueFrom shows a placeholder, other containers do not count', () => {
    const env = envFor(mixed, 'linked')
    const backendIP = mixed.services.find((s) => s.obj.meta.name === 'backend')!.clusterIP
    expect(env.BACKEND_SERVICE_PORT).toBe('8000')
    expect(env.BACKEND_SERVICE_PORT_HTTP).toBe('80')
    expect(env.BACKEND_SERVICE_PORT_GRPC).toBe('9090')
    expect(env.BACKEND_PORT).toBe(`tcp://${backendIP}:80`)
    expect(env.GREETING).toBe('hello')
    expect(env.BACKEND_URL).toBe(`http://${backendIP}:9090/$(NOPE)/$(BACKEND_SERVICE_HOST)`)
    expect(env.MY_POD_IP).toBe('<valueFrom: fieldRef>')
    expect(env.SIDECAR_ONLY).toBeUndefined()
  })

  it('headless and ExternalName Services produce nothing; other namespaces\' Services are not visible', () => {
    const names = Object.keys(envFor(mixed, 'linked'))
    expect(names.filter((n) => n.startsWith('HEADLESS_') || n.startsWith('DB_') || n.startsWith('ELSEWHERE_'))).toEqual([])
    expect(Object.keys(withoutStandard(envFor(mixed, 'other-pod', 'other'))).sort()).toEqual(
      [...Object.keys(KUBERNETES_VARS), 'ELSEWHERE_PORT', 'ELSEWHERE_PORT_80_TCP', 'ELSEWHERE_PORT_80_TCP_ADDR', 'ELSEWHERE_PORT_80_TCP_PORT',
        'ELSEWHERE_PORT_80_TCP_PROTO', 'ELSEWHERE_SERVICE_HOST', 'ELSEWHERE_SERVICE_PORT'].sort(),
    )
  })

  it('enableServiceLinks: false keeps only KUBERNETES_*; HOSTNAME is spec.hostname', () => {
    const env = envFor(mixed, 'unlinked')
    expect(withoutStandard(env)).toEqual(KUBERNETES_VARS)
    expect(env.HOSTNAME).toBe('custom-host')
  })

  it('an unknown pod (or the wrong namespace) gives {}', () => {
    expect(envFor(mixed, 'nope')).toEqual({})
    expect(envFor(mixed, 'other-pod')).toEqual({})
  })
})

describe('expandEnvValue: the kubelet\'s $(VAR) expansion', () => {
  const lookup = (name: string) => ({ A: 'x', B: 'y' } as Record<string, string>)[name]
  it.each([
    ['$(A)-$(B)', 'x-y'],
    ['$(C)', '$(C)'],
    ['$$(A)', '$(A)'],
    ['$A', '$A'],
    ['$(A', '$(A'],
    ['$(A$$', '$(A$'],
    ['cost $', 'cost $'],
  ])('%s -> %s', (input, output) => {
    expect(expandEnvValue(input, lookup)).toBe(output)
  })
})
