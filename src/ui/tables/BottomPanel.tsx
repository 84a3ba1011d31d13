/** The bottom panel: problems, the kubectl tables and the inspector, as tabs. */
import type { KubectlGet } from '../../engine'
import { useAppStore, type BottomTab } from '../../store'
import { selectBottomTab, selectProblemCount, selectSetBottomTab, selectShownFailed, selectShownSim } from '../../store/selectors'
import { INSPECT_TABS, InspectorBody, isInspectTab } from '../inspect/InspectorTabs'
import { S } from '../inspect/strings'
import KubectlTable from './KubectlTable'
import ProblemsList from './ProblemsList'

const TABLES: { tab: Exclude<BottomTab, 'problems'>; command: KubectlGet; title: string }[] = [
  { tab: 'pods', command: 'get pods -o wide', title: 'Pods' },
  { tab: 'svc', command: 'get svc', title: 'Services' },
  { tab: 'endpoints', command: 'get endpoints', title: 'Endpoints' },
  { tab: 'endpointslices', command: 'get endpointslices', title: 'EndpointSlices' },
  { tab: 'ingress', command: 'get ingress', title: 'Ingress' },
  { tab: 'nodes', command: 'get nodes -o wide', title: 'Nodes' },
]

const PANEL_ID = 'bottom-tabpanel'

export default function BottomPanel() {
  const tab = useAppStore(selectBottomTab)
  const setTab = useAppStore(selectSetBottomTab)
  const sim = useAppStore(selectShownSim)
  const problemCount = useAppStore(selectProblemCount)
  const failed = useAppStore(selectShownFailed)
  const current = TABLES.find((t) => t.tab === tab)
  const tabProps = (t: BottomTab) => ({
    type: 'button' as const, role: 'tab', id: `tab-${t}`, 'aria-selected': tab === t, 'aria-controls': PANEL_ID,
    onClick: () => setTab(t), 'data-testid': `tab-${t}`,
  })
  return (
    <section className="bottom-panel" aria-label="Cluster tables and inspector">
      <div className="tabs ins-tabs" role="tablist">
        <button {...tabProps('problems')} className={tab === 'problems' ? 'active' : ''}>
          Problems{problemCount > 0 && <span className="badge">{problemCount}</span>}
        </button>
        {TABLES.map((t) => (
          <button key={t.tab} {...tabProps(t.tab)} className={tab === t.tab ? 'active' : ''}>
            {t.title}
          </button>
        ))}
        <span className="ins-tab-sep" aria-hidden="true" />
        {INSPECT_TABS.map((t) => {
          const alert = t.tab === 'why' && failed
          return (
            <button key={t.tab} {...tabProps(t.tab)} className={`${tab === t.tab ? 'active' : ''}${alert ? ' ins-alert' : ''}`} title={t.hint} aria-label={alert ? S.tabs.whyAlertLabel : undefined}>
              {t.title}
            </button>
          )
        })}
      </div>
      <div className="tab-body" role="tabpanel" id={PANEL_ID} aria-labelledby={`tab-${tab}`}>
        {tab === 'problems' && <ProblemsList />}
        {current && (
          <KubectlTable
            command={current.command === 'get nodes -o wide' ? current.command : `${current.command} -A`}
            table={sim.kubectlTable(current.command, current.command === 'get nodes -o wide' ? {} : { allNamespaces: true, includeSystem: true })}
          />
        )}
        {isInspectTab(tab) && <InspectorBody tab={tab} />}
      </div>
    </section>
  )
}
