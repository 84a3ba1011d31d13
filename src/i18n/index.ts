/**
 * UI languages: English and Korean (react-i18next). The language comes from
 * the share link, else what the user chose before, else the browser, and
 * can be switched at any time. Strings live in ./locales, one file per area,
 * whole sentences with placeholders (never glued together from pieces).
 */
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './locales/en'
import { ko } from './locales/ko'

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
  resources: { en: { translation: en }, ko: { translation: ko } },
  lng: detectLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
})

export function setLanguage(lang: Lang): void {
  void i18n.changeLanguage(lang)
  try {
    globalThis.localStorage?.setItem(KEY, lang)
  } catch {
    // not saved: the choice still holds for this page
  }
}

export default i18n
