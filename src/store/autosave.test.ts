/**
 * Autosave, two tabs and the undo history of runtime actions, through the
 * store itself (Node: an in-memory localStorage stands in for the browser's).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

class MemoryStorage {
  items = new Map<string, string>()
  full = false
  getItem(k: string): string | null { return this.items.get(k) ?? null }
  setItem(k: string, v: string): void {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    this.items.set(k, v)
  }
  removeItem(k: string): void { this.items.delete(k) }
  clear(): void { this.items.clear() }
  key(i: number): string | null { return [...this.items.keys()][i] ?? null }
  get length(): number { return this.items.size }
}

let storage: MemoryStorage

type Store = Awaited<ReturnType<typeof freshStore>>
/** The user's pods (the cluster also runs CoreDNS in kube-system). */
const userPods = (store: Store): string[] => store.getState().sim.pods.filter((p) => p.namespace === 'default').map((p) => p.name)

async function freshStore() {
  vi.resetModules()
  return (await import('./index')).useAppStore
}

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels: { app: web }\nspec:\n  containers:\n  - name: c\n    image: nginx\n`

beforeEach(() => {
  storage = new MemoryStorage()
  vi.stubGlobal('localStorage', storage)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('autosave', () => {
  it('keeps what was typed across a reload', async () => {
    const store = await freshStore()
    store.getState().setYaml(POD('typed'))
    const reloaded = await freshStore()
    expect(reloaded.getState().yaml).toBe(POD('typed'))
  })

  it('says so when the quota is full, and keeps the text and the engine going', async () => {
    const store = await freshStore()
    storage.full = true
    store.getState().setYaml(POD('big'))
    expect(store.getState().saveFailed).toBe(true)
    expect(store.getState().yaml).toBe(POD('big'))
    store.getState().runEngine()
    expect(userPods(store)).toEqual(['big'])
    storage.full = false
    store.getState().setYaml(POD('big2'))
    expect(store.getState().saveFailed).toBe(false)
  })

  it('holds the text another tab saved until the user picks one', async () => {
    const store = await freshStore()
    store.getState().setYaml(POD('mine'))
    store.getState().otherTabSaved(POD('theirs'))
    expect(store.getState().otherTabText).toBe(POD('theirs'))
    expect(store.getState().yaml).toBe(POD('mine'))
    // Keep mine: saved again, so the other tab hears of it in turn.
    store.getState().keepMyText()
    expect(store.getState().otherTabText).toBeNull()
    expect(storage.getItem('ksp:yaml:v1')).toBe(POD('mine'))
    store.getState().otherTabSaved(POD('theirs'))
    store.getState().loadOtherTabText()
    expect(store.getState().yaml).toBe(POD('theirs'))
    expect(store.getState().otherTabText).toBeNull()
  })

  it('ignores another tab saving the same text', async () => {
    const store = await freshStore()
    store.getState().setYaml(POD('same'))
    store.getState().otherTabSaved(POD('same'))
    expect(store.getState().otherTabText).toBeNull()
  })
})

describe('undo history of runtime actions', () => {
  it('undoes and redoes an action, and the cluster follows', async () => {
    const store = await freshStore()
    store.getState().replaceYaml(POD('a'))
    store.getState().applyAction({ type: 'deletePod', pod: 'a', namespace: 'default' })
    expect(userPods(store)).toEqual([])
    store.getState().undoEntry()
    expect(store.getState().actions).toEqual([])
    expect(userPods(store)).toEqual(['a'])
    store.getState().redoEntry()
    expect(userPods(store)).toEqual([])
  })

  it('a scenario load that drops the actions is undone together with its text', async () => {
    const store = await freshStore()
    store.getState().replaceYaml(POD('a'))
    store.getState().applyAction({ type: 'addNode' })
    const before = store.getState().actions
    store.getState().replaceYaml(POD('b'))
    expect(store.getState().pendingReplace).toEqual({ before, after: [] })
    // The editor applies the text and pins the entry to its versions.
    store.getState().settleReplace(5, 6)
    const entry = store.getState().undoStack.at(-1)!
    expect(entry).toMatchObject({ from: 5, at: 6, text: true, before, after: [] })
    store.getState().undoEntry()
    expect(store.getState().actions).toEqual(before)
  })

  it('scaling in the YAML keeps the runtime events', async () => {
    const store = await freshStore()
    store.getState().replaceYaml(POD('a'))
    store.getState().applyAction({ type: 'addNode' })
    const actions = store.getState().actions
    store.getState().replaceYaml(POD('a2'), { actions })
    expect(store.getState().actions).toBe(actions)
    expect(store.getState().pendingReplace).toBeNull()
  })

  it('a new edit makes the redo entries unreachable', async () => {
    const store = await freshStore()
    store.getState().applyAction({ type: 'addNode' })
    store.getState().undoEntry()
    expect(store.getState().redoStack).toHaveLength(1)
    store.getState().setEditorVersion(3, true)
    expect(store.getState().redoStack).toHaveLength(0)
  })
})

describe('a crash of the engine', () => {
  it('keeps the text saved, the last good cluster on screen and says what happened', async () => {
    vi.resetModules()
    vi.doMock('../engine', async (importOriginal) => {
      const engine = await importOriginal<typeof import('../engine')>()
      return {
        ...engine,
        createSimulation: (yaml: string, options?: Parameters<typeof engine.createSimulation>[1]) => {
          const sim = engine.createSimulation(yaml, options)
          if (yaml.includes('crash-on-apply')) sim.apply = () => { throw new Error('boom in apply') }
          return sim
        },
      }
    })
    const store = (await import('./index')).useAppStore
    store.getState().replaceYaml(POD('crash-on-apply'))
    store.getState().applyAction({ type: 'addNode' })
    expect(store.getState().engineFailure).toBe('boom in apply')
    expect(storage.getItem('ksp:yaml:v1')).toBe(POD('crash-on-apply'))
    expect(store.getState().sim.pods.some((p) => p.name === 'crash-on-apply')).toBe(true)
    store.getState().replaceYaml(POD('fine'))
    expect(store.getState().engineFailure).toBeNull()
    vi.doUnmock('../engine')
  })
})
