/**
 * One undo history for the text and the runtime actions. Monaco owns the
 * text's stack; the store's history slice holds the action entries, each
 * pinned to the editor version it was made at. Undo takes the action entry
 * when the editor is at that version (nothing was typed since), else the
 * text edit; a scenario load is both at once (text and actions together).
 */
import type { monaco } from '../../monaco/setup'
import { useAppStore } from '../../store'

let editor: monaco.editor.IStandaloneCodeEditor | null = null

export function registerEditor(instance: monaco.editor.IStandaloneCodeEditor | null): void {
  editor = instance
}

function version(): number | undefined {
  return editor?.getModel()?.getAlternativeVersionId()
}

export function undo(): void {
  if (!editor) return
  const s = useAppStore.getState()
  const entry = s.undoStack.at(-1)
  if (entry && entry.at === version()) {
    if (entry.text) editor.trigger('playground', 'undo', null)
    s.undoEntry()
    return
  }
  editor.trigger('playground', 'undo', null)
}

export function redo(): void {
  if (!editor) return
  const s = useAppStore.getState()
  const entry = s.redoStack.at(-1)
  if (entry && entry.from === version()) {
    if (entry.text) editor.trigger('playground', 'redo', null)
    s.redoEntry()
    return
  }
  editor.trigger('playground', 'redo', null)
}

function typingElsewhere(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el) return false
  // Inside Monaco its own commands run; a text field keeps its own undo.
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.monaco-editor')
}

/** Ctrl+Z right after clicking "delete pod" undoes it, wherever the focus is (outside text fields). */
export function onUndoKey(e: KeyboardEvent): void {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || typingElsewhere(e.target)) return
  const key = e.key.toLowerCase()
  if (key === 'z' && !e.shiftKey) undo()
  else if ((key === 'z' && e.shiftKey) || key === 'y') redo()
  else return
  e.preventDefault()
}
