/**
 * The page: the YAML editor (left), the request console over the cluster
 * graph (centre), the trace (right), tables and inspector (bottom).
 */
import { lazy, Suspense } from 'react'
import { ReactFlowProvider } from '@xyflow/react'
import { useAppStore } from '../store'
import { selectBottomHeight, selectEditorWidth, selectSaveFailed, selectSetBottomHeight, selectSetEditorWidth } from '../store/selectors'
import ActionLog from './actions/ActionLog'
import ClusterControls from './actions/ClusterControls'
import SelectionActions from './actions/SelectionActions'
import RequestConsole from './console/RequestConsole'
import RequestOutput from './console/RequestOutput'
import ClusterGraph from './graph/ClusterGraph'
import Splitter from './layout/Splitter'
import BottomPanel from './tables/BottomPanel'
import TracePanel from './trace/TracePanel'
import { usePlayback } from './trace/usePlayback'
import { useShortcuts } from './trace/useShortcuts'

// Monaco is large: load it after the graph has painted.
const YamlEditor = lazy(() => import('./editor/YamlEditor'))

export default function App() {
  const editorWidth = useAppStore(selectEditorWidth)
  const bottomHeight = useAppStore(selectBottomHeight)
  const setEditorWidth = useAppStore(selectSetEditorWidth)
  const setBottomHeight = useAppStore(selectSetBottomHeight)
  const saveFailed = useAppStore(selectSaveFailed)
  usePlayback()
  useShortcuts()
  return (
    <div className="app" style={{ gridTemplateColumns: `${editorWidth}px 6px minmax(0, 1fr) var(--side-width)`, gridTemplateRows: `auto minmax(0, 1fr) 6px ${bottomHeight}px` }}>
      <header className="app-header">
        <h1>Kube Service Playground</h1>
        <ClusterControls />
        {saveFailed && <span className="save-warning" role="alert">Autosave failed: the browser refused to store the text. Keep this tab open or copy your YAML.</span>}
      </header>
      <aside className="editor-pane" aria-label="YAML editor">
        <div className="editor-host">
          <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
            <YamlEditor />
          </Suspense>
        </div>
        <ActionLog />
      </aside>
      <Splitter orientation="vertical" value={editorWidth} onChange={setEditorWidth} direction={1} label="Resize editor" />
      <main className="graph-pane">
        <RequestConsole />
        <ReactFlowProvider>
          <ClusterGraph />
        </ReactFlowProvider>
      </main>
      <aside className="side-pane" aria-label="Request and trace">
        <SelectionActions />
        <RequestOutput />
        <TracePanel />
      </aside>
      <Splitter orientation="horizontal" value={bottomHeight} onChange={setBottomHeight} direction={-1} label="Resize tables" />
      <div className="bottom-pane">
        <BottomPanel />
      </div>
    </div>
  )
}
