/**
 * Arbitrary text for the editor: any code points, printable graphemes, and
 * text stitched from YAML's own punctuation and Kubernetes words, which gets
 * much deeper into the parser than random characters do.
 */
import fc from 'fast-check'

/** Pieces of YAML syntax and of Kubernetes manifests. */
const YAML_TOKENS = [
  ':', ': ', '- ', ' ', '  ', '\n', '\r\n', '\t', '{', '}', '[', ']', ',', '?', '? ', '&a ', '*a', '&b ', '*b', '<<: ', '!!str ', '!!int ',
  '!!map ', '!!binary ', '!custom ', '!<tag:yaml.org,2002:str> ', '---', '---\n', '...\n', '"', "'", '|', '|-', '>', '>+', '#', ' # c', '%YAML 1.2\n',
  '%TAG ! tag:x,2000:\n', '\\', '\\u0000', '~', 'null', 'true', 'yes', '0x1F', '0o17', '1e400', '.inf', '-.nan', '2001-12-14', '@', '`', '%', '\u00a0', '\ufeff', '\u2028',
  'apiVersion: v1\n', 'kind: Service\n', 'kind: Pod\n', 'kind: Deployment\n', 'kind: List\n', 'metadata:\n', '  name: a\n', 'spec:\n', '  ports:\n',
  '  - port: 80\n', 'items:\n', 'selector:\n', '    app: x\n', 'namespace: ', 'apiVersion: apps/v1\n', 'apiVersion: networking.k8s.io/v1\n',
]

/** Text made of YAML tokens and short random strings. */
export const yamlishText: fc.Arbitrary<string> = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...YAML_TOKENS), weight: 4 }, { arbitrary: fc.string({ maxLength: 6 }), weight: 1 }), { maxLength: 80 })
  .map((parts) => parts.join(''))

/** Any string at all: every code point (control characters, lone line separators, astral planes), printable graphemes, YAML-ish text. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary-ascii', maxLength: 300 }),
  yamlishText,
)
