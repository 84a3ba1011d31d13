import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findUnknownFields, hasKnownFields, KNOWN_FIELDS, kindKey, lookupField, type FieldNode } from './knownFields'

describe('lookupField', () => {
  it('builds keys from apiVersion and kind', () => {
    expect(kindKey('v1', 'Service')).toBe('v1/Service')
    expect(kindKey('networking.k8s.io/v1', 'Ingress')).toBe('networking.k8s.io/v1/Ingress')
  })

  it('covers every simulated kind, including the removed versions the playground reads', () => {
    for (const key of [
      'v1/Namespace', 'v1/Node', 'v1/Pod', 'apps/v1/Deployment', 'apps/v1/ReplicaSet',
      'v1/ReplicationController', 'v1/Service', 'v1/Endpoints', 'discovery.k8s.io/v1/EndpointSlice',
      'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1beta1/Ingress', 'extensions/v1beta1/Ingress',
      'networking.k8s.io/v1/IngressClass', 'metallb.io/v1beta1/IPAddressPool', 'metallb.io/v1beta1/L2Advertisement',
      'metallb.io/v1beta1/BGPAdvertisement', 'kubeproxy.config.k8s.io/v1alpha1/KubeProxyConfiguration', 'v1/List',
      'apps/v1beta1/Deployment', 'apps/v1beta2/Deployment', 'apps/v1beta2/ReplicaSet',
      'extensions/v1beta1/Deployment', 'extensions/v1beta1/ReplicaSet',
      'discovery.k8s.io/v1beta1/EndpointSlice', 'networking.k8s.io/v1beta1/IngressClass',
    ]) {
      expect(hasKnownFields(key), key).toBe(true)
    }
    expect(hasKnownFields('v1/ConfigMap')).toBe(false)
    expect(hasKnownFields('toString')).toBe(false)
  })

  it('reports an unknown Service field with its siblings', () => {
    const r = lookupField('v1/Service', ['spec', 'publishNotReadyEndpoints'])
    expect(r.known).toBe(false)
    if (r.known) return
    expect(r.parentPath).toEqual(['spec'])
    expect(r.siblings).toContain('publishNotReadyAddresses')
    expect(r.siblings).toContain('selector')
    expect(r.siblings).toEqual([...r.siblings].sort())
  })

  it('reports unknown top-level fields with parentPath []', () => {
    const r = lookupField('v1/Service', ['sepc'])
    expect(r).toEqual({ known: false, parentPath: [], siblings: ['apiVersion', 'kind', 'metadata', 'spec', 'status'] })
  })

  it('accepts any key under maps', () => {
    expect(lookupField('v1/Service', ['metadata', 'labels', 'anything'])).toEqual({ known: true })
    expect(lookupField('v1/Service', ['metadata', 'annotations', 'example.com/x'])).toEqual({ known: true })
    expect(lookupField('v1/Service', ['spec', 'selector', 'app'])).toEqual({ known: true })
    expect(lookupField('v1/Pod', ['spec', 'nodeSelector', 'kubernetes.io/hostname'])).toEqual({ known: true })
  })

  it('walks arrays by index (number or numeric string) or without one', () => {
    expect(lookupField('v1/Service', ['spec', 'ports', 0, 'targetPort'])).toEqual({ known: true })
    expect(lookupField('v1/Service', ['spec', 'ports', '0', 'targetPort'])).toEqual({ known: true })
    expect(lookupField('v1/Service', ['spec', 'ports', 'targetPort'])).toEqual({ known: true })
    const r = lookupField('v1/Service', ['spec', 'ports', 1, 'targetPortt'])
    expect(r.known).toBe(false)
    if (!r.known) {
      expect(r.parentPath).toEqual(['spec', 'ports', 1])
      expect(r.siblings).toEqual(['appProtocol', 'name', 'nodePort', 'port', 'protocol', 'targetPort'])
    }
  })

  it('knows deep Pod spec fields', () => {
    expect(lookupField('v1/Pod', ['spec', 'containers', 0, 'readinessProbe', 'exec', 'command'])).toEqual({ known: true })
    expect(lookupField('v1/Pod', ['spec', 'containers', 0, 'env', 2, 'valueFrom', 'fieldRef', 'fieldPath'])).toEqual({ known: true })
    expect(lookupField('v1/Pod', ['spec', 'tolerations', 0, 'tolerationSeconds'])).toEqual({ known: true })
    for (const f of ['nodeName', 'hostname', 'subdomain', 'enableServiceLinks']) {
      expect(lookupField('v1/Pod', ['spec', f])).toEqual({ known: true })
    }
    const r = lookupField('apps/v1/Deployment', ['spec', 'template', 'spec', 'containers', 0, 'port'])
    expect(r.known).toBe(false)
    if (!r.known) expect(r.siblings).toContain('ports')
  })

  it('tells the Ingress versions apart', () => {
    const backend = ['spec', 'rules', 0, 'http', 'paths', 0, 'backend']
    expect(lookupField('networking.k8s.io/v1/Ingress', [...backend, 'service', 'port', 'number'])).toEqual({ known: true })
    const r = lookupField('networking.k8s.io/v1/Ingress', [...backend, 'serviceName'])
    expect(r.known).toBe(false)
    if (!r.known) expect(r.siblings).toEqual(['resource', 'service'])
    expect(lookupField('extensions/v1beta1/Ingress', [...backend, 'serviceName'])).toEqual({ known: true })
    expect(lookupField('networking.k8s.io/v1beta1/Ingress', ['spec', 'backend', 'servicePort'])).toEqual({ known: true })
    expect(lookupField('networking.k8s.io/v1/Ingress', ['spec', 'backend']).known).toBe(false)
    expect(lookupField('networking.k8s.io/v1/Ingress', ['spec', 'defaultBackend', 'service', 'name'])).toEqual({ known: true })
  })

  it('covers the hand-written MetalLB and kube-proxy tables', () => {
    for (const f of ['addresses', 'autoAssign', 'avoidBuggyIPs']) {
      expect(lookupField('metallb.io/v1beta1/IPAddressPool', ['spec', f])).toEqual({ known: true })
    }
    for (const f of ['priority', 'namespaces', 'namespaceSelectors', 'serviceSelectors']) {
      expect(lookupField('metallb.io/v1beta1/IPAddressPool', ['spec', 'serviceAllocation', f])).toEqual({ known: true })
    }
    expect(lookupField('metallb.io/v1beta1/L2Advertisement', ['spec', 'ipAddressPools'])).toEqual({ known: true })
    expect(lookupField('metallb.io/v1beta1/L2Advertisement', ['spec', 'addresses']).known).toBe(false)
    const kp = 'kubeproxy.config.k8s.io/v1alpha1/KubeProxyConfiguration'
    for (const p of [['mode'], ['ipvs', 'scheduler'], ['clusterCIDR'], ['iptables', 'masqueradeAll'], ['nodePortAddresses']]) {
      expect(lookupField(kp, p)).toEqual({ known: true })
    }
    expect(lookupField(kp, ['metadata']).known).toBe(false) // KubeProxyConfiguration has no ObjectMeta
  })

  it('treats free-form values, scalars and unknown kinds as known', () => {
    expect(lookupField('v1/List', ['items', 0, 'spec', 'whatever'])).toEqual({ known: true })
    expect(lookupField('metallb.io/v1beta1/IPAddressPool', ['status', 'anything'])).toEqual({ known: true })
    expect(lookupField('v1/Service', ['spec', 'type', 'nested'])).toEqual({ known: true })
    expect(lookupField('v1/ConfigMap', ['data', 'x'])).toEqual({ known: true })
  })

  it('does not mistake Object.prototype names for fields', () => {
    expect(lookupField('v1/Service', ['spec', 'constructor']).known).toBe(false)
    expect(lookupField('v1/Service', ['__proto__']).known).toBe(false)
  })

  it('is a plain data tree', () => {
    expect(JSON.parse(JSON.stringify(KNOWN_FIELDS['v1/Namespace']))).toEqual(KNOWN_FIELDS['v1/Namespace'])
  })
})

