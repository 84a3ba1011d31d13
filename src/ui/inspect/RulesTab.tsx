/**
 * A node's kube-proxy rules: `iptables-save` (plus `ipvsadm -Ln` in ipvs
 * mode, or `nft list table ip kube-proxy` in nftables mode), with the lines
 * the shown trace matched on that node so far highlighted.
 */
import { memo, useMemo, useState } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import type { NodeInfo, Trace } from '../../engine'
import { useAppStore } from '../../store'
import { selectShownSim, selectShownTrace, selectStepCount } from '../../store/selectors'
import { decisiveNode, ruleMarks } from './highlight'
import { rulesPrompt } from './terminal'
import TextDump, { type LineMark } from './TextDump'
import './inspect.css'

function firstWorker(nodes: NodeInfo[]): string | undefined {
  return (nodes.find((n) => !n.roles.includes('control-plane')) ?? nodes[0])?.name
}

function RulesTab() {
  const { t } = useTranslation()
  const markLabels = useMemo<Partial<Record<LineMark, string>>>(
    () => ({ matched: t('inspector.common.matchedMarker'), decisive: t('inspector.common.decisiveMarker') }),
    [t],
  )
  const sim = useAppStore(selectShownSim)
  const trace = useAppStore(selectShownTrace)
  const count = useAppStore(selectStepCount)
  const [picked, setPicked] = useState<{ trace: Trace | undefined; node: string } | null>(null)
  const auto = (trace && decisiveNode(trace.steps)) ?? firstWorker(sim.nodes)
  const keep = picked && picked.trace === trace && sim.nodes.some((n) => n.name === picked.node)
  const node = keep ? picked.node : auto
  const steps = useMemo(() => (trace ? trace.steps.slice(0, count) : []), [trace, count])
  const mode = sim.proxyMode
  const iptables = useMemo(() => (node && mode !== 'nftables' ? sim.iptablesSave(node) : ''), [sim, node, mode])
  const ipvs = useMemo(() => (node && mode === 'ipvs' ? sim.ipvsadm(node) : ''), [sim, node, mode])
  const nft = useMemo(() => (node && mode === 'nftables' ? sim.nftRuleset(node) : ''), [sim, node, mode])
  const iptablesMarks = useMemo(() => (node ? ruleMarks(iptables, steps, node, 'iptables') : new Map()), [iptables, steps, node])
  const ipvsMarks = useMemo(() => (node ? ruleMarks(ipvs, steps, node, 'ipvs') : new Map()), [ipvs, steps, node])
  const nftMarks = useMemo(() => (node ? ruleMarks(nft, steps, node, 'nft') : new Map()), [nft, steps, node])
  if (!node) return <p className="ins-empty">{t('inspector.rules.noNodes')}</p>
  const marked = iptablesMarks.size + ipvsMarks.size + nftMarks.size
  const matchedOn = trace ? decisiveNode(trace.steps) : undefined
  const status = !trace
    ? t('inspector.rules.noTrace')
    : marked > 0
      ? undefined
      : matchedOn && matchedOn !== node
        ? t('inspector.rules.otherNode', { node: matchedOn })
        : t('inspector.rules.notYet', { node })
  return (
    <div className="ins-tab ins-rules" data-testid="inspect-rules">
      <div className="ins-toolbar">
        <label className="ins-field">
          <span>{t('inspector.rules.node')}</span>
          <select value={node} onChange={(e) => setPicked({ trace, node: e.target.value })} data-testid="rules-node">
            {sim.nodes.map((n) => <option key={n.name} value={n.name} data-i18n-skip="">{n.name}</option>)}
          </select>
        </label>
        <span className="ins-legend"><span className="ins-swatch ins-matched" aria-hidden="true" />{t('inspector.rules.legendMatched')}</span>
        <span className="ins-legend"><span className="ins-swatch ins-decisive" aria-hidden="true" />{t('inspector.rules.legendDecisive')}</span>
        {status && <span className="ins-status" role="status">{status}</span>}
      </div>
      <div className="ins-dumps">
        {mode === 'ipvs' && (
          <TextDump prompt={rulesPrompt(node, 'ipvsadm -Ln')} text={ipvs} marks={ipvsMarks} markLabels={markLabels} copyWhat="ipvsadm -Ln" testId="dump-ipvsadm" className="ins-dump-short" />
        )}
        {mode === 'nftables' ? (
          <TextDump prompt={rulesPrompt(node, 'nft list table ip kube-proxy')} text={nft} marks={nftMarks} markLabels={markLabels} copyWhat="nft list table ip kube-proxy" testId="dump-nft" />
        ) : (
          <TextDump prompt={rulesPrompt(node, 'iptables-save')} text={iptables} marks={iptablesMarks} markLabels={markLabels} copyWhat="iptables-save" testId="dump-iptables" />
        )}
      </div>
    </div>
  )
}

export default memo(RulesTab)
