/** The page: editor (left), cluster graph (centre), kubectl tables (bottom); panels resizable. */
import { lazy, Suspense } from 'react'
import { useAppStore } from '../store'
import { selectBottomHeight, selectEditorWidth, selectSaveFailed, selectSetBottomHeight, selectSetEditorWidth } from '../store/selectors'
import ClusterGraph from './graph/ClusterGraph'
import Splitter from './layout/Splitter'
import BottomPanel from './tables/BottomPanel'

// Monaco is large: load it after the graph has painted.
const YamlEditor = lazy(() => import('./editor/YamlEditor'))

export default function App() {
  const editorWidth = useAppStore(selectEditorWidth)
  const bottomHeight = useAppStore(selectBottomHeight)
  const setEditorWidth = useAppStore(selectSetEditorWidth)
  const setBottomHeight = useAppStore(selectSetBottomHeight)
  const saveFailed = useAppStore(selectSaveFailed)
  return (
    <div className="app" style={{ gridTemplateColumns: `${editorWidth}px 6px 1fr`, gridTemplateRows: `auto 1fr 6px ${bottomHeight}px` }}>
      <header className="app-header">
        <h1>Kube Service Playground</h1>
        <span className="subtitle">Edit the YAML; the cluster follows.</span>
        {saveFailed && <span className="save-warning" role="alert">Autosave failed: the browser refused to store the text. Keep this tab open or copy your YAML.</span>}
      </header>
      <aside className="editor-pane" aria-label="YAML editor">
        <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
          <YamlEditor />
        </Suspense>
      </aside>
      <Splitter orientation="vertical" value={editorWidth} onChange={setEditorWidth} direction={1} label="Resize editor" />
      <main className="graph-pane">
        <ClusterGraph />
      </main>
      <Splitter orientation="horizontal" value={bottomHeight} onChange={setBottomHeight} direction={-1} label="Resize tables" />
      <div className="bottom-pane">
        <BottomPanel />
      </div>
    </div>
  )
}
