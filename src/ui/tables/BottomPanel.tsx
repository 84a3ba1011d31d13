/** The bottom panel: problems, the kubectl tables and the inspector, as tabs. */
import { lazy, Suspense } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import type { KubectlGet } from '../../engine'
import { useAppStore, type BottomTab } from '../../store'
import { selectBottomTab, selectProblemCount, selectSetBottomTab, selectShownFailed, selectShownSim } from '../../store/selectors'
import { INSPECT_TABS, InspectorBody, isInspectTab } from '../inspect/InspectorTabs'
import KubectlTable from './KubectlTable'
// The problems list is a tab of its own, not the one open at first: it loads after the first paint.
const ProblemsList = lazy(() => import('./ProblemsList'))

/** The kubectl tables; each tab's title is `tables.<tab>` in the strings. */
const TABLES: { tab: 'pods' | 'svc' | 'endpoints' | 'endpointslices' | 'ingress' | 'nodes'; command: KubectlGet }[] = [
  { tab: 'pods', command: 'get pods -o wide' },
  { tab: 'svc', command: 'get svc' },
  { tab: 'endpoints', command: 'get endpoints' },
  { tab: 'endpointslices', command: 'get endpointslices' },
  { tab: 'ingress', command: 'get ingress' },
  { tab: 'nodes', command: 'get nodes -o wide' },
]

const PANEL_ID = 'bottom-tabpanel'

export default function BottomPanel() {
  const { t } = useTranslation()
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
    <section className="bottom-panel" aria-label={t('tables.label')}>
      <div className="tabs ins-tabs" role="tablist">
        <button {...tabProps('problems')} className={tab === 'problems' ? 'active' : ''}>
          {t('tables.problems')}{problemCount > 0 && <span className="badge">{problemCount}</span>}
        </button>
        {TABLES.map((tb) => (
          <button key={tb.tab} {...tabProps(tb.tab)} className={tab === tb.tab ? 'active' : ''}>
            {t(`tables.${tb.tab}`)}
          </button>
        ))}
        <span className="ins-tab-sep" aria-hidden="true" />
        {INSPECT_TABS.map((it) => {
          const alert = it === 'why' && failed
          return (
            <button key={it} {...tabProps(it)} className={`${tab === it ? 'active' : ''}${alert ? ' ins-alert' : ''}`} title={it === 'why' ? t('inspector.tabs.whyTitle') : undefined} aria-label={alert ? t('inspector.tabs.whyAlertLabel') : undefined}>
              {t(`inspector.tabs.${it}`)}
            </button>
          )
        })}
      </div>
      <div className="tab-body" role="tabpanel" id={PANEL_ID} aria-labelledby={`tab-${tab}`} data-scroller="">
        {tab === 'problems' && <Suspense fallback={null}><ProblemsList /></Suspense>}
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
