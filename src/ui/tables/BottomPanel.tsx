/** The bottom panel: problems and the kubectl tables, as tabs. */
import type { KubectlGet } from '../../engine'
import { useAppStore, type BottomTab } from '../../store'
import { selectBottomTab, selectProblemCount, selectSetBottomTab, selectShownSim } from '../../store/selectors'
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

export default function BottomPanel() {
  const tab = useAppStore(selectBottomTab)
  const setTab = useAppStore(selectSetBottomTab)
  const sim = useAppStore(selectShownSim)
  const problemCount = useAppStore(selectProblemCount)
  const current = TABLES.find((t) => t.tab === tab)
  return (
    <section className="bottom-panel" aria-label="Cluster tables">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'problems'} className={tab === 'problems' ? 'active' : ''} onClick={() => setTab('problems')} data-testid="tab-problems">
          Problems{problemCount > 0 && <span className="badge">{problemCount}</span>}
        </button>
        {TABLES.map((t) => (
          <button type="button" role="tab" key={t.tab} aria-selected={tab === t.tab} className={tab === t.tab ? 'active' : ''} onClick={() => setTab(t.tab)} data-testid={`tab-${t.tab}`}>
            {t.title}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel">
        {tab === 'problems' && <ProblemsList />}
        {current && (
          <KubectlTable
            command={current.command === 'get nodes -o wide' ? current.command : `${current.command} -A`}
            table={sim.kubectlTable(current.command, current.command === 'get nodes -o wide' ? {} : { allNamespaces: true, includeSystem: true })}
          />
        )}
      </div>
    </section>
  )
}
