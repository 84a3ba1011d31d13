/**
 * The YAML documents of a text, parsed one `---` section at a time, with the
 * sections of the previous call remembered: an edit re-parses only the
 * document it touched. The YAML parser is the slowest part of the engine
 * (about 1 MB/s), so at 5,000 pods this is most of an edit's cost.
 *
 * Splitting is exact, not a heuristic: in YAML a line that starts with `---`
 * followed by a space, a tab or the line's end is a document marker wherever
 * it stands (inside a block scalar, a quoted string or a flow collection it
 * ends the document, YAML 1.2.2 §9.1.4 "c-forbidden"), and the parser treats
 * it so. A section therefore parses alone exactly as it does inside the whole
 * text. The cases where that is not certain are parsed whole, as before:
 *  - a directive (`%YAML`, `%TAG`) or a document end marker (`...`) anywhere,
 *    since those change what the next section means;
 *  - any section with a syntax error, so that the errors and their positions
 *    are the whole text's own.
 * A test compares both ways on every built-in scenario and on generated texts.
 */
import type { Document } from 'yaml'

/** A parsed document and where its section starts in the whole text (its offsets are relative to that). */
export interface PlacedDocument {
  doc: Document.Parsed
  offset: number
}

export type ParseDocuments = (text: string) => Document.Parsed[]

interface Section {
  offset: number
  text: string
}

const MARKER = /^---(?=[ \t\r]|$)/gm
/**
 * What makes splitting unsafe: a directive, a document end marker, or a
 * character JavaScript counts as a line end and YAML does not (U+2028, U+2029).
 */
const UNSAFE = /^%|^\.\.\.(?=[ \t\r]|$)|[\u2028\u2029]/m
/** A line with content (not blank, not a comment). */
const CONTENT = /^[ \t]*[^ \t\r\n#]/m

/** Sections of a text, each starting at a `---` line; null when it must be parsed whole. */
export function splitDocuments(text: string): Section[] | null {
  if (UNSAFE.test(text)) return null
  const starts: number[] = [0]
  for (const m of text.matchAll(MARKER)) if (m.index > 0) starts.push(m.index)
  const sections: Section[] = []
  for (let i = 0; i < starts.length; i++) {
    sections.push({ offset: starts[i], text: text.slice(starts[i], starts[i + 1] ?? text.length) })
  }
  // Comments and blank lines before the first `---` belong to the first YAML document (not a section of their own).
  if (sections.length > 1 && !CONTENT.test(sections[0].text)) {
    sections.splice(0, 2, { offset: 0, text: sections[0].text + sections[1].text })
  }
  return sections
}

/** The sections seen by the last call, and their documents. */
let remembered = new Map<string, Document.Parsed[]>()

/**
 * Every document of `text`, as `parse` (the parser with the caller's
 * options) would find them in the whole text. The parsed documents are
 * shared with later calls: callers must only read them.
 */
export function parseDocuments(text: string, parse: ParseDocuments, bySection = true): PlacedDocument[] {
  const whole = (): PlacedDocument[] => parse(text).map((doc) => ({ doc, offset: 0 }))
  const sections = bySection ? splitDocuments(text) : null
  if (!sections || sections.length < 2) {
    remembered = new Map()
    return whole()
  }
  const seen = new Map<string, Document.Parsed[]>()
  const placed: PlacedDocument[] = []
  for (const s of sections) {
    let docs = seen.get(s.text) ?? remembered.get(s.text)
    if (!docs) {
      docs = parse(s.text)
      if (docs.some((d) => d.errors.length > 0)) {
        // Not remembered: an error is parsed whole every time, so its message is the whole text's.
        remembered = seen
        return whole()
      }
    }
    seen.set(s.text, docs)
    for (const doc of docs) placed.push({ doc, offset: s.offset })
  }
  remembered = seen
  return placed
}
