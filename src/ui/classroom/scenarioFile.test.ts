import { describe, expect, it } from 'vitest'
import { MAX_FILE_BYTES, readScenarioFile, toScenarioFile } from './scenarioFile'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('readScenarioFile', () => {
  it('reads a scenario file back with its state line', () => {
    const file = toScenarioFile('apiVersion: v1\nkind: Service\n', { seed: 7, proxyMode: 'ipvs', actions: [{ type: 'addNode' }] })
    const r = readScenarioFile(bytes(file))
    expect(r).toEqual({ ok: true, yaml: 'apiVersion: v1\nkind: Service\n', state: { seed: 7, proxyMode: 'ipvs', actions: [{ type: 'addNode' }], scenarioId: undefined } })
  })

  it('drops a byte order mark', () => {
    const r = readScenarioFile(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('kind: Pod\n')]))
    expect(r.ok && r.yaml).toBe('kind: Pod\n')
  })

  it('refuses more than 1 MB, bytes that are not UTF-8, binary files and empty files', () => {
    expect(readScenarioFile(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61))).toEqual({ ok: false, reason: 'too-large' })
    // A PNG header: 0x89 is not valid UTF-8 on its own.
    expect(readScenarioFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({ ok: false, reason: 'not-text' })
    expect(readScenarioFile(bytes('kind: Pod\n\u0000\u0000'))).toEqual({ ok: false, reason: 'not-text' })
    expect(readScenarioFile(bytes('  \n\n'))).toEqual({ ok: false, reason: 'empty' })
    expect(readScenarioFile(bytes(toScenarioFile('', {})))).toEqual({ ok: false, reason: 'empty' })
  })

  it('ignores a state line that is not readable and keeps the YAML', () => {
    const r = readScenarioFile(bytes('# ksp-state: {not json\nkind: Pod\n'))
    expect(r).toEqual({ ok: true, yaml: 'kind: Pod\n', state: {} })
  })
})
