import { compressToEncodedURIComponent } from 'lz-string'
import { describe, expect, it } from 'vitest'
import { decodeShare, encodeShare, MAX_DECODED_BYTES, type SharedScenario } from './shareLink'

const scenario: SharedScenario = {
  yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client # 한국어 주석\n',
  actions: [{ type: 'deletePod', pod: 'kubia-abc' }, { type: 'addNode' }],
  seed: 42,
  proxyMode: 'ipvs',
  request: { from: 'pod/client', url: 'http://kubia', count: 20, host: 'kubia.example.com' },
  scenarioId: 'clusterip-basics',
  lessonStep: 2,
  lang: 'ko',
}

describe('encodeShare / decodeShare', () => {
  it('round-trips every field, Unicode included', () => {
    const hash = encodeShare(scenario)
    expect(hash.startsWith('#v1/')).toBe(true)
    expect(decodeShare(hash)).toEqual({ ok: true, scenario })
  })

  it('keeps only what is set', () => {
    const r = decodeShare(encodeShare({ yaml: 'a: 1', actions: [], seed: 1 }))
    expect(r).toEqual({ ok: true, scenario: { yaml: 'a: 1', actions: [], seed: 1 } })
  })

  it('refuses what is not ours, from the future, truncated, garbage or too big, saying why', () => {
    expect(decodeShare('').ok).toBe(false)
    expect(decodeShare('#section-2')).toMatchObject({ ok: false, reason: 'not-a-share-link' })
    expect(decodeShare('#v9/abc')).toMatchObject({ ok: false, reason: 'unsupported-version' })
    const hash = encodeShare(scenario)
    expect(decodeShare(hash.slice(0, hash.length - 10))).toMatchObject({ ok: false })
    expect(decodeShare('#v1/%%%not-lz%%%')).toMatchObject({ ok: false, reason: 'corrupt' })
    expect(decodeShare(`#v1/${compressToEncodedURIComponent('[1,2]')}`)).toMatchObject({ ok: false, reason: 'invalid' })
    expect(decodeShare(`#v1/${compressToEncodedURIComponent('{"y": 5}')}`)).toMatchObject({ ok: false, reason: 'invalid' })
    const huge = JSON.stringify({ y: 'x'.repeat(MAX_DECODED_BYTES + 10), s: 1 })
    expect(decodeShare(`#v1/${compressToEncodedURIComponent(huge)}`)).toMatchObject({ ok: false, reason: 'too-large' })
  })

  it('drops unknown actions and clamps numbers instead of trusting the link', () => {
    const raw = { y: 'a: 1', s: -5.5, a: [{ type: 'rm -rf' }, { type: 'addNode' }], m: 'bogus', r: { from: 'pod/x', url: 'http://y', count: 1e9 }, l: -3, g: 'fr' }
    const r = decodeShare(`#v1/${compressToEncodedURIComponent(JSON.stringify(raw))}`)
    expect(r.ok && r.scenario).toEqual({ yaml: 'a: 1', seed: (-5 >>> 0), actions: [{ type: 'addNode' }], request: { from: 'pod/x', url: 'http://y', count: 1000 }, lessonStep: 0 })
  })
})
