/**
 * `kubectl describe service` (describe.go describeService). The expected
 * texts are written out from kubectl's format, not from the engine: the
 * label column is as wide as the widest label plus 2 (tabbedString's
 * tabwriter, padding 2), `Port:` and `NodePort:` carry the port name
 * (`<unset>` when unnamed) and two spaces, Endpoints lists ready addresses
 * of the EndpointSlices, at most 3, then ` + N more...`. They match real
 * outputs, e.g. `kubectl describe svc nginx-service` on a 1.3x cluster:
 *
 *   Name:                     nginx-service
 *   ...
 *   TargetPort:               8080/TCP
 *   Endpoints:                10.244.0.8:8080,10.244.0.9:8080
 *   Session Affinity:         None
 *   Internal Traffic Policy:  Cluster
 *   Events:                   <none>
 */
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index'
import { tabwrite } from './tabwriter'

const docs = (...parts: string[]): string => parts.map((p) => p.replace(/\n+$/, '')).join('\n---\n') + '\n'

interface PodOpts { node?: string; ip: string; labels: Record<string, string>; ports?: { name?: string; containerPort: number }[]; ready?: boolean }
function pod(name: string, o: PodOpts): string {
  const ports = o.ports ?? [{ containerPort: 8080 }]
  const probe = o.ready === false ? '\n    readinessProbe:\n      exec:\n        command: ["cat", "/tmp/ready"]' : ''
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${Object.entries(o.labels).map(([k, v]) => `    ${k}: ${v}`).join('\n')}
spec:
  nodeName: ${o.node ?? 'worker-1'}
  containers:
  - name: app
    image: nginx
    ports:
${ports.map((p) => `    - ${p.name ? `name: ${p.name}\n      ` : ''}containerPort: ${p.containerPort}`).join('\n')}${probe}
status:
  phase: Running
  podIP: ${o.ip}
`
}

function build(yaml: string) {
  const sim = createSimulation(yaml)
  const errors = sim.diagnostics.filter((d) => d.severity === 'error')
  expect(errors.map((d) => d.message)).toEqual([])
  return sim
}

const lines = (...l: string[]): string => l.join('\n') + '\n'

describe('tabwrite', () => {
  it('pads each column to its widest cell plus 2, over consecutive lines that have the column', () => {
    expect(tabwrite('a:\tx\nlonger:\ty\n')).toBe('a:       x\nlonger:  y\n')
  })

  it('does not align a column across a line that lacks it; trailing text is not a column', () => {
    expect(tabwrite('Port:\t<unset>\t80/TCP\nTargetPort:\t8080/TCP\nNodePort:\thttps\t30001/TCP\n')).toBe(
      'Port:        <unset>  80/TCP\nTargetPort:  8080/TCP\nNodePort:    https  30001/TCP\n',
    )
  })

  it('pads an empty last cell (ExternalName `IP:` ends with spaces)', () => {
    expect(tabwrite('IP:\t\nSession Affinity:\tNone\n')).toBe(`IP:${' '.repeat(16)}\nSession Affinity:  None\n`)
  })
})

describe('describeService (sim.describe("service", ...))', () => {
  it('a ClusterIP Service with two ready pods prints the real kubectl layout', () => {
    const sim = build(docs(
      `apiVersion: v1
kind: Service
metadata:
  name: nginx-service
spec:
  clusterIP: 10.99.139.225
  selector:
    app: nginx
  ports:
  - port: 80
    targetPort: 8080`,
      pod('nginx-a', { ip: '10.244.1.8', labels: { app: 'nginx' } }),
      pod('nginx-b', { node: 'worker-2', ip: '10.244.2.9', labels: { app: 'nginx' } }),
    ))
    expect(sim.describe('service', 'nginx-service', 'default')).toBe(lines(
      'Name:                     nginx-service',
      'Namespace:                default',
      'Labels:                   <none>',
      'Annotations:              <none>',
      'Selector:                 app=nginx',
      'Type:                     ClusterIP',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      'IP:                       10.99.139.225',
      'IPs:                      10.99.139.225',
      'Port:                     <unset>  80/TCP',
      'TargetPort:               8080/TCP',
      'Endpoints:                10.244.1.8:8080,10.244.2.9:8080',
      'Session Affinity:         None',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
    ))
  })

  it('the namespace defaults to default', () => {
    const sim = build('')
    expect(sim.describe('service', 'kubernetes')).toBe(sim.describe('service', 'kubernetes', 'default'))
  })

  it('the built-in kubernetes Service: two labels on two lines, the API server endpoint, port name https', () => {
    const sim = build('')
    expect(sim.describe('service', 'kubernetes', 'default')).toBe(lines(
      'Name:                     kubernetes',
      'Namespace:                default',
      'Labels:                   component=apiserver',
      '                          provider=kubernetes',
      'Annotations:              <none>',
      'Selector:                 <none>',
      'Type:                     ClusterIP',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      'IP:                       10.96.0.1',
      'IPs:                      10.96.0.1',
      'Port:                     https  443/TCP',
      'TargetPort:               6443/TCP',
      'Endpoints:                192.168.49.2:6443',
      'Session Affinity:         None',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
    ))
  })

  it('NodePort, two named ports, a named targetPort, 5 endpoints (" + 2 more..."), ClientIP, externalTrafficPolicy Local', () => {
    const ports = [{ name: 'http', containerPort: 80 }, { name: 'https', containerPort: 8443 }]
    const pods = [['a', 'worker-1', '10.244.1.5'], ['b', 'worker-1', '10.244.1.6'], ['c', 'worker-2', '10.244.2.4'], ['d', 'worker-2', '10.244.2.5'], ['e', 'worker-2', '10.244.2.6']]
      .map(([n, node, ip]) => pod(`my-nginx-${n}`, { node, ip, labels: { run: 'my-nginx' }, ports }))
    const sim = build(docs(
      `apiVersion: v1
kind: Service
metadata:
  name: my-nginx
  labels:
    run: my-nginx
spec:
  type: NodePort
  clusterIP: 10.96.162.149
  externalTrafficPolicy: Local
  sessionAffinity: ClientIP
  selector:
    run: my-nginx
  ports:
  - name: http
    port: 80
    nodePort: 31704
  - name: https
    port: 443
    targetPort: https
    nodePort: 32453`,
      ...pods,
    ))
    expect(sim.describe('service', 'my-nginx')).toBe(lines(
      'Name:                     my-nginx',
      'Namespace:                default',
      'Labels:                   run=my-nginx',
      'Annotations:              <none>',
      'Selector:                 run=my-nginx',
      'Type:                     NodePort',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      'IP:                       10.96.162.149',
      'IPs:                      10.96.162.149',
      'Port:                     http  80/TCP',
      'TargetPort:               80/TCP',
      'NodePort:                 http  31704/TCP',
      'Endpoints:                10.244.1.5:80,10.244.1.6:80,10.244.2.4:80 + 2 more...',
      'Port:                     https  443/TCP',
      'TargetPort:               https/TCP',
      'NodePort:                 https  32453/TCP',
      'Endpoints:                10.244.1.5:8443,10.244.1.6:8443,10.244.2.4:8443 + 2 more...',
      'Session Affinity:         ClientIP',
      'External Traffic Policy:  Local',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
    ))
  })

  it('ExternalName: no IP family policy, `IP Families: <none>`, an empty IP, `IPs: <none>`, no traffic policies; narrower column', () => {
    const sim = build(`apiVersion: v1
kind: Service
metadata:
  name: external-service
spec:
  type: ExternalName
  externalName: api.somecompany.com
  ports:
  - port: 80
`)
    expect(sim.describe('service', 'external-service')).toBe(lines(
      'Name:              external-service',
      'Namespace:         default',
      'Labels:            <none>',
      'Annotations:       <none>',
      'Selector:          <none>',
      'Type:              ExternalName',
      'IP Families:       <none>',
      'IP:                ',
      'IPs:               <none>',
      'External Name:     api.somecompany.com',
      'Port:              <unset>  80/TCP',
      'TargetPort:        80/TCP',
      'Endpoints:         <none>',
      'Session Affinity:  None',
      'Events:            <none>',
    ))
  })

  it('LoadBalancer: annotations sorted on their own lines, `LoadBalancer Ingress: <ip> (VIP)`, the NodePort, both traffic policies', () => {
    const sim = build(docs(
      `apiVersion: v1
kind: Service
metadata:
  name: kubia-lb
  annotations:
    note: hello
    example.com/owner: team-a
spec:
  type: LoadBalancer
  clusterIP: 10.96.50.50
  selector:
    app: kubia
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30080
status:
  loadBalancer:
    ingress:
    - ip: 192.168.49.210`,
      pod('kubia-a', { ip: '10.244.1.5', labels: { app: 'kubia' } }),
    ))
    expect(sim.describe('service', 'kubia-lb')).toBe(lines(
      'Name:                     kubia-lb',
      'Namespace:                default',
      'Labels:                   <none>',
      'Annotations:              example.com/owner: team-a',
      '                          note: hello',
      'Selector:                 app=kubia',
      'Type:                     LoadBalancer',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      'IP:                       10.96.50.50',
      'IPs:                      10.96.50.50',
      'LoadBalancer Ingress:     192.168.49.210 (VIP)',
      'Port:                     <unset>  80/TCP',
      'TargetPort:               8080/TCP',
      'NodePort:                 <unset>  30080/TCP',
      'Endpoints:                10.244.1.5:8080',
      'Session Affinity:         None',
      'External Traffic Policy:  Cluster',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
    ))
  })

  it('a headless Service without selector defaults to RequireDualStack; IP None; Endpoints from the mirrored slice', () => {
    const sim = build(docs(
      `apiVersion: v1
kind: Service
metadata:
  name: external-headless
spec:
  clusterIP: None
  ports:
  - port: 80`,
      `apiVersion: v1
kind: Endpoints
metadata:
  name: external-headless
subsets:
- addresses:
  - ip: 11.11.11.11
  - ip: 22.22.22.22
  ports:
  - port: 80`,
    ))
    expect(sim.describe('service', 'external-headless')).toBe(lines(
      'Name:                     external-headless',
      'Namespace:                default',
      'Labels:                   <none>',
      'Annotations:              <none>',
      'Selector:                 <none>',
      'Type:                     ClusterIP',
      'IP Family Policy:         RequireDualStack',
      'IP Families:              IPv4',
      'IP:                       None',
      'IPs:                      None',
      'Port:                     <unset>  80/TCP',
      'TargetPort:               80/TCP',
      'Endpoints:                11.11.11.11:80,22.22.22.22:80',
      'Session Affinity:         None',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
    ))
  })

  it('only not-ready endpoints: the Endpoints line is empty (formatEndpointSlices skips them)', () => {
    const sim = build(docs(
      `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080`,
      pod('web-a', { ip: '10.244.1.5', labels: { app: 'web' }, ready: false }),
    ))
    const text = sim.describe('service', 'web')
    expect(text).toContain(`\nEndpoints:${' '.repeat(16)}\n`)
  })

  it('three ready endpoints and a not-ready fourth print " + 0 more..." (kubectl sets `more` before skipping it)', () => {
    const sim = build(docs(
      `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080`,
      pod('web-a', { ip: '10.244.1.5', labels: { app: 'web' } }),
      pod('web-b', { ip: '10.244.1.6', labels: { app: 'web' } }),
      pod('web-c', { ip: '10.244.1.7', labels: { app: 'web' } }),
      pod('web-d', { ip: '10.244.1.8', labels: { app: 'web' }, ready: false }),
    ))
    expect(sim.describe('service', 'web')).toContain('\nEndpoints:                10.244.1.5:8080,10.244.1.6:8080,10.244.1.7:8080 + 0 more...\n')
  })

  it('a Service that does not exist: the NotFound error kubectl prints', () => {
    const sim = build('')
    expect(sim.describe('service', 'nope', 'default')).toBe('Error from server (NotFound): services "nope" not found\n')
    expect(sim.describe('service', 'kubernetes', 'kube-system')).toBe('Error from server (NotFound): services "kubernetes" not found\n')
  })
})
