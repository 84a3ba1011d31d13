/**
 * Which lines of a node's rule dump the shown trace matched. Pure text
 * matching against what the engine reported in each step (`rule`, `rules`,
 * `node`): the UI decides nothing about netfilter itself.
 */
import type { TraceStep } from '../../engine'

export type Mark = 'matched' | 'decisive'
export type DumpKind = 'iptables' | 'ipvs' | 'nft'

function mark(marks: Map<number, Mark>, index: number, kind: Mark): void {
  if (index < 0) return
  if (kind === 'decisive' || !marks.has(index)) marks.set(index, kind)
}

/** ipvsadm prints a virtual server, then its real servers indented under it. */
const isIpvsHeader = (line: string): boolean => line !== '' && !/^\s/.test(line) && !line.startsWith('Prot ') && !line.startsWith('IP Virtual')

/** Marks ipvsadm lines: a `->` line counts under the virtual server named before it. */
function markIpvs(lines: string[], rule: string[], kind: Mark, marks: Map<number, Mark>): void {
  let header = -1
  for (const want of rule) {
    if (isIpvsHeader(want)) {
      header = lines.indexOf(want)
      mark(marks, header, kind)
      continue
    }
    let found = -1
    for (let i = header + 1; i < lines.length; i++) {
      if (header >= 0 && i > header && isIpvsHeader(lines[i])) break
      if (lines[i] === want) {
        found = i
        break
      }
    }
    mark(marks, found, kind)
  }
}

/** Line index → mark, for the dump `text` of `node`, from the steps revealed so far. */
export function ruleMarks(text: string, steps: readonly TraceStep[], node: string, kind: DumpKind): Map<number, Mark> {
  const marks = new Map<number, Mark>()
  if (!text) return marks
  const lines = text.split('\n')
  const onNode = steps.filter((s) => s.node === node)
  if (kind === 'nft') {
    const trimmed = lines.map((l) => l.replace(/^\t+/, ''))
    for (const s of onNode) {
      for (const r of s.rules ?? []) trimmed.forEach((l, i) => l === r.replace(/^\t+/, '') && mark(marks, i, 'matched'))
      if (s.rule) trimmed.forEach((l, i) => l === s.rule!.replace(/^\t+/, '') && mark(marks, i, 'decisive'))
    }
    return marks
  }
  if (kind === 'ipvs') {
    for (const s of onNode) {
      markIpvs(lines, s.rules ?? [], 'matched', marks)
      if (s.rule) markIpvs(lines, s.rule.split('\n'), 'decisive', marks)
    }
    return marks
  }
  const index = new Map<string, number[]>()
  lines.forEach((l, i) => index.set(l, [...(index.get(l) ?? []), i]))
  for (const s of onNode) {
    for (const r of s.rules ?? []) for (const i of index.get(r) ?? []) mark(marks, i, 'matched')
    if (s.rule) for (const i of index.get(s.rule) ?? []) mark(marks, i, 'decisive')
  }
  return marks
}

/** The node whose rules decided the trace: the last step that names one. */
export function decisiveNode(steps: readonly TraceStep[]): string | undefined {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i].rule && steps[i].node) return steps[i].node
  return undefined
}
