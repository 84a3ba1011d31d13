/**
 * Undo for what is not typing: runtime actions (delete a pod, drain a node,
 * ...) and the runtime events a scenario load throws away. Monaco keeps the
 * text's own undo stack; each entry here is pinned to the editor's
 * alternative version id, so Ctrl+Z undoes whichever came last, text or
 * action, and Ctrl+Shift+Z redoes it (src/ui/editor/editorHistory.ts).
 */
import type { StateCreator } from 'zustand'
import type { Action } from '../../engine'
import type { AppState } from '../index'

export interface UndoEntry {
  /** The runtime actions before and after. */
  before: Action[]
  after: Action[]
  /** The editor version right after the change: undo applies only there. */
  at: number
  /** The change also replaced the text (a scenario load): Monaco undoes that part. */
  text: boolean
  /** The editor version before the change: redo applies only there. */
  from: number
}

export interface HistorySlice {
  /** Monaco's alternative version id of the text, reported by the editor. */
  editorVersion: number
  undoStack: UndoEntry[]
  redoStack: UndoEntry[]
  /** A text replacement that changed the actions, waiting for the editor to report its version. */
  pendingReplace: { before: Action[]; after: Action[] } | null
  /** The editor reports its version; a user's own edit makes the redo entries unreachable. */
  setEditorVersion(version: number, userEdit: boolean): void
  /** The editor applied a pending replacement: the entry is pinned to the versions around it. */
  settleReplace(from: number, at: number): void
  recordActions(before: Action[], after: Action[]): void
  /** Moves the top entry between the stacks and puts its actions on the cluster. */
  undoEntry(): void
  redoEntry(): void
}

const MAX_ENTRIES = 200

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set, get) => ({
  editorVersion: 1, // a new Monaco model starts at version 1
  undoStack: [],
  redoStack: [],
  pendingReplace: null,
  setEditorVersion(version, userEdit) {
    set(userEdit ? { editorVersion: version, redoStack: [] } : { editorVersion: version })
  },
  settleReplace(from, at) {
    const pending = get().pendingReplace
    if (!pending) return
    const entry: UndoEntry = { ...pending, from, at, text: true }
    set((s) => ({ pendingReplace: null, undoStack: [...s.undoStack, entry].slice(-MAX_ENTRIES), redoStack: [] }))
  },
  recordActions(before, after) {
    const v = get().editorVersion
    const entry: UndoEntry = { before, after, at: v, from: v, text: false }
    set((s) => ({ undoStack: [...s.undoStack, entry].slice(-MAX_ENTRIES), redoStack: [] }))
  },
  undoEntry() {
    const entry = get().undoStack.at(-1)
    if (!entry) return
    set((s) => ({ undoStack: s.undoStack.slice(0, -1), redoStack: [...s.redoStack, entry], actions: entry.before }))
    get().runEngine()
  },
  redoEntry() {
    const entry = get().redoStack.at(-1)
    if (!entry) return
    set((s) => ({ redoStack: s.redoStack.slice(0, -1), undoStack: [...s.undoStack, entry], actions: entry.after }))
    get().runEngine()
  },
})
