/**
 * The page: the YAML editor (left), the request console over the cluster
 * graph (centre), the trace (right), tables and inspector (bottom).
 */
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { ReactFlowProvider } from '@xyflow/react'
import { useAppStore } from '../store'
import { selectBottomHeight, selectEditorWidth, selectSaveFailed, selectSetBottomHeight, selectSetEditorWidth } from '../store/selectors'
import ActionLog from './actions/ActionLog'
import ClusterControls from './actions/ClusterControls'
import SelectionActions from './actions/SelectionActions'
import RequestConsole from './console/RequestConsole'
import RequestOutput from './console/RequestOutput'
import ClusterGraph from './graph/ClusterGraph'
import LanguageSwitcher from './header/LanguageSwitcher'
import Splitter from './layout/Splitter'
import BottomPanel from './tables/BottomPanel'
import TracePanel from './trace/TracePanel'
import { usePlayback } from './trace/usePlayback'
import { useShortcuts } from './trace/useShortcuts'
import ClassroomControls from './classroom/ClassroomControls'
import LessonPanel from './classroom/LessonPanel'
import LinkNotice from './classroom/LinkNotice'

// Monaco is large: load it after the graph has painted.
const YamlEditor = lazy(() => import('./editor/YamlEditor'))

export default function App() {
  const editorWidth = useAppStore(selectEditorWidth)
  const bottomHeight = useAppStore(selectBottomHeight)
  const setEditorWidth = useAppStore(selectSetEditorWidth)
  const setBottomHeight = useAppStore(selectSetBottomHeight)
  const saveFailed = useAppStore(selectSaveFailed)
  const { t } = useTranslation()
  const presentation = useAppStore((s) => s.presentation)
  const embed = useAppStore((s) => s.embed)
  // Presentation and embed modes hide the editor and the tables: the graph, the request and the lesson stay.
  const bare = presentation || embed
  usePlayback()
  useShortcuts()
  return (
    <div
      className={`app${presentation ? ' presentation' : ''}${embed ? ' embed' : ''}`}
      style={{ gridTemplateColumns: bare ? '0 0 minmax(0, 1fr) var(--side-width)' : `${editorWidth}px 6px minmax(0, 1fr) var(--side-width)`, gridTemplateRows: bare ? 'auto minmax(0, 1fr) 0 0' : `auto minmax(0, 1fr) 6px ${bottomHeight}px` }}
    >
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <ClassroomControls />
        <ClusterControls />
        <LanguageSwitcher />
        {saveFailed && <span className="save-warning" role="alert">{t('app.saveFailed')}</span>}
      </header>
      <aside className="editor-pane" aria-label={t('app.editorPane')}>
        <div className="editor-host">
          <Suspense fallback={<div className="editor-loading">{t('editor.loading')}</div>}>
            <YamlEditor />
          </Suspense>
        </div>
        <ActionLog />
      </aside>
      <Splitter orientation="vertical" value={editorWidth} onChange={setEditorWidth} direction={1} label={t('splitter.editor')} />
      <main className="graph-pane">
        <RequestConsole />
        <ReactFlowProvider>
          <ClusterGraph />
        </ReactFlowProvider>
      </main>
      <aside className="side-pane" aria-label={t('app.sidePane')}>
        <LessonPanel />
        <div className="side-rest">
          <SelectionActions />
          <RequestOutput />
          <TracePanel />
        </div>
      </aside>
      <Splitter orientation="horizontal" value={bottomHeight} onChange={setBottomHeight} direction={-1} label={t('splitter.tables')} />
      <div className="bottom-pane">
        <BottomPanel />
      </div>
      <LinkNotice />
    </div>
  )
}
