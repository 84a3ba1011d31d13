/**
 * The playground's translator: whole sentences looked up by dotted key, with
 * {{placeholders}} filled in and plurals chosen by the language's own rules
 * (Intl.PluralRules: `key_one`, `key_other`, ...). A key missing in the
 * current language falls back to English; a key missing everywhere shows
 * itself, so a gap is visible instead of silent. No React here (see
 * useTranslation.ts) and no DOM.
 *
 * It does what the UI needs and no more, in about a kilobyte, where the
 * i18next + react-i18next pair it replaces was 17 kB of the page's first
 * script (issue 7: at most 250 kB before the first paint).
 */

/** A strings tree: every leaf a sentence. */
export interface Strings {
  [key: string]: string | Strings
}

/** `a.b.c` for every leaf of T; a plural's `_one`/`_other` leaves are one key without the suffix. */
export type KeyOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${PluralBase<K>}` : KeyOf<T[K], `${Prefix}${K}.`>
}[keyof T & string]

type PluralBase<K extends string> = K extends `${infer B}_${Intl.LDMLPluralRule}` ? B : K

/** Values for the {{placeholders}}; a number `count` also picks the plural form. */
export type Vars = Readonly<Record<string, string | number>>

export type Translate<Key extends string> = (key: Key, vars?: Vars) => string

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g

export class Translator<Key extends string> {
  private readonly strings = new Map<string, Strings>()
  private readonly plurals = new Map<string, Intl.PluralRules>()
  private readonly fixed = new Map<string, Translate<Key>>()
  private readonly listeners = new Set<(language: string) => void>()
  private current: string

  /** `fallback` is the language every missing key is looked up in. */
  constructor(private readonly fallback: string, strings: Strings) {
    this.current = fallback
    this.strings.set(fallback, copyTree(strings))
  }

  /** The language strings are shown in now. */
  get language(): string {
    return this.current
  }

  /** Adds strings to a language; a key given again keeps its first sentence unless `overwrite`. */
  add(language: string, strings: Strings, overwrite = false): void {
    const into = this.strings.get(language)
    if (into) merge(into, strings, overwrite)
    else this.strings.set(language, copyTree(strings))
  }

  /** Shows `language` from now on and tells the listeners (only when it changes). */
  use(language: string): void {
    if (language === this.current) return
    this.current = language
    for (const listener of [...this.listeners]) listener(language)
  }

  /** Calls `listener` after each change of language; returns the unsubscribe. */
  subscribe(listener: (language: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The sentence for `key` in the current language. */
  t: Translate<Key> = (key, vars) => this.translate(this.current, key, vars)

  /** A translate function for one language; the same function each time for the same language. */
  fixedT(language: string): Translate<Key> {
    let t = this.fixed.get(language)
    if (!t) {
      t = (key, vars) => this.translate(language, key, vars)
      this.fixed.set(language, t)
    }
    return t
  }

  private translate(language: string, key: Key, vars: Vars | undefined): string {
    const count = vars?.count
    const sentence = (typeof count === 'number' ? this.plural(language, key, count) : undefined)
      ?? this.lookup(language, key)
    if (sentence === undefined) return key
    return vars ? sentence.replace(PLACEHOLDER, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : sentence
  }

  /** `key_<form>` for the language's plural form of `count`, else `key_other`. */
  private plural(language: string, key: string, count: number): string | undefined {
    let rules = this.plurals.get(language)
    if (!rules) {
      rules = new Intl.PluralRules(language)
      this.plurals.set(language, rules)
    }
    return this.lookup(language, `${key}_${rules.select(count)}`) ?? this.lookup(language, `${key}_other`)
  }

  /** The leaf at `key` in the language, else in the fallback language. */
  private lookup(language: string, key: string): string | undefined {
    return leaf(this.strings.get(language), key) ?? (language === this.fallback ? undefined : leaf(this.strings.get(this.fallback), key))
  }
}

function leaf(tree: Strings | undefined, key: string): string | undefined {
  let node: string | Strings | undefined = tree
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

function merge(into: Strings, from: Strings, overwrite: boolean): void {
  for (const [k, v] of Object.entries(from)) {
    const have = into[k]
    if (typeof v === 'string') {
      if (have === undefined || overwrite) into[k] = v
    } else if (have !== undefined && typeof have !== 'string') merge(have, v, overwrite)
    else if (have === undefined || overwrite) into[k] = copyTree(v)
  }
}

/** A copy, so that adding to a language never changes the object it was given. */
function copyTree(tree: Strings): Strings {
  const out: Strings = {}
  for (const [k, v] of Object.entries(tree)) out[k] = typeof v === 'string' ? v : copyTree(v)
  return out
}
