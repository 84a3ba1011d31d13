/**
 * The Monaco YAML editor. Edits go to the store (which runs the engine,
 * debounced); engine diagnostics come back as markers; schema markers from
 * monaco-yaml go to the store's problems list.
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { monaco, MODEL_URI } from '../../monaco/setup'
import { useAppStore } from '../../store'
import { selectDiagnostics, selectExternalVersion, selectReveal, selectSetSchemaProblems, selectSetYaml } from '../../store/selectors'
import { toMonacoMarkers } from './toMonacoMarkers'
import { redo, registerEditor, undo } from './editorHistory'

const SCHEMA_OWNER = 'yaml'
/** True while the editor applies a text replaced from outside (not the user's own edit). */
let applyingExternal = false

function severityName(s: number): 'error' | 'warning' | 'info' {
  if (s >= 8) return 'error'
  if (s >= 4) return 'warning'
  return 'info'
}

export default function YamlEditor() {
  const { t } = useTranslation()
  const host = useRef<HTMLDivElement>(null)
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const setYaml = useAppStore(selectSetYaml)
  const setSchemaProblems = useAppStore(selectSetSchemaProblems)
  const diagnostics = useAppStore(selectDiagnostics)
  const externalVersion = useAppStore(selectExternalVersion)
  const reveal = useAppStore(selectReveal)

  useEffect(() => {
    // From the text the page started with: a scenario loaded before the editor arrived is applied below as an undoable edit.
    const model = monaco.editor.getModel(MODEL_URI) ?? monaco.editor.createModel(useAppStore.getState().bootYaml, 'yaml', MODEL_URI)
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      // Folding and the sticky headers follow the indentation (YAML's block structure), computed in the page:
      // the yaml worker's outline of a 5,000-pod text took ~1 s per keystroke to come back to the page.
      foldingStrategy: 'indentation',
      stickyScroll: { enabled: true, defaultModel: 'indentationModel' },
      fontSize: 14,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      tabSize: 2,
      wordWrap: 'off',
      renderWhitespace: 'selection',
      quickSuggestions: { other: true, comments: false, strings: true },
      ariaLabel: t('editor.ariaLabel'),
    })
    editorRef.current = editor
    registerEditor(editor)
    const sub = model.onDidChangeContent((e) => {
      setYaml(model.getValue())
      useAppStore.getState().setEditorVersion(model.getAlternativeVersionId(), !e.isUndoing && !e.isRedoing && !applyingExternal)
    })
    // Ctrl+Z / Ctrl+Shift+Z (Cmd on a Mac) and Ctrl+Y go through the one history of text and actions.
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, undo)
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, redo)
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, redo)
    const markerSub = monaco.editor.onDidChangeMarkers((uris) => {
      if (!uris.some((u) => u.toString() === MODEL_URI.toString())) return
      const markers = monaco.editor.getModelMarkers({ resource: MODEL_URI, owner: SCHEMA_OWNER })
      setSchemaProblems(markers.map((m) => ({ severity: severityName(m.severity), message: m.message, line: m.startLineNumber, column: m.startColumn })))
    })
    return () => {
      registerEditor(null)
      sub.dispose()
      markerSub.dispose()
      editor.dispose()
    }
    // Created once: the label follows the language in the effect below.
  }, [setYaml, setSchemaProblems])

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: t('editor.ariaLabel') })
  }, [t])

  // Text replaced from outside (a scenario load): one undoable edit, so Ctrl+Z brings the old text back.
  useEffect(() => {
    const model = monaco.editor.getModel(MODEL_URI)
    const state = useAppStore.getState()
    if (!model) return
    const from = model.getAlternativeVersionId()
    if (model.getValue() !== state.yaml) {
      editorRef.current?.pushUndoStop()
      applyingExternal = true
      try {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: state.yaml }], () => null)
      } finally {
        applyingExternal = false
      }
      editorRef.current?.pushUndoStop()
    }
    // A load that also changed the runtime actions: undo brings both back.
    if (state.pendingReplace) {
      if (model.getAlternativeVersionId() === from) state.recordActions(state.pendingReplace.before, state.pendingReplace.after)
      else state.settleReplace(from, model.getAlternativeVersionId())
      useAppStore.setState({ pendingReplace: null })
    }
  }, [externalVersion])

  useEffect(() => {
    const model = monaco.editor.getModel(MODEL_URI)
    if (!model) return
    monaco.editor.setModelMarkers(model, 'cluster', toMonacoMarkers(diagnostics, (line) => (line <= model.getLineCount() ? model.getLineLength(line) : 0)))
  }, [diagnostics])

  useEffect(() => {
    if (!reveal || !editorRef.current) return
    editorRef.current.revealLineInCenter(reveal.line)
    editorRef.current.setPosition({ lineNumber: reveal.line, column: reveal.column })
    editorRef.current.focus()
  }, [reveal])

  // The YAML is the user's text, and Monaco's own widgets speak English: not checked for translation.
  return <div ref={host} className="yaml-editor" data-testid="yaml-editor" data-i18n-skip="" />
}
