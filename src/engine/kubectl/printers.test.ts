/**
 * `kubectl get` tables, column for column as kubectl's printers render them
 * (k8s-semantics.md §2.6, §6.6, §7.3; K8s pkg/printers/internalversion/printers.go:
 * printService/getServiceExternalIP/loadBalancerStatusStringer/makePortString,
 * formatEndpoints, printIngress/formatHosts/formatPorts, printEndpointSlice).
 */
import { describe, expect, it } from 'vitest'
import {
  docs, namespaceYaml, parseTable, podYaml, rcYaml, row, serviceYaml, sim, toYaml, userPods,
} from '../testing/builders'

function svcTable(yaml: string, wide = false, opts = {}) {
  return parseTable(sim(yaml).kubectl(wide ? 'get svc -o wide' : 'get svc', opts))
}

describe('kubectl get svc', () => {
  it('prints the header NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, columns separated by at least three spaces', () => {
    const text = sim('').kubectl('get svc')
    const [header, kube] = text.split('\n')
    expect(header.split(/\s{3,}/)).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'])
    expect(kube.startsWith('kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   ')).toBe(true)
  })

  it('lists only the current namespace (default), sorted by name', () => {
    const t = svcTable(docs(serviceYaml('zeta'), serviceYaml('alpha')))
    expect(t.rows.map((r) => r.NAME)).toEqual(['alpha', 'kubernetes', 'zeta'])
  })

  it('a NodePort Service: <none> external IP, PORT(S) port:nodePort/TCP (KIA kubia-nodeport)', () => {
    const t = svcTable(serviceYaml('kubia-nodeport', { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30123 }] }))
    const r = row(t, 'kubia-nodeport')
    expect(r).toMatchObject({ TYPE: 'NodePort', 'EXTERNAL-IP': '<none>', 'PORT(S)': '80:30123/TCP' })
    expect(r['CLUSTER-IP']).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/)
  })

  it('several ports are joined with commas, UDP shown as UDP', () => {
    const t = svcTable(serviceYaml('multi', { ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }, { name: 'dns', port: 53, protocol: 'UDP' }] }))
    expect(row(t, 'multi')['PORT(S)']).toBe('80/TCP,443/TCP,53/UDP')
  })

  it('kube-dns in kube-system: 10.96.0.10 and 53/UDP,53/TCP,9153/TCP', () => {
    const t = svcTable('', false, { namespace: 'kube-system' })
    expect(row(t, 'kube-dns')).toMatchObject({ TYPE: 'ClusterIP', 'CLUSTER-IP': '10.96.0.10', 'EXTERNAL-IP': '<none>', 'PORT(S)': '53/UDP,53/TCP,9153/TCP' })
  })

  it('externalIPs are shown for ClusterIP Services', () => {
    const t = svcTable(serviceYaml('my-service', { ports: [{ name: 'http', port: 80, targetPort: 49152 }], extra: { externalIPs: ['198.51.100.32'] } }))
    expect(row(t, 'my-service')['EXTERNAL-IP']).toBe('198.51.100.32')
  })

  it('a headless Service shows CLUSTER-IP None', () => {
    const t = svcTable(serviceYaml('kubia-headless', { clusterIP: 'None', ports: [{ port: 80, targetPort: 8080 }] }))
    expect(row(t, 'kubia-headless')).toMatchObject({ TYPE: 'ClusterIP', 'CLUSTER-IP': 'None', 'EXTERNAL-IP': '<none>', 'PORT(S)': '80/TCP' })
  })

  it('an ExternalName Service shows CLUSTER-IP <none> and the name as EXTERNAL-IP', () => {
    const t = svcTable(serviceYaml('external-service', { type: 'ExternalName', selector: null, ports: [{ port: 80 }], extra: { externalName: 'api.somecompany.com' } }))
    expect(row(t, 'external-service')).toMatchObject({ TYPE: 'ExternalName', 'CLUSTER-IP': '<none>', 'EXTERNAL-IP': 'api.somecompany.com', 'PORT(S)': '80/TCP' })
  })

  it('a headless Service without ports prints <none> for PORT(S)', () => {
    const t = svcTable(serviceYaml('bare', { clusterIP: 'None', ports: [] }))
    expect(row(t, 'bare')['PORT(S)']).toBe('<none>')
  })

  it('a LoadBalancer with an address shows it; nodePort in PORT(S)', () => {
    const s = sim(serviceYaml('kubia-loadbalancer', { type: 'LoadBalancer', ports: [{ port: 80, targetPort: 8080 }] }))
    const svc = s.services.find((x) => x.name === 'kubia-loadbalancer')!
    const r = row(parseTable(s.kubectl('get svc')), 'kubia-loadbalancer')
    expect(r['EXTERNAL-IP']).toBe(svc.loadBalancerIngress[0])
    expect(r['PORT(S)']).toBe(`80:${svc.ports[0].nodePort}/TCP`)
  })

  it('a LoadBalancer no controller serves stays <pending> (loadBalancerClass of another controller)', () => {
    const t = svcTable(serviceYaml('lb', { type: 'LoadBalancer', extra: { loadBalancerClass: 'example.com/other' } }))
    expect(row(t, 'lb')['EXTERNAL-IP']).toBe('<pending>')
  })

  it('a pasted ingress hostname (AWS style) is shown, clipped to 16 characters without -o wide', () => {
    const yaml = serviceYaml('elb', { type: 'LoadBalancer', status: { loadBalancer: { ingress: [{ hostname: 'a1b2c3.elb.amazonaws.com' }] } } })
    expect(row(svcTable(yaml), 'elb')['EXTERNAL-IP']).toBe('a1b2c3.elb.am...')
    expect(row(svcTable(yaml, true), 'elb')['EXTERNAL-IP']).toBe('a1b2c3.elb.amazonaws.com')
  })

  it('several ingress IPs are sorted and clipped to 16 characters; -o wide shows all', () => {
    const yaml = serviceYaml('lb2', { type: 'LoadBalancer', status: { loadBalancer: { ingress: [{ ip: '203.0.113.20' }, { ip: '203.0.113.10' }] } } })
    expect(row(svcTable(yaml), 'lb2')['EXTERNAL-IP']).toBe('203.0.113.10,...')
    expect(row(svcTable(yaml, true), 'lb2')['EXTERNAL-IP']).toBe('203.0.113.10,203.0.113.20')
  })

  it('externalIPs of a LoadBalancer are appended after the (clipped) ingress part, never clipped themselves', () => {
    const yaml = serviceYaml('lb3', { type: 'LoadBalancer', extra: { externalIPs: ['198.51.100.32'] }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } } })
    expect(row(svcTable(yaml), 'lb3')['EXTERNAL-IP']).toBe('203.0.113.10,198.51.100.32')
  })

  it('-o wide adds SELECTOR (k=v sorted, joined by commas; <none> without selector)', () => {
    const t = svcTable(docs(
      serviceYaml('hello', { selector: { tier: 'backend', 'app.kubernetes.io/name': 'hello' } }),
      serviceYaml('manual', { selector: null }),
    ), true)
    expect(t.columns).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'])
    expect(row(t, 'hello').SELECTOR).toBe('app.kubernetes.io/name=hello,tier=backend')
    expect(row(t, 'manual').SELECTOR).toBe('<none>')
    expect(row(t, 'kubernetes').SELECTOR).toBe('<none>')
  })

  it('-A adds the NAMESPACE column', () => {
    const t = svcTable(docs(namespaceYaml('team'), serviceYaml('api', { namespace: 'team' })), false, { allNamespaces: true, includeSystem: true })
    expect(t.columns[0]).toBe('NAMESPACE')
    expect(t.rows.map((r) => `${r.NAMESPACE}/${r.NAME}`)).toEqual(['default/kubernetes', 'kube-system/kube-dns', 'team/api'])
  })

  it('a namespace without Services prints kubectl\'s message', () => {
    expect(sim(namespaceYaml('empty')).kubectl('get svc', { namespace: 'empty' })).toBe('No resources found in empty namespace.')
  })
})

