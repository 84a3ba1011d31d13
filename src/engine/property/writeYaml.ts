/**
 * Plain data -> block-style YAML, the way people write manifests. Much
 * faster than the `yaml` library's stringify (generating 10,000 clusters
 * with it cost more than simulating them). Keys and strings are plain when
 * YAML reads them back as the same string, otherwise double-quoted with
 * JSON's escapes (valid YAML); numbers YAML's way (.nan, .inf).
 */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9._/-]*$/
const YAML_WORDS = /^(true|false|null|True|False|Null|TRUE|FALSE|NULL|y|Y|n|N|yes|no|on|off)$/

/** A key or string value: plain when YAML would read it back as the same string. */
function key(k: string): string {
  return PLAIN_KEY.test(k) && !YAML_WORDS.test(k) ? k : JSON.stringify(k)
}

function scalar(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? '.nan' : v === Infinity ? '.inf' : v === -Infinity ? '-.inf' : String(v)
  if (typeof v === 'string') return key(v)
  if (v === null || v === undefined) return 'null'
  return String(v)
}

function isCollection(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).some((k) => (v as Record<string, unknown>)[k] !== undefined))
}

function inline(v: unknown): string {
  if (Array.isArray(v)) return '[]'
  if (typeof v === 'object' && v !== null) return '{}'
  return scalar(v)
}

/** The lines of `v` at `indent` (a collection: one entry per line; nested collections below). */
function lines(v: Record<string, unknown> | unknown[], indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (!isCollection(item)) out.push(`${indent}- ${inline(item)}`)
      else {
        // The item's first line goes after the dash, the rest aligned under it.
        const inner: string[] = []
        lines(item, '', inner)
        out.push(`${indent}- ${inner[0]}`, ...inner.slice(1).map((l) => `${indent}  ${l}`))
      }
    }
    return
  }
  for (const [k, value] of Object.entries(v)) {
    if (value === undefined) continue
    if (!isCollection(value)) out.push(`${indent}${key(k)}: ${inline(value)}`)
    else {
      out.push(`${indent}${key(k)}:`)
      lines(value, Array.isArray(value) ? indent : `${indent}  `, out)
    }
  }
}

/** One document (no `---`), ending with a newline. */
export function writeYaml(value: unknown): string {
  if (!isCollection(value)) return `${inline(value)}\n`
  const out: string[] = []
  lines(value, '', out)
  return `${out.join('\n')}\n`
}
