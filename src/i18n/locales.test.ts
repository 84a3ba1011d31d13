/**
 * The two languages stay in step: the same keys, no empty string, the same
 * {{placeholders}} in both, and no Korean string left in English except the
 * ones that are the same words in both (Kubernetes names, protocol names,
 * commands).
 */
import { describe, expect, it } from 'vitest'
import { commonEn } from './locales/common.en'
import { commonKo } from './locales/common.ko'
import { en } from './locales/en'
import { ko } from './locales/ko'

type Tree = { [key: string]: string | Tree }

/** Every leaf as [dotted key, value]. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k
    return v !== null && typeof v === 'object' ? leaves(v as Tree, key) : [[key, v] as [string, unknown]]
  })
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort()

/**
 * Keys whose Korean is the English on purpose: what Korean Kubernetes users
 * write in Latin letters too (kinds and fields, protocol and tool names,
 * file formats, commands).
 */
const SAME_IN_BOTH = new Set([
  'header.proxyMode', // kube-proxy
  'console.curl', // the command
  'console.url', // URL
  'trace.kind.dns',
  'trace.kind.loadbalancer', // LB
  'trace.kind.nodeport', // NodePort
  'trace.kind.dnat',
  'trace.kind.snat',
  'graph.png',
  'graph.svg',
  'nodes.kubeProxy', // kube-proxy {{mode}}
  'inspector.tabs.dns',
  'inspector.tabs.env', // the env command's output
  'inspector.tabs.describe', // kubectl describe
  'inspector.dns.ttl',
  'inspector.details.ip',
  'inspector.details.clusterIP',
])

/** Korean in Latin letters but not the English: a kind's English plural, which Korean does not make (NodePorts → NodePort). */
const LATIN_IN_KOREAN = new Set(['nodes.nodePorts'])

const enLeaves = leaves(en as unknown as Tree)
const koLeaves = leaves(ko as unknown as Tree)

describe('UI strings', () => {
  it('English and Korean have exactly the same keys', () => {
    expect(koLeaves.map(([k]) => k).sort()).toEqual(enLeaves.map(([k]) => k).sort())
  })

  it('every value is a non-empty string', () => {
    for (const [key, value] of [...enLeaves, ...koLeaves]) {
      expect(typeof value, key).toBe('string')
      expect((value as string).trim(), key).not.toBe('')
    }
  })

  it('each Korean string has the same placeholders as its English one', () => {
    const koByKey = new Map(koLeaves)
    for (const [key, value] of enLeaves) {
      expect(placeholders(koByKey.get(key) as string), key).toEqual(placeholders(value as string))
    }
  })

  it('plurals come in pairs (_one with _other)', () => {
    for (const [key] of enLeaves) {
      if (key.endsWith('_one')) expect(enLeaves.some(([k]) => k === key.replace(/_one$/, '_other')), key).toBe(true)
    }
  })

  it('no Korean string of the app chrome is left in English, except the allowed ones', () => {
    const koByKey = new Map(leaves(commonKo as unknown as Tree))
    const same = leaves(commonEn as unknown as Tree).filter(([key, value]) => koByKey.get(key) === value).map(([key]) => key)
    expect(same.filter((key) => !SAME_IN_BOTH.has(key))).toEqual([])
    // The allow-list holds no stale entry.
    expect([...SAME_IN_BOTH].filter((key) => !same.includes(key))).toEqual([])
  })

  it('every Korean string of the app chrome has Hangul in it, unless it is allowed to be the same as English', () => {
    const missing = leaves(commonKo as unknown as Tree)
      .filter(([key, value]) => !SAME_IN_BOTH.has(key) && !LATIN_IN_KOREAN.has(key) && !/[\uac00-\ud7a3]/.test(value as string))
      .map(([key, value]) => `${key}: ${value}`)
    expect(missing).toEqual([])
  })
})