describe('kubectl get endpoints', () => {
  it('lists ready ip:port pairs; the kubernetes row is the API server', () => {
    const s = sim(docs(rcYaml('kubia', 2, { ports: [{ containerPort: 8080 }] }), serviceYaml('kubia')))
    const t = parseTable(s.kubectl('get endpoints'))
    expect(t.columns).toEqual(['NAME', 'ENDPOINTS', 'AGE'])
    expect(row(t, 'kubernetes').ENDPOINTS).toBe('192.168.49.2:6443')
    const expected = userPods(s).map((p) => p.ip).sort().map((ip) => `${ip}:8080`).join(',')
    expect(row(t, 'kubia').ENDPOINTS).toBe(expected)
  })

  it('addresses are in string order, as the Endpoints object stores them (10.244.1.10 before 10.244.1.9)', () => {
    const s = sim(docs(
      podYaml('nine', { labels: { app: 'x' }, nodeName: 'worker-1', status: { phase: 'Running', podIP: '10.244.1.9' } }),
      podYaml('ten', { labels: { app: 'x' }, nodeName: 'worker-1', status: { phase: 'Running', podIP: '10.244.1.10' } }),
      serviceYaml('x', { ports: [{ port: 80 }] }),
    ))
    expect(row(parseTable(s.kubectl('get endpoints')), 'x').ENDPOINTS).toBe('10.244.1.10:80,10.244.1.9:80')
  })

  it('at most three, then " + N more..."', () => {
    const s = sim(docs(rcYaml('kubia', 5, { ports: [{ containerPort: 8080 }] }), serviceYaml('kubia')))
    const first3 = userPods(s).map((p) => p.ip).sort().slice(0, 3).map((ip) => `${ip}:8080`).join(',')
    expect(row(parseTable(s.kubectl('get endpoints')), 'kubia').ENDPOINTS).toBe(`${first3} + 2 more...`)
  })

  it('<none> when the Service selects nothing', () => {
    expect(row(parseTable(sim(serviceYaml('lonely')).kubectl('get endpoints')), 'lonely').ENDPOINTS).toBe('<none>')
  })

  it('not-ready addresses are not listed (KIA readiness probe: an empty cell)', () => {
    const s = sim(docs(
      rcYaml('kubia', 2, { ports: [{ containerPort: 8080 }], readinessProbe: { exec: { command: ['ls', '/var/ready'] } } }),
      serviceYaml('kubia'),
    ))
    expect(row(parseTable(s.kubectl('get endpoints')), 'kubia').ENDPOINTS).toBe('')
  })

  it('the KIA manual Endpoints: 11.11.11.11:80,22.22.22.22:80', () => {
    const s = sim(docs(
      serviceYaml('external-service', { selector: null, ports: [{ port: 80 }] }),
      'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: external-service\nsubsets:\n  - addresses:\n    - ip: 11.11.11.11\n    - ip: 22.22.22.22\n    ports:\n    - port: 80\n',
    ))
    expect(row(parseTable(s.kubectl('get endpoints')), 'external-service').ENDPOINTS).toBe('11.11.11.11:80,22.22.22.22:80')
  })

  it('ExternalName Services have no Endpoints row', () => {
    const s = sim(serviceYaml('ext', { type: 'ExternalName', selector: null, extra: { externalName: 'api.example.com' } }))
    expect(parseTable(s.kubectl('get endpoints')).rows.map((r) => r.NAME)).toEqual(['kubernetes'])
  })

  it('a headless Service without ports lists bare IPs', () => {
    const s = sim(docs(rcYaml('kubia', 1), serviceYaml('hl', { clusterIP: 'None', ports: [], selector: { app: 'kubia' } })))
    expect(row(parseTable(s.kubectl('get endpoints')), 'hl').ENDPOINTS).toBe(userPods(s)[0].ip)
  })
})

