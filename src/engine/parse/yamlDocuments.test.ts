import { describe, expect, it } from 'vitest'
import { parseAllDocuments, type Document } from 'yaml'
import { parseDocuments, splitDocuments } from './yamlDocuments'
import { parseManifests } from './parseManifests'
import { sameParse } from '../testing/sameParse'
import { CHALLENGES, SCENARIOS } from '../../scenarios'

describe('splitDocuments', () => {
  it('starts a section at every --- line', () => {
    const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n---\td: 4\n'
    expect(splitDocuments(text)).toEqual([
      { offset: 0, text: 'a: 1\n' },
      { offset: 5, text: '---\nb: 2\n' },
      { offset: 14, text: '--- # c\nc: 3\n' },
      { offset: 27, text: '---\td: 4\n' },
    ])
  })

  it('gives comments before the first --- to the first document', () => {
    expect(splitDocuments('# title\n\n---\na: 1\n---\nb: 2\n')).toEqual([
      { offset: 0, text: '# title\n\n---\na: 1\n' },
      { offset: 18, text: '---\nb: 2\n' },
    ])
  })

  it('is not fooled by --- that is not a marker', () => {
    expect(splitDocuments('a: ---\n ---\n---x: 1\n')).toEqual([{ offset: 0, text: 'a: ---\n ---\n---x: 1\n' }])
  })

  it('leaves texts with directives, document end markers or U+2028 to the whole parse', () => {
    expect(splitDocuments('%YAML 1.2\n---\na: 1\n---\nb: 2\n')).toBeNull()
    expect(splitDocuments('a: 1\n...\n---\nb: 2\n')).toBeNull()
    expect(splitDocuments('a: "x\u2028---"\n---\nb: 2\n')).toBeNull()
  })
})

describe('parseDocuments', () => {
  const parse = (text: string): Document.Parsed[] => {
    calls.push(text)
    const docs = parseAllDocuments(text)
    return Array.isArray(docs) ? (docs as Document.Parsed[]) : []
  }
  let calls: string[] = []

  it('parses again only the sections that changed since the last call', () => {
    const a = 'a: 1\n---\nb: 2\n---\nc: 3\n'
    parseDocuments(a, parse)
    calls = []
    const placed = parseDocuments(a.replace('b: 2', 'b: 20'), parse)
    expect(calls).toEqual(['---\nb: 20\n'])
    expect(placed.map((p) => [p.offset, p.doc.toJS()])).toEqual([[0, { a: 1 }], [5, { b: 20 }], [15, { c: 3 }]])
  })

  it('parses the whole text when a section has a syntax error', () => {
    parseDocuments('a: 1\n---\nb: 2\n', parse)
    calls = []
    const text = 'a: 1\n---\nb: [2\n'
    const placed = parseDocuments(text, parse)
    expect(calls).toEqual(['---\nb: [2\n', text])
    expect(placed.every((p) => p.offset === 0)).toBe(true)
  })
})

describe('parseManifests by section', () => {
  const cornerCases = [
    'a: |\n  x\n---\n  y\n',
    'a: [1,\n---\n2]\n',
    'a: "x\n---\ny"\n',
    'a: b\n  c\n---\nd: e\n',
    '# c\n---\na: 1\n',
    '---\n',
    '---\n---\n---\n',
    'a: 1\n--- # hi\nb: 2\n---\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\n',
    'a: &x 1\n---\nb: *x\n',
    'apiVersion: v1\r\nkind: Pod\r\n---\r\napiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: s\r\n',
    'k: 1\nk: 2\n---\napiVersion: v1\nkind: Pod\n',
    '\uFEFFapiVersion: v1\nkind: Pod\n---\nkind: List\napiVersion: v1\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: p}}\n',
  ]

  it('gives the same result as the whole parse on corner cases', () => {
    for (const text of cornerCases) sameParse(text)
  })

  it('gives the same result as the whole parse on every built-in scenario, and after an edit to each of its documents', () => {
    for (const s of [...SCENARIOS, ...CHALLENGES]) {
      sameParse(s.yaml)
      const sections = splitDocuments(s.yaml) ?? []
      for (const section of sections.slice(0, 6)) {
        const edited = s.yaml.replace(section.text, section.text.replace(/name: /, 'name: x'))
        parseManifests(s.yaml)
        sameParse(edited)
      }
    }
  })
})
