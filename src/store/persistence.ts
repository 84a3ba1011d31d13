/** Autosave of the editor text in localStorage: what a user typed survives a reload. */
const KEY = 'ksp:yaml:v1'

export function loadSavedYaml(): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? null
  } catch {
    return null
  }
}

/** Returns false when the browser refused (quota, privacy mode): the caller tells the user. */
export function saveYaml(text: string): boolean {
  try {
    globalThis.localStorage?.setItem(KEY, text)
    return true
  } catch {
    return false
  }
}