describe('findUnknownFields', () => {
  it('lists every unknown field of a manifest in document order', () => {
    const body = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'a', labels: { 'any/key': 'x' }, nmae: 'typo' },
      spec: {
        publishNotReadyEndpoints: true,
        selector: { app: 'x' },
        ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetport: 8081 }],
      },
      status: { loadBalancer: {} },
    }
    const found = findUnknownFields('v1/Service', body)
    expect(found.map((f) => f.path)).toEqual([
      ['metadata', 'nmae'],
      ['spec', 'publishNotReadyEndpoints'],
      ['spec', 'ports', 1, 'targetport'],
    ])
    expect(found[1].siblings).toContain('publishNotReadyAddresses')
    expect(found[2].siblings).toContain('targetPort')
  })

  it('skips type mismatches and unknown kinds', () => {
    expect(findUnknownFields('v1/Service', { spec: 'oops', metadata: [1] })).toEqual([])
    expect(findUnknownFields('v1/ConfigMap', { whatever: 1 })).toEqual([])
    expect(findUnknownFields('v1/Service', null)).toEqual([])
  })

  it('accepts a kubectl get -o yaml Pod with status', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'p', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: null,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'x', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        containers: [{
          name: 'c', image: 'nginx', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
          readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
          resources: {}, terminationMessagePath: '/dev/termination-log',
        }],
        nodeName: 'n1', dnsPolicy: 'ClusterFirst', restartPolicy: 'Always',
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      },
      status: {
        phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }], hostIP: '192.168.0.2',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' }],
        containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'nginx', imageID: 'x', state: { running: { startedAt: 'x' } } }],
      },
    }
    expect(findUnknownFields('v1/Pod', pod)).toEqual([])
  })
})