describe('kubectl get pods -o wide', () => {
  it('columns, sorting by name, READY n/m, RESTARTS 0, IP and NODE', () => {
    const s = sim(docs(
      podYaml('b-pod', { nodeName: 'worker-2' }),
      podYaml('a-pod', { containers: [{ name: 'one', image: 'nginx' }, { name: 'two', image: 'busybox' }], nodeName: 'worker-1' }),
    ))
    const t = parseTable(s.kubectl('get pods -o wide'))
    expect(t.columns).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'])
    expect(t.rows.map((r) => r.NAME)).toEqual(['a-pod', 'b-pod'])
    const a = userPods(s).find((p) => p.name === 'a-pod')!
    expect(row(t, 'a-pod')).toMatchObject({ READY: '2/2', STATUS: 'Running', RESTARTS: '0', IP: a.ip, NODE: 'worker-1', 'NOMINATED NODE': '<none>', 'READINESS GATES': '<none>' })
    expect(row(t, 'b-pod')).toMatchObject({ READY: '1/1', NODE: 'worker-2' })
  })

  it('a pasted Succeeded pod (phase only, no containerStatuses) shows STATUS Succeeded and 0/1', () => {
    // printPod: reason = phase unless status.reason or a container's terminated reason ("Completed") is set.
    const s = sim(podYaml('job-pod', { nodeName: 'worker-1', status: { phase: 'Succeeded', podIP: '10.244.1.30' } }))
    expect(row(parseTable(s.kubectl('get pods -o wide')), 'job-pod')).toMatchObject({ READY: '0/1', STATUS: 'Succeeded' })
  })

  it('kube-system pods are hidden without -n kube-system', () => {
    expect(sim('').kubectl('get pods -o wide')).toBe('No resources found in default namespace.')
    const t = parseTable(sim('').kubectl('get pods -o wide', { namespace: 'kube-system' }))
    expect(t.rows.filter((r) => r.NAME.startsWith('coredns-'))).toHaveLength(2)
  })
})

