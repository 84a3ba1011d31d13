/**
 * Stable identities for React Flow's nodes and edges. React Flow re-renders
 * (and re-measures) an element whenever its object is new, and every engine
 * run or trace step would otherwise hand it new objects for all of them. Here
 * an element that did not change keeps the object it had, so an edit or an
 * animation step re-renders only the elements it actually changed.
 */
import { useRef } from 'react'

export type StableCache<T> = Map<string, { key: unknown; item: T }>

/**
 * `items` with each one replaced by the previous object of the same id when
 * `key` says it is unchanged (keys compare with ===). Returns the new cache:
 * ids that are gone are dropped from it. If nothing changed at all, the
 * previous array itself comes back.
 */
export function stabilize<T extends { id: string }>(
  previous: { cache: StableCache<T>; list: T[] },
  items: T[],
  key: (item: T) => unknown,
): { cache: StableCache<T>; list: T[] } {
  const cache: StableCache<T> = new Map()
  let same = items.length === previous.list.length
  const list = items.map((item, i) => {
    const k = key(item)
    const old = previous.cache.get(item.id)
    const kept = old && old.key === k ? old.item : item
    cache.set(item.id, { key: k, item: kept })
    if (same && previous.list[i] !== kept) same = false
    return kept
  })
  return same ? { cache, list: previous.list } : { cache, list }
}

/** Content key for a plain element: its JSON (objects built the same way list their keys in the same order). */
export const jsonKey = (item: unknown): string => JSON.stringify(item)

/** `stabilize` across renders (call it inside useMemo with the same dependencies as `items`). */
export function useStabilizer<T extends { id: string }>(key: (item: T) => unknown): (items: T[]) => T[] {
  const ref = useRef<{ cache: StableCache<T>; list: T[] }>({ cache: new Map(), list: [] })
  return (items: T[]) => {
    ref.current = stabilize(ref.current, items, key)
    return ref.current.list
  }
}

const ids = new WeakMap<object, number>()
let nextId = 1
/** A number for an object's identity (for keys built from objects that `stabilize` already kept stable). */
export function identityOf(obj: object): number {
  let n = ids.get(obj)
  if (n === undefined) ids.set(obj, (n = nextId++))
  return n
}