/* The JSON schema for monaco-yaml and the field tree come from one generator run:
 * check they describe the same fields, so a regenerated pair stays in sync. */
describe('k8s.schema.json agrees with KNOWN_FIELDS', () => {
  type Schema = {
    $ref?: string
    properties?: Record<string, Schema>
    additionalProperties?: boolean | Schema
    items?: Schema
    allOf?: Schema[]
    if?: Schema
    then?: Schema
    const?: string
    enum?: string[]
    required?: string[]
  }
  const schema = JSON.parse(readFileSync(new URL('../../schema/k8s.schema.json', import.meta.url), 'utf8')) as Schema & {
    definitions: Record<string, Schema>
  }
  const deref = (s: Schema): Schema => (s.$ref ? deref(schema.definitions[s.$ref.replace('#/definitions/', '')]) : s)

  /** The schema branch the root dispatcher picks for apiVersion + kind. */
  function branchFor(apiVersion: string, kind: string): Schema | undefined {
    for (const b of schema.allOf ?? []) {
      if (deref(b.if!).properties?.kind?.const !== kind) continue
      const then = b.then!
      if (then.$ref) return deref(then)
      for (const v of then.allOf ?? []) {
        if (deref(v.if!).properties?.apiVersion?.const === apiVersion) return deref(v.then!)
      }
    }
    return undefined
  }

  function compare(node: FieldNode, s: Schema, path: string, seen: Set<string>): void {
    s = deref(s)
    if (node.t === 'object') {
      expect(Object.keys(s.properties ?? {}).sort(), path).toEqual(Object.keys(node.f).sort())
      expect(s.additionalProperties, path).toBe(false)
      const id = `${path}|${Object.keys(node.f).join()}`
      if (seen.has(id)) return
      seen.add(id)
      for (const [k, child] of Object.entries(node.f)) compare(child, s.properties![k], `${path}.${k}`, seen)
    } else if (node.t === 'map') {
      expect(typeof s.additionalProperties, path).toBe('object')
      compare(node.v, s.additionalProperties as Schema, `${path}.*`, seen)
    } else if (node.t === 'array') {
      expect(s.items, path).toBeDefined()
      compare(node.i, s.items!, `${path}[]`, seen)
    }
  }

  it('has one branch per KNOWN_FIELDS kind with the same field tree', () => {
    for (const key of Object.keys(KNOWN_FIELDS)) {
      const slash = key.lastIndexOf('/')
      const branch = branchFor(key.slice(0, slash), key.slice(slash + 1))
      expect(branch, key).toBeDefined()
      if (key === 'v1/List') continue // items: any kind, dispatched again
      compare(KNOWN_FIELDS[key], branch!, key, new Set())
    }
  })

  it('has the enums and required fields the editor relies on', () => {
    const svc = branchFor('v1', 'Service')!
    const spec = deref(svc.properties!.spec)
    expect(spec.properties!.type.enum).toEqual(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'])
    expect(spec.properties!.sessionAffinity.enum).toEqual(['ClientIP', 'None'])
    expect(deref(svc.properties!.metadata).required).toContain('name')
    expect(svc.required).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata']))
    expect(schema.properties!.kind.enum).toEqual(expect.arrayContaining(['Service', 'Ingress', 'IPAddressPool', 'KubeProxyConfiguration', 'List']))
  })
})
