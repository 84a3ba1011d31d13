/**
 * UI languages: English and Korean (react-i18next). The language comes from
 * the share link, else what the user chose before, else the browser, and
 * can be switched at any time. Strings live in ./locales, one file per area,
 * whole sentences with placeholders (never glued together from pieces).
 * English is in the page's first script (it is also every string's
 * fallback); Korean is its own small chunk, loaded when it is chosen, and the
 * page waits for it before its first render (main.tsx), so a Korean reader
 * never sees English first.
 */
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { en } from './locales/en'
import { commonEn } from './locales/common.en'

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

// <html lang> (screen readers, CJK glyph choice) and the tab's title follow the language.
i18n.on('languageChanged', (lng) => {
  if (typeof document === 'undefined') return
  document.documentElement.lang = lng
  document.title = i18n.t('app.title')
})

void i18n.use(initReactI18next).init({
  // English without `classroom.*`: those come with the classroom's components (classroomStrings.ts).
  resources: { en: { translation: commonEn } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
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
      i18n.addResourceBundle(lang, 'translation', strings)
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
    () => { if (wanted === lang) void i18n.changeLanguage(lang) },
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
