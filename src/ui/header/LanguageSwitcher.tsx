/** The UI language, switchable at any time. Each language is named in itself, whatever the current one. */
import { memo } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { LANGUAGES, setLanguage, type Lang } from '../../i18n'

const NAMES: Record<Lang, string> = { en: 'English', ko: '한국어' }

function LanguageSwitcher() {
  const { t, language: current } = useTranslation()
  return (
    <select
      className="language-switcher"
      value={current}
      onChange={(e) => setLanguage(e.target.value as Lang)}
      aria-label={t('header.language')}
      title={t('header.language')}
      data-testid="language"
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l}>{NAMES[l]}</option>
      ))}
    </select>
  )
}

export default memo(LanguageSwitcher)
