/** Text helpers shared by the decoders and the explanations. */

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = cur
    }
  }
  return row[b.length]
}

/** Byte-wise string order, as Go's sort.Strings (not locale order): the order allocators take objects in. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Objects in namespace/name order, so what is handed out does not depend on the order documents were written in. */
export function byNamespacedName<T>(key: (item: T) => { namespace: string; name: string }): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a)
    const kb = key(b)
    return compareStrings(`${ka.namespace}/${ka.name}`, `${kb.namespace}/${kb.name}`)
  }
}
