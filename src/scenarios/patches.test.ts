/** Patches as a student makes them: text edits, merge patches, deletes and additions. */
import { describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { applyPatches, mergePatch, parseObjectRef, solve } from './patches'

const YAML = `# the web Service
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: client
    image: curlimages/curl
`

interface Obj {
  kind: string
  spec?: { type?: string; selector?: { app?: string }; ports?: unknown[] }
}
const objects = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS() as Obj)

describe('parseObjectRef', () => {
  it('reads Kind/name and Kind/namespace/name, with kubectl short names', () => {
    expect(parseObjectRef('svc/web')).toEqual({ kind: 'service', name: 'web' })
    expect(parseObjectRef('Deployment/shop/api')).toEqual({ kind: 'deployment', namespace: 'shop', name: 'api' })
    expect(parseObjectRef('web')).toBeUndefined()
    expect(parseObjectRef('a/b/c/d')).toBeUndefined()
  })
})

describe('mergePatch', () => {
  it('merges objects, deletes on null, and replaces lists', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [9] })).toEqual({ a: 1, b: { d: 3, e: 4 }, l: [9] })
  })
})

describe('applyPatches', () => {
  it('edits text that occurs once, and refuses ambiguous text unless a target narrows it', () => {
    expect(applyPatches(YAML, [{ find: 'image: curlimages/curl', replace: 'image: busybox' }]).yaml).toContain('image: busybox')
    const ambiguous = applyPatches(YAML, [{ find: 'app: web', replace: 'app: shop' }])
    expect(ambiguous.errors).toEqual(['patch 1: "app: web" occurs 2 times in the YAML (it must occur once: add a target or more context)'])
    expect(ambiguous.yaml).toBe(YAML)
    const scoped = applyPatches(YAML, [{ target: 'Service/shop/web', find: 'app: web', replace: 'app: shop' }])
    expect(scoped.errors).toEqual([])
    expect(objects(scoped.yaml).map((o) => o.spec?.selector?.app)).toEqual(['web', 'shop', undefined])
  })

  it('merge-patches one object, keeping its leading comment and the other documents as written', () => {
    const r = applyPatches(YAML, [{ target: 'svc/web', merge: { spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] } } }])
    expect(r.errors).toEqual([])
    expect(r.yaml.startsWith('# the web Service\napiVersion: v1\n')).toBe(true)
    const [web, shopWeb] = objects(r.yaml)
    expect(web.spec).toEqual({ selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }], type: 'NodePort' })
    expect(shopWeb.spec?.type).toBeUndefined()
    expect(r.yaml.split('---\n')[1]).toBe(YAML.split('---\n')[1])
  })

  it('deletes a document, first, middle or last', () => {
    for (const target of ['Service/web', 'Service/shop/web', 'Pod/client']) {
      const r = applyPatches(YAML, [{ target, delete: true }])
      expect(r.errors).toEqual([])
      expect(objects(r.yaml)).toHaveLength(2)
      expect(r.yaml.trimEnd().endsWith('---')).toBe(false)
    }
  })

  it('adds a document at the end', () => {
    const r = applyPatches(YAML, [{ add: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n' }])
    expect(objects(r.yaml).map((o) => o.kind)).toEqual(['Service', 'Service', 'Pod', 'Namespace'])
  })

  it('explains a target that names nothing', () => {
    expect(applyPatches(YAML, [{ target: 'Service/nope', delete: true }]).errors).toEqual(['patch 1: no document is Service/nope'])
    expect(applyPatches(YAML, [{ target: 'nope', merge: {} }]).errors[0]).toMatch(/not an object reference/)
  })
})

describe('solve', () => {
  it('takes a corrected YAML as it is, or applies patches', () => {
    expect(solve(YAML, 'kind: X\n')).toEqual({ yaml: 'kind: X\n', errors: [] })
    expect(parse(solve('a: 1\n', [{ find: 'a: 1', replace: 'a: 2' }]).yaml)).toEqual({ a: 2 })
  })
})
