/**
 * The translator in React: `const { t, language } = useTranslation()`. The
 * component renders again when the language changes, and `t` is a new
 * function then (the same one as long as the language stays), so memoised
 * values built with it follow the language too.
 */
import { useSyncExternalStore } from 'react'
import i18n, { type Lang, type TFunction } from './index'

const subscribe = (onChange: () => void): (() => void) => i18n.subscribe(onChange)
const snapshot = (): string => i18n.language

export function useTranslation(): { t: TFunction; language: Lang } {
  const language = useSyncExternalStore(subscribe, snapshot, snapshot)
  return { t: i18n.fixedT(language), language: language === 'ko' ? 'ko' : 'en' }
}
