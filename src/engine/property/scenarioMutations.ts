/**
 * Every built-in scenario (lessons and challenges), as a student might break
 * it: lines deleted, duplicated, swapped or re-indented, a value replaced by
 * a hostile one, a token typed in the middle, the text cut short, a
 * document repeated. One to four edits per case.
 */
import fc from 'fast-check'
import type { ProxyMode } from '../api/types'
import { CHALLENGES, SCENARIOS, type Scenario } from '../../scenarios'

export const ALL_SCENARIOS: Scenario[] = [...SCENARIOS, ...CHALLENGES]

export type TextMutation =
  | { op: 'deleteLine' | 'duplicateLine'; line: number }
  | { op: 'swapLines'; line: number; other: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'replaceValue'; line: number; value: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'deleteRange'; at: number; length: number }
  | { op: 'duplicateDocument'; doc: number }

const HOSTILE_VALUES = ['-1', '0', '70000', '65536', '2147483648', '1e12', '""', "''", 'null', '~', '[]', '{}', 'true', 'None', 'x'.repeat(80), '&a x', '*a', '*nope',
  '!!binary x', '"10.96.0.1"', '10.96.0.0', '255.255.255.255', 'NodePort', 'LoadBalancer', 'ExternalName', 'UDP', 'Exact', '"80"', 'http', '|', '>', '[1, 2', '{a: ', 'a: b: c']
const TOKENS = ['\n', '---\n', ': ', '- ', '  ', '\t', '#', '&a ', '*a', '{', '}', '[', ']', '"', "'", '|\n', '...\n', 'kind: List\n', 'items:\n', 'metadata:\n', 'namespace: x\n', '\u0000', '\ufeff']

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('deleteLine' as const, 'duplicateLine' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swapLines' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  { arbitrary: fc.record({ op: fc.constant('replaceValue' as const), line: fc.nat(), value: fc.oneof(fc.constantFrom(...HOSTILE_VALUES), fc.string({ maxLength: 8 })) }), weight: 3 },
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('deleteRange' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('duplicateDocument' as const), doc: fc.nat() }),
)

/** Applies one edit; positions wrap around the text, so every generated edit applies. */
export function mutate(text: string, m: TextMutation): string {
  const lines = text.split('\n')
  const at = (n: number): number => n % Math.max(1, lines.length)
  switch (m.op) {
    case 'deleteLine': return lines.filter((_, i) => i !== at(m.line)).join('\n')
    case 'duplicateLine': return lines.flatMap((l, i) => (i === at(m.line) ? [l, l] : [l])).join('\n')
    case 'swapLines': {
      const [a, b] = [at(m.line), at(m.other)]
      const copy = [...lines]
      ;[copy[a], copy[b]] = [copy[b], copy[a]]
      return copy.join('\n')
    }
    case 'indent': return lines.map((l, i) => (i !== at(m.line) ? l : m.by >= 0 ? ' '.repeat(m.by) + l : l.replace(new RegExp(`^ {0,${-m.by}}`), ''))).join('\n')
    case 'replaceValue': return lines.map((l, i) => (i === at(m.line) && l.includes(': ') ? `${l.slice(0, l.indexOf(': ') + 2)}${m.value}` : l)).join('\n')
    case 'insert': {
      const p = m.at % (text.length + 1)
      return text.slice(0, p) + m.text + text.slice(p)
    }
    case 'truncate': return text.slice(0, m.at % (text.length + 1))
    case 'deleteRange': {
      const p = m.at % (text.length + 1)
      return text.slice(0, p) + text.slice(p + m.length)
    }
    case 'duplicateDocument': {
      const docs = text.split(/^---$/m)
      const d = docs[m.doc % docs.length]
      return `${text.replace(/\n*$/, '\n')}---${d.startsWith('\n') ? '' : '\n'}${d}`
    }
  }
}

export interface MutatedScenario {
  id: string
  text: string
  proxyMode?: ProxyMode
  mutations: TextMutation[]
}

/** A built-in scenario with one to four edits, loaded in its own kube-proxy mode or another. */
export const mutatedScenario: fc.Arbitrary<MutatedScenario> = fc.record({
  scenario: fc.constantFrom(...ALL_SCENARIOS),
  mutations: fc.array(textMutation, { minLength: 1, maxLength: 4 }),
  proxyMode: fc.option(fc.constantFrom<ProxyMode>('iptables', 'nftables', 'ipvs', 'userspace'), { freq: 3, nil: undefined }),
}).map(({ scenario, mutations, proxyMode }) => ({
  id: scenario.id,
  text: mutations.reduce(mutate, scenario.yaml),
  proxyMode: proxyMode ?? scenario.proxyMode,
  mutations,
}))
