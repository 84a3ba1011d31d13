/**
 * Autosave of the editor text in localStorage: what a user typed survives a
 * reload. Two tabs share the one slot; the browser's `storage` event tells a
 * tab when another tab saved over it, so the playground can say so and keep
 * the other text at hand instead of one tab silently replacing the other's.
 */
const KEY = 'ksp:yaml:v1'

export function loadSavedYaml(): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? null
  } catch {
    return null
  }
}

/** Returns false when the browser refused (quota full, storage disabled): the caller tells the user. */
export function saveYaml(text: string): boolean {
  try {
    globalThis.localStorage?.setItem(KEY, text)
    return true
  } catch {
    return false
  }
}

/**
 * Calls back with the text when another tab saves the scenario. The
 * `storage` event fires in the other tabs only, never in the one that saved.
 */
export function watchOtherTabs(onSaved: (text: string) => void): () => void {
  if (typeof window === 'undefined') return () => {}
  const listener = (e: StorageEvent): void => {
    if (e.key === KEY && e.newValue !== null) onSaved(e.newValue)
  }
  window.addEventListener('storage', listener)
  return () => window.removeEventListener('storage', listener)
}