describe('kubectl get ingress', () => {
  const ingress = (name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) =>
    toYaml({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, ...metadata }, spec })
  const backend = (svc: string, port = 80) => ({ service: { name: svc, port: { number: port } } })
  const rule = (host: string | undefined, svc: string) => ({ ...(host ? { host } : {}), http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend(svc) }] } })

  it('columns NAME CLASS HOSTS ADDRESS PORTS AGE; no host -> *; the ingress addon fills CLASS (its default class) and ADDRESS', () => {
    const s = sim(ingress('test-ingress', { defaultBackend: backend('test') }))
    const t = parseTable(s.kubectl('get ingress'))
    expect(t.columns).toEqual(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'])
    const lb = s.services.find((x) => x.name === 'ingress-nginx-controller')!.externalIPs[0]
    expect(lb).toBe('192.168.49.200')
    expect(row(t, 'test-ingress')).toMatchObject({ CLASS: 'nginx', HOSTS: '*', ADDRESS: lb, PORTS: '80' })
  })

  it('an Ingress of a class no controller serves keeps CLASS and an empty ADDRESS', () => {
    const t = parseTable(sim(ingress('other', { ingressClassName: 'traefik', defaultBackend: backend('test') })).kubectl('get ingress'))
    expect(row(t, 'other')).toMatchObject({ CLASS: 'traefik', HOSTS: '*', ADDRESS: '', PORTS: '80' })
  })

  it('ingressClassName and hosts (KIA kubia.example.com; minimal-ingress)', () => {
    const t = parseTable(sim(docs(
      ingress('minimal-ingress', { ingressClassName: 'nginx-example', rules: [rule(undefined, 'test')] }),
      ingress('kubia', { rules: [rule('kubia.example.com', 'kubia-nodeport')] }),
    )).kubectl('get ingress'))
    expect(row(t, 'minimal-ingress')).toMatchObject({ CLASS: 'nginx-example', HOSTS: '*', PORTS: '80' })
    // The minikube ingress addon's class "nginx" is the default: admission writes it into the Ingress.
    expect(row(t, 'kubia')).toMatchObject({ CLASS: 'nginx', HOSTS: 'kubia.example.com' })
  })

  it('hosts are joined by commas; host-less rules are skipped', () => {
    const t = parseTable(sim(ingress('vhosts', { rules: [rule('first.bar.com', 'service1'), rule('second.bar.com', 'service2'), rule(undefined, 'service3')] })).kubectl('get ingress'))
    expect(row(t, 'vhosts').HOSTS).toBe('first.bar.com,second.bar.com')
  })

  it('more than three hosts: the first three, then " + N more..."', () => {
    const t = parseTable(sim(ingress('many', { rules: ['a.com', 'b.com', 'c.com', 'd.com'].map((h) => rule(h, 's')) })).kubectl('get ingress'))
    expect(row(t, 'many').HOSTS).toBe('a.com,b.com,c.com + 1 more...')
  })

  it('TLS makes PORTS "80, 443"', () => {
    const t = parseTable(sim(ingress('tls-example-ingress', {
      tls: [{ hosts: ['https-example.foo.com'], secretName: 'testsecret-tls' }],
      rules: [rule('https-example.foo.com', 'service1')],
    })).kubectl('get ingress'))
    expect(row(t, 'tls-example-ingress')).toMatchObject({ HOSTS: 'https-example.foo.com', PORTS: '80, 443' })
  })

  it('ADDRESS shows a pasted status.loadBalancer.ingress', () => {
    const yaml = toYaml({
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' },
      spec: { rules: [rule('web.example', 'web')] },
      status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
    })
    expect(row(parseTable(sim(yaml).kubectl('get ingress')), 'web').ADDRESS).toBe('192.168.49.2')
  })

  it('CLASS comes from spec.ingressClassName only: the legacy kubernetes.io/ingress.class annotation is not shown', () => {
    const t = parseTable(sim(ingress('legacy', { rules: [rule('x.example', 'x')] }, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } })).kubectl('get ingress'))
    expect(row(t, 'legacy').CLASS).toBe('<none>')
  })

  it('a default IngressClass is written into new Ingresses without a class (DefaultIngressClass admission)', () => {
    const cls = toYaml({
      apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
      metadata: { name: 'example-class', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: 'k8s.io/ingress-nginx' },
    })
    const t = parseTable(sim(docs(cls, ingress('plain', { rules: [rule('x.example', 'x')] }))).kubectl('get ingress'))
    expect(row(t, 'plain').CLASS).toBe('example-class')
  })
})

