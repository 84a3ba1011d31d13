/** ruleMarks: the lines of a node's dump that the revealed steps of a trace matched. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSimulation, type ProxyMode } from '../../engine'
import { decisiveNode, ruleMarks } from './highlight'

const KUBIA = readFileSync(new URL('../../scenarios/kubia.yaml', import.meta.url), 'utf8')

function setup(proxyMode: ProxyMode) {
  const sim = createSimulation(KUBIA, { proxyMode })
  const trace = sim.request({ from: 'pod/client', url: 'http://kubia' })
  const node = decisiveNode(trace.steps)!
  return { sim, trace, node }
}

const marked = (text: string, marks: Map<number, string>, kind?: string): string[] => {
  const lines = text.split('\n')
  return [...marks.entries()].filter(([, m]) => !kind || m === kind).sort((a, b) => a[0] - b[0]).map(([i]) => lines[i])
}

describe('ruleMarks', () => {
  it('iptables: every rule of the DNAT step on its node, the DNAT line itself decisive', () => {
    const { sim, trace, node } = setup('iptables')
    const dnat = trace.steps.find((s) => s.kind === 'dnat')!
    expect(node).toBe(dnat.node)
    const text = sim.iptablesSave(node)
    const marks = ruleMarks(text, trace.steps, node, 'iptables')
    expect(marked(text, marks).sort()).toEqual([...dnat.rules!].sort())
    expect(marked(text, marks, 'decisive')).toEqual([dnat.rule])
  })

  it('only steps revealed so far count, and only on the node shown', () => {
    const { sim, trace, node } = setup('iptables')
    const i = trace.steps.findIndex((s) => s.kind === 'dnat')
    const text = sim.iptablesSave(node)
    expect(ruleMarks(text, trace.steps.slice(0, i), node, 'iptables').size).toBe(0)
    expect(ruleMarks(text, trace.steps.slice(0, i + 1), node, 'iptables').size).toBeGreaterThan(0)
    const other = sim.nodes.find((n) => n.name !== node)!.name
    expect(ruleMarks(sim.iptablesSave(other), trace.steps, other, 'iptables').size).toBe(0)
  })

  it('ipvs: the virtual server and the real server under it (step.rule holds both lines)', () => {
    const { sim, trace, node } = setup('ipvs')
    const dnat = trace.steps.find((s) => s.kind === 'dnat')!
    const text = sim.ipvsadm(node)
    const marks = ruleMarks(text, trace.steps, node, 'ipvs')
    expect(marked(text, marks, 'decisive')).toEqual(dnat.rule!.split('\n'))
    // The real server line is marked under its own virtual server, not under another one.
    const lines = text.split('\n')
    const [header, entry] = dnat.rule!.split('\n')
    const h = lines.indexOf(header)
    const e = [...marks.keys()].find((k) => lines[k] === entry)!
    expect(e).toBeGreaterThan(h)
    expect(lines.slice(h + 1, e).every((l) => /^\s/.test(l))).toBe(true)
  })

  it('nftables: the line equal to step.rule once tabs are trimmed', () => {
    const { sim, trace, node } = setup('nftables')
    const dnat = trace.steps.find((s) => s.kind === 'dnat')!
    const text = sim.nftRuleset(node)
    const marks = ruleMarks(text, trace.steps, node, 'nft')
    expect(marked(text, marks).map((l) => l.trim())).toEqual([dnat.rule])
  })

  it('no text, no marks; decisiveNode is undefined without rule steps', () => {
    expect(ruleMarks('', [], 'worker-1', 'iptables').size).toBe(0)
    expect(decisiveNode([{ kind: 'dns', at: 'coredns', text: '' }])).toBeUndefined()
  })
})
