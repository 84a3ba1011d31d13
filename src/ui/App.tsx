/**
 * The page: the YAML editor (left), the request console over the cluster
 * graph (centre), the trace (right), tables and inspector (bottom).
 */
import { lazy, Suspense, useEffect } from 'react'
import { useTranslation } from '../i18n/useTranslation'
import { ReactFlowProvider } from '@xyflow/react'
import { useAppStore } from '../store'
import { selectBottomHeight, selectEditorWidth, selectSetBottomHeight, selectSetEditorWidth } from '../store/selectors'
import ClusterControls from './actions/ClusterControls'
import RequestConsole from './console/RequestConsole'
import ClusterGraph from './graph/ClusterGraph'
import LanguageSwitcher from './header/LanguageSwitcher'
import SaveNotice from './header/SaveNotice'
import Splitter from './layout/Splitter'
import BottomPanel from './tables/BottomPanel'
import TracePanel from './trace/TracePanel'
import { usePlayback } from './trace/usePlayback'
import { useShortcuts } from './trace/useShortcuts'
import { EngineErrorBoundary } from './layout/ErrorBoundary'
import { onUndoKey } from './editor/editorHistory'

// Monaco is large: load it after the graph has painted.
const YamlEditor = lazy(() => import('./editor/YamlEditor'))
// Parts that show nothing until the user does something (selects an element, sends a request, runs an
// action, opens a link): not needed for the first paint, they load right after it.
const SelectionActions = lazy(() => import('./actions/SelectionActions'))
const ActionLog = lazy(() => import('./actions/ActionLog'))
const RequestOutput = lazy(() => import('./console/RequestOutput'))
const LinkNotice = lazy(() => import('./classroom/LinkNotice'))
// The classroom (scenario picker, share dialog with its QR code, the lesson and the scenario library)
// is not needed for the first paint of the graph: it loads right after.
const ClassroomControls = lazy(() => import('./classroom/ClassroomControls'))
const LessonPanel = lazy(() => import('./classroom/LessonPanel'))

export default function App() {
  const editorWidth = useAppStore(selectEditorWidth)
  const bottomHeight = useAppStore(selectBottomHeight)
  const setEditorWidth = useAppStore(selectSetEditorWidth)
  const setBottomHeight = useAppStore(selectSetBottomHeight)
  const { t } = useTranslation()
  const presentation = useAppStore((s) => s.presentation)
  const embed = useAppStore((s) => s.embed)
  // Presentation and embed modes hide the editor and the tables: the graph, the request and the lesson stay.
  const bare = presentation || embed
  usePlayback()
  useShortcuts()
  useEffect(() => {
    window.addEventListener('keydown', onUndoKey)
    return () => window.removeEventListener('keydown', onUndoKey)
  }, [])
  return (
    <div
      className={`app${presentation ? ' presentation' : ''}${embed ? ' embed' : ''}`}
      style={{ gridTemplateColumns: bare ? '0 0 minmax(0, 1fr) var(--side-width)' : `${editorWidth}px 6px minmax(0, 1fr) var(--side-width)`, gridTemplateRows: bare ? 'auto minmax(0, 1fr) 0 0' : `auto minmax(0, 1fr) 6px ${bottomHeight}px` }}
    >
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <Suspense fallback={null}>
          <ClassroomControls />
        </Suspense>
        <ClusterControls />
        <LanguageSwitcher />
        <SaveNotice />
      </header>
      <aside className="editor-pane" aria-label={t('app.editorPane')}>
        <div className="editor-host">
          <Suspense fallback={<div className="editor-loading">{t('editor.loading')}</div>}>
            <YamlEditor />
          </Suspense>
        </div>
        <Suspense fallback={null}>
          <ActionLog />
        </Suspense>
      </aside>
      <Splitter orientation="vertical" value={editorWidth} onChange={setEditorWidth} direction={1} label={t('splitter.editor')} />
      <main className="graph-pane">
        <RequestConsole />
        <EngineErrorBoundary area="graph">
          <ReactFlowProvider>
            <ClusterGraph />
          </ReactFlowProvider>
        </EngineErrorBoundary>
      </main>
      <aside className="side-pane" aria-label={t('app.sidePane')}>
        <EngineErrorBoundary area="lesson">
          <Suspense fallback={null}>
            <LessonPanel />
          </Suspense>
        </EngineErrorBoundary>
        <div className="side-rest">
          <EngineErrorBoundary area="trace">
            <Suspense fallback={null}>
              <SelectionActions />
              <RequestOutput />
            </Suspense>
            <TracePanel />
          </EngineErrorBoundary>
        </div>
      </aside>
      <Splitter orientation="horizontal" value={bottomHeight} onChange={setBottomHeight} direction={-1} label={t('splitter.tables')} />
      <div className="bottom-pane">
        <EngineErrorBoundary area="inspector">
          <BottomPanel />
        </EngineErrorBoundary>
      </div>
      <Suspense fallback={null}>
        <LinkNotice />
      </Suspense>
    </div>
  )
}