describe('kubectl get endpointslices', () => {
  it('columns NAME ADDRESSTYPE PORTS ENDPOINTS AGE; the pod addresses and the target port', () => {
    const s = sim(docs(rcYaml('kubia', 2, { ports: [{ containerPort: 8080 }] }), serviceYaml('kubia')))
    const t = parseTable(s.kubectl('get endpointslices'))
    expect(t.columns).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'])
    const slice = s.endpointSlices('kubia')[0]
    const r = row(t, slice.name)
    expect(r).toMatchObject({ ADDRESSTYPE: 'IPv4', PORTS: '8080' })
    expect(r.ENDPOINTS.split(',').sort()).toEqual(userPods(s).map((p) => p.ip).sort())
    expect(row(t, 'kubernetes')).toMatchObject({ ADDRESSTYPE: 'IPv4', PORTS: '6443', ENDPOINTS: '192.168.49.2' })
  })

  it('more than three endpoints: " + N more..."', () => {
    const s = sim(docs(rcYaml('kubia', 5), serviceYaml('kubia')))
    const r = row(parseTable(s.kubectl('get endpointslices')), s.endpointSlices('kubia')[0].name)
    expect(r.ENDPOINTS).toMatch(/^\d+\.\d+\.\d+\.\d+,\d+\.\d+\.\d+\.\d+,\d+\.\d+\.\d+\.\d+ \+ 2 more\.\.\.$/)
  })

  it('a Service selecting nothing has a placeholder slice: <unset> ports and endpoints', () => {
    const s = sim(serviceYaml('lonely'))
    const r = row(parseTable(s.kubectl('get endpointslices')), s.endpointSlices('lonely')[0].name)
    expect(r).toMatchObject({ ADDRESSTYPE: 'IPv4', PORTS: '<unset>', ENDPOINTS: '<unset>' })
  })
})
