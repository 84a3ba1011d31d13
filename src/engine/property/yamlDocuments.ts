/**
 * Arbitrary YAML documents: trees of scalars, sequences and mappings written
 * in block and flow style, with anchors, aliases (defined, undefined and
 * forward), merge keys, tags, comments and several documents per stream.
 * Some are shaped like Kubernetes objects (apiVersion, kind, metadata) so
 * they get past the parser into the decoder with nonsense inside.
 */
import fc from 'fast-check'

export type YamlNode =
  | { t: 'scalar'; text: string; anchor?: string; tag?: string }
  | { t: 'alias'; name: string }
  | { t: 'seq'; items: YamlNode[]; flow: boolean; anchor?: string }
  | { t: 'map'; entries: [string, YamlNode][]; flow: boolean; anchor?: string }

const ANCHORS = ['a', 'b', 'c']
const TAGS = ['!!str', '!!int', '!!float', '!!bool', '!!null', '!!binary', '!!timestamp', '!!seq', '!!map', '!local', '!<tag:example.com,2000:x>']
const KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'annotations', 'spec', 'status', 'ports', 'port', 'targetPort',
  'nodePort', 'selector', 'type', 'clusterIP', 'items', 'containers', 'replicas', 'template', 'subsets', 'addresses', 'rules', 'paths', 'backend',
  'app', 'x', '<<', '"quoted key"', '? complex', '1', 'true', '~']

/** Plain, quoted and block scalars, including the ones YAML 1.1 and 1.2 read differently. */
export const yamlScalarText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('80', '-1', '0', '65535', '65536', '70000', '2147483648', '9007199254740993', '1e400', '-0', '0x50', '0o120', '1_000', '3.5',
    '.inf', '-.inf', '.nan', 'true', 'false', 'yes', 'no', 'on', 'off', 'null', '~', '', '""', "''", '2001-12-14t21:59:43.10-05:00', 'v1', 'apps/v1',
    'Service', 'Pod', 'Deployment', 'List', 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'TCP', 'UDP', '10.96.0.1', 'None', 'kubia', 'a',
    '"\\u0000\\t\\x41"', "'it''s'", '"a\\\nb"', '|\n  literal\n  text', '>-\n  folded\n  text', '"<script>alert(1)</script>"', '"\u202ertl"'),
  fc.integer().map(String),
  fc.double().map(String),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
  fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
)

const node: fc.Memo<YamlNode> = fc.memo((depth) => {
  const anchor = fc.option(fc.constantFrom(...ANCHORS), { freq: 5 }).map((a) => a ?? undefined)
  const scalar = fc.record({ t: fc.constant('scalar' as const), text: yamlScalarText, anchor, tag: fc.option(fc.constantFrom(...TAGS), { freq: 8 }).map((t) => t ?? undefined) })
  const alias = fc.record({ t: fc.constant('alias' as const), name: fc.constantFrom(...ANCHORS, 'undefined') })
  if (depth <= 1) return fc.oneof({ arbitrary: scalar, weight: 5 }, { arbitrary: alias, weight: 1 })
  return fc.oneof(
    { arbitrary: scalar, weight: 3 },
    { arbitrary: alias, weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('seq' as const), items: fc.array(node(depth - 1), { maxLength: 4 }), flow: fc.boolean(), anchor }), weight: 2 },
    { arbitrary: fc.record({ t: fc.constant('map' as const), entries: fc.array(fc.tuple(fc.constantFrom(...KEYS), node(depth - 1)), { maxLength: 5 }), flow: fc.boolean(), anchor }), weight: 3 },
  )
})

function props(n: { anchor?: string; tag?: string }): string {
  return `${n.anchor ? `&${n.anchor} ` : ''}${n.tag ? `${n.tag} ` : ''}`
}

function isBlockScalar(text: string): boolean {
  return text.startsWith('|') || text.startsWith('>')
}

/** Writes a node inline (flow style). Block scalars are quoted here: they cannot appear in flow context. */
export function writeFlow(n: YamlNode): string {
  switch (n.t) {
    case 'scalar': return props(n) + (isBlockScalar(n.text) ? JSON.stringify(n.text) : n.text)
    case 'alias': return `*${n.name}`
    case 'seq': return `${props(n)}[${n.items.map(writeFlow).join(', ')}]`
    case 'map': return `${props(n)}{${n.entries.map(([k, v]) => `${k}: ${writeFlow(v)}`).join(', ')}}`
  }
}

/** Writes a node in block style at `indent`, as the value after `key:` or `- ` (the caller wrote those). */
export function writeBlock(n: YamlNode, indent: number): string {
  const pad = ' '.repeat(indent)
  if (n.t === 'map' && !n.flow && n.entries.length > 0) {
    const head = n.anchor ? `&${n.anchor}\n` : '\n'
    return head + n.entries.map(([k, v]) => `${pad}${k}:${writeBlock(v, indent + 2)}`).join('')
  }
  if (n.t === 'seq' && !n.flow && n.items.length > 0) {
    const head = n.anchor ? `&${n.anchor}\n` : '\n'
    return head + n.items.map((v) => `${pad}-${writeBlock(v, indent + 2)}`).join('')
  }
  if (n.t === 'scalar' && isBlockScalar(n.text)) return ` ${props(n)}${n.text.replace(/\n/g, `\n${pad}`)}\n`
  return ` ${writeFlow(n)}\n`
}

/** One document: a top-level node, optionally shaped like a Kubernetes object. */
export const yamlDocumentNode: fc.Arbitrary<YamlNode> = fc.oneof(
  node(4),
  fc.record({
    apiVersion: fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1', 'discovery.k8s.io/v1', 'extensions/v1beta1', 'metallb.io/v1beta1', 'x/y'),
    kind: fc.constantFrom('Service', 'Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'Endpoints', 'EndpointSlice', 'Ingress',
      'IngressClass', 'Namespace', 'Node', 'IPAddressPool', 'KubeProxyConfiguration', 'List', 'ConfigMap'),
    rest: fc.array(fc.tuple(fc.constantFrom('metadata', 'spec', 'status', 'items', 'subsets', 'endpoints', 'ports', 'mode'), node(3)), { maxLength: 4 }),
  }).map(({ apiVersion, kind, rest }): YamlNode => ({
    t: 'map', flow: false,
    entries: [['apiVersion', { t: 'scalar', text: apiVersion }], ['kind', { t: 'scalar', text: kind }], ...rest],
  })),
)

/** A YAML stream: one to four documents, with optional directives, comments and document end markers. */
export const yamlStream: fc.Arbitrary<string> = fc
  .array(fc.record({ doc: yamlDocumentNode, directive: fc.boolean(), comment: fc.boolean(), end: fc.boolean() }), { minLength: 1, maxLength: 4 })
  .map((docs) => docs.map(({ doc, directive, comment, end }, i) => {
    const body = doc.t === 'map' || doc.t === 'seq' ? writeBlock(doc, 0).replace(/^\n/, '') : `${writeFlow(doc)}\n`
    const start = directive ? '%YAML 1.2\n---\n' : i > 0 ? '---\n' : ''
    return `${start}${comment ? '# a comment\n' : ''}${body}${end ? '...\n' : ''}`
  }).join(''))
