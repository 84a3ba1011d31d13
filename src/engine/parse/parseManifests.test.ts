/**
 * YAML text -> manifests: syntax errors with the parser's line and column,
 * multi-document streams (`---`, `...`, empty documents, comments),
 * `kind: List` unpacking, documents that are not objects, and locating any
 * field of an object back in the text.
 */
import { describe, expect, it } from 'vitest'
import { parseManifests } from './parseManifests'

describe('multi-document streams', () => {
  const text = `# a comment before everything
---
apiVersion: v1
kind: Service
metadata:
  name: one
spec:
  ports:
  - port: 80
---
# only a comment: an empty document
---
apiVersion: v1
kind: Pod
metadata:
  name: two
  namespace: team
spec:
  containers:
  - name: c
    image: nginx
...
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: three
`
  const r = parseManifests(text)

  it('yields one manifest per non-empty document, with its document index', () => {
    expect(r.diagnostics).toEqual([])
    expect(r.syntaxOk).toBe(true)
    expect(r.manifests.map((m) => [m.docIndex, m.apiVersion, m.kind, m.name, m.namespace])).toEqual([
      [0, 'v1', 'Service', 'one', ''],
      [2, 'v1', 'Pod', 'two', 'team'],
      [3, 'apps/v1', 'Deployment', 'three', ''],
    ])
  })

  it('records where every document is', () => {
    expect(r.documents).toHaveLength(4)
    expect(r.documents[0].line).toBeLessThanOrEqual(3)
    expect(r.documents[2].line).toBeLessThanOrEqual(13)
    expect(r.documents[2].endLine).toBeGreaterThanOrEqual(21)
  })

  it('locates keys and values on their 1-based line and column', () => {
    const pod = r.manifests[1]
    expect(pod.locate(['metadata', 'namespace'], 'key')).toMatchObject({ line: 17, column: 3 })
    expect(pod.locate(['metadata', 'namespace'], 'value')).toMatchObject({ line: 17, column: 14 })
    expect(pod.locate(['spec', 'containers', 0, 'image'], 'value')).toMatchObject({ line: 21, column: 12 })
    const svc = r.manifests[0]
    expect(svc.locate(['spec', 'ports', 0, 'port'], 'value')).toMatchObject({ line: 9, column: 11 })
  })

  it('a missing field points at its deepest existing parent', () => {
    const svc = r.manifests[0]
    expect(svc.locate(['spec', 'selector'], 'key')).toMatchObject({ line: 7 })
  })

  it('an empty text or only comments gives nothing and no error', () => {
    for (const t of ['', '\n\n', '# nothing\n', '---\n---\n']) {
      const x = parseManifests(t)
      expect(x.manifests).toEqual([])
      expect(x.diagnostics).toEqual([])
      expect(x.syntaxOk).toBe(true)
    }
  })

  it('KYAML-style flow YAML parses to the same object as block style', () => {
    const flow = parseManifests(`---
{
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "my-nginx",
    labels: {
      run: "my-nginx",
    },
  },
  spec: {
    ports: [{
      port: 80,
      protocol: "TCP",
    }],
    selector: {
      run: "my-nginx",
    },
  },
}
`)
    const block = parseManifests(`apiVersion: v1
kind: Service
metadata:
  name: my-nginx
  labels:
    run: my-nginx
spec:
  ports:
  - port: 80
    protocol: TCP
  selector:
    run: my-nginx
`)
    expect(flow.diagnostics).toEqual([])
    expect(flow.manifests[0].body).toEqual(block.manifests[0].body)
    expect(flow.manifests[0].locate(['spec', 'ports', 0, 'port'], 'value')).toMatchObject({ line: 13, column: 13 })
  })
})

describe('syntax errors', () => {
  it('a nested mapping on one line: error at that line, syntaxOk false', () => {
    const r = parseManifests('apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: a: b\n')
    expect(r.syntaxOk).toBe(false)
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'YAML_SYNTAX', line: 5, column: 11 })
    expect(r.diagnostics[0].message.startsWith('YAML error: ')).toBe(true)
    expect(r.manifests).toEqual([])
  })

  it('a tab used for indentation', () => {
    const r = parseManifests('apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n')
    expect(r.syntaxOk).toBe(false)
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 4, column: 1 })
  })

  it('a duplicated key is an error at the second occurrence (kubectl refuses duplicate keys)', () => {
    const r = parseManifests('apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  name: y\n')
    expect(r.syntaxOk).toBe(false)
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 5, column: 3 })
  })

  it('an unclosed flow sequence', () => {
    const r = parseManifests('apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports: [80\n')
    expect(r.syntaxOk).toBe(false)
    expect(r.diagnostics[0].severity).toBe('error')
    expect(r.diagnostics[0].line).toBeGreaterThanOrEqual(6)
  })

  it('an error in the second document is reported on its own line, and the first document still parses', () => {
    const r = parseManifests('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: a: b\n')
    expect(r.syntaxOk).toBe(false)
    expect(r.diagnostics.map((d) => d.line)).toEqual([10])
    expect(r.manifests.map((m) => m.name)).toEqual(['a'])
  })
})

describe('documents that are not objects', () => {
  it('a scalar or a list document is refused', () => {
    for (const t of ['just a string\n', '- a\n- b\n']) {
      const r = parseManifests(t)
      expect(r.manifests).toEqual([])
      expect(r.diagnostics).toHaveLength(1)
      expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 1 })
    }
  })

  it('apiVersion and kind are required (kubectl: error validating data: [apiVersion not set, kind not set])', () => {
    const r = parseManifests('metadata:\n  name: fragment\n  annotations:\n    networking.gke.io/load-balancer-type: "Internal"\n')
    expect(r.manifests).toEqual([])
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0].severity).toBe('error')
    expect(r.diagnostics[0].message).toContain('[apiVersion not set, kind not set]')
    expect(r.diagnostics[0].line).toBe(1)
  })

  it('only kind missing', () => {
    const r = parseManifests('apiVersion: v1\nmetadata:\n  name: x\n')
    expect(r.diagnostics[0].message).toContain('[kind not set]')
    expect(r.diagnostics[0].message).not.toContain('apiVersion not set')
  })
})

describe('kind: List', () => {
  const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: a
  spec:
    ports:
    - port: 80
- apiVersion: v1
  kind: Pod
  metadata:
    name: b
  spec:
    containers:
    - name: c
      image: nginx
`
  const r = parseManifests(text)

  it('is unpacked into its items, all in document 0, with their item path', () => {
    expect(r.diagnostics).toEqual([])
    expect(r.manifests.map((m) => [m.kind, m.name, m.docIndex, m.itemPath])).toEqual([
      ['Service', 'a', 0, ['items', 0]],
      ['Pod', 'b', 0, ['items', 1]],
    ])
  })

  it('locates fields of an item inside the list', () => {
    expect(r.manifests[0].locate(['spec', 'ports', 0, 'port'], 'value')).toMatchObject({ line: 10, column: 13 })
    expect(r.manifests[1].locate(['metadata', 'name'], 'value')).toMatchObject({ line: 14, column: 11 })
  })

  it('an item that is not an object is refused, the others kept', () => {
    const x = parseManifests('apiVersion: v1\nkind: List\nitems:\n- 42\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: ok\n')
    expect(x.manifests.map((m) => m.name)).toEqual(['ok'])
    expect(x.diagnostics).toHaveLength(1)
    expect(x.diagnostics[0]).toMatchObject({ severity: 'error', line: 4 })
  })
})
