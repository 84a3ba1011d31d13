/**
 * UI languages: English and Korean (translator.ts; useTranslation.ts in React). The language comes from
 * the share link, else what the user chose before, else the browser, and
 * can be switched at any time. Strings live in ./locales, one file per area,
 * whole sentences with placeholders (never glued together from pieces).
 * English is in the page's first script (it is also every string's
 * fallback); Korean is its own small chunk, loaded when it is chosen, and the
 * page waits for it before its first render (main.tsx), so a Korean reader
 * never sees English first.
 */
import type { en, Strings } from './locales/en'
import { commonEn } from './locales/common.en'
import { Translator, type KeyOf, type Translate } from './translator'

export const LANGUAGES = ['en', 'ko'] as const
export type Lang = (typeof LANGUAGES)[number]
const KEY = 'ksp:lang'

export function detectLanguage(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(KEY)
    if (saved === 'en' || saved === 'ko') return saved
  } catch {
    // storage refused: fall through to the browser's language
  }
  const langs = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en']
  return langs.some((l) => l?.toLowerCase().startsWith('ko')) ? 'ko' : 'en'
}

/** Every key of the English strings: `t('a.b')` with a key that is not there does not compile. */
export type TKey = KeyOf<Strings>
export type TFunction = Translate<TKey>

// English without `classroom.*`: those come with the classroom's components (classroomStrings.ts).
const i18n = new Translator<TKey>('en', commonEn)

// <html lang> (screen readers, CJK glyph choice) and the tab's title follow the language.
i18n.subscribe((lng) => {
  if (typeof document === 'undefined') return
  document.documentElement.lang = lng
  document.title = i18n.t('app.title')
})

/** Strings of a language other than English, loaded on first use. */
const loaders: Record<Exclude<Lang, 'en'>, () => Promise<typeof en>> = {
  ko: () => import('./locales/ko').then((m) => m.ko),
}
const loading = new Map<Lang, Promise<void>>()
function load(lang: Lang): Promise<void> {
  if (lang === 'en') return Promise.resolve()
  let p = loading.get(lang)
  if (!p) {
    p = loaders[lang]().then((strings) => {
      i18n.add(lang, strings)
    })
    // A failed load (offline) is retried next time; the page stays in the language it had.
    p.catch(() => loading.delete(lang))
    loading.set(lang, p)
  }
  return p
}

/** The language last asked for: the page shows it as soon as its strings are in. */
let wanted: Lang = 'en'
let ready: Promise<void> = Promise.resolve()

function show(lang: Lang): void {
  wanted = lang
  ready = load(lang).then(
    () => { if (wanted === lang) i18n.use(lang) },
    () => undefined,
  )
}
show(detectLanguage())

/** The UI language the user chose (it may still be loading). */
export function currentLanguage(): Lang {
  return wanted
}

/** Resolves when the language asked for last is on screen (or could not be loaded). */
export function languageReady(): Promise<void> {
  return ready
}

export function setLanguage(lang: Lang): void {
  show(lang)
  try {
    globalThis.localStorage?.setItem(KEY, lang)
  } catch {
    // not saved: the choice still holds for this page
  }
}

export default i18n
