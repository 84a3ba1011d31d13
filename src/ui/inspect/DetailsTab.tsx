/**
 * The selected element: its live state, and its YAML exactly as written in
 * the editor (the document it comes from; pods made by a controller show
 * the controller's document).
 */
import { memo, useMemo, type ReactNode } from 'react'
import type { TFunction } from '../../i18n'
import { useTranslation } from '../../i18n/useTranslation'
import type { Simulation } from '../../engine'
import { useAppStore } from '../../store'
import { selectIsStale, selectSelection, selectShownSim, selectYaml } from '../../store/selectors'
import { IngressState, NodeState, PodState, ServiceState } from './DetailsParts'
import { parseSelection, type Selected } from './targets'
import TextDump from './TextDump'
import './inspect.css'

interface Found {
  title: string
  docIndex: number
  state: ReactNode
}

function find(sim: Simulation, sel: Selected, t: TFunction): Found | undefined {
  if (sel.kind === 'node') {
    const node = sim.nodes.find((n) => n.name === sel.name)
    return node && { title: t('inspector.details.node', { name: node.name }), docIndex: node.docIndex ?? -1, state: <NodeState node={node} sim={sim} /> }
  }
  const same = (o: { namespace: string; name: string }): boolean => o.namespace === sel.namespace && o.name === sel.name
  if (sel.kind === 'pod') {
    const pod = sim.pods.find(same)
    return pod && { title: t('inspector.details.pod', { name: pod.name }), docIndex: pod.docIndex, state: <PodState pod={pod} /> }
  }
  if (sel.kind === 'service') {
    const svc = sim.services.find(same)
    return svc && { title: t('inspector.details.service', { name: svc.name }), docIndex: svc.builtIn ? -1 : svc.docIndex, state: <ServiceState svc={svc} sim={sim} /> }
  }
  const ing = sim.ingresses.find(same)
  return ing && { title: t('inspector.details.ingress', { name: ing.name }), docIndex: ing.docIndex, state: <IngressState ing={ing} /> }
}

/** The editor lines of one document, without the `---` separators around it. */
function documentText(yaml: string, range: { line: number; column: number; endLine: number; endColumn: number }): { from: number; to: number; text: string } {
  const lines = yaml.split('\n')
  let from = range.line
  let to = range.endColumn === 1 ? range.endLine - 1 : range.endLine
  while (from <= to && /^---\s*$/.test(lines[from - 1] ?? '')) from++
  while (to >= from && /^(---\s*|\s*)$/.test(lines[to - 1] ?? '')) to--
  return { from, to, text: `${lines.slice(from - 1, to).join('\n')}\n` }
}

const YamlSlice = memo(function YamlSlice({ docIndex, sim }: { docIndex: number; sim: Simulation }) {
  const { t } = useTranslation()
  const yaml = useAppStore(selectYaml)
  const stale = useAppStore(selectIsStale)
  const range = docIndex >= 0 ? sim.documents[docIndex] : undefined
  const doc = useMemo(() => (range && !stale ? documentText(yaml, range) : undefined), [yaml, range, stale])
  if (docIndex < 0 || !range) return <p className="ins-note">{t('inspector.details.builtIn')}</p>
  if (!doc) return <p className="ins-note">{t('inspector.details.stale')}</p>
  return <TextDump prompt={t('inspector.details.yaml', { from: doc.from, to: doc.to })} caption text={doc.text} copyWhat="YAML" testId="details-yaml" />
})

function DetailsTab() {
  const { t } = useTranslation()
  const sim = useAppStore(selectShownSim)
  const selection = useAppStore(selectSelection)
  const sel = parseSelection(selection)
  if (!selection) return <p className="ins-empty" data-testid="inspect-details">{t('inspector.details.none')}</p>
  if (!sel) return <p className="ins-empty" data-testid="inspect-details">{t('inspector.details.unknown', { id: selection })}</p>
  const found = find(sim, sel, t)
  if (!found) return <p className="ins-empty" data-testid="inspect-details">{t('inspector.details.gone', { id: selection })}</p>
  return (
    <div className="ins-tab ins-details" data-testid="inspect-details">
      <section className="ins-live" aria-label={t('inspector.details.live')}>
        <h3 className="ins-h">{found.title}</h3>
        {found.state}
      </section>
      <div className="ins-yaml">
        <YamlSlice docIndex={found.docIndex} sim={sim} />
      </div>
    </div>
  )
}

export default memo(DetailsTab)
