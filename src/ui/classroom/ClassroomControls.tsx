/** Header controls of the classroom: scenarios, share, presentation mode, theme. */
import { memo, useEffect } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import '../../i18n/classroomStrings'
import { useAppStore } from '../../store'
import { decodeShare } from '../../share/shareLink'
import ScenarioPicker from './ScenarioPicker'
import ShareDialog from './ShareDialog'

function ClassroomControls() {
  const { t } = useTranslation()
  const presentation = useAppStore((s) => s.presentation)
  const toggle = useAppStore((s) => s.togglePresentation)
  const theme = useAppStore((s) => s.theme)
  const setTheme = useAppStore((s) => s.setTheme)
  const openLink = useAppStore((s) => s.openLink)
  useEffect(() => {
    const open = (): void => openLink(decodeShare(location.hash), location.hash)
    open()
    window.addEventListener('hashchange', open)
    return () => window.removeEventListener('hashchange', open)
  }, [openLink])
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  return (
    <div className="classroom-controls">
      <ScenarioPicker />
      <ShareDialog />
      <button type="button" onClick={toggle} aria-pressed={presentation} title={t('classroom.presentationTitle')} data-testid="presentation">
        {presentation ? t('classroom.exitPresentation') : t('classroom.presentation')}
      </button>
      <label className="theme">
        <span className="visually-hidden">{t('classroom.theme.label')}</span>
        <select value={theme} onChange={(e) => setTheme(e.target.value === 'dark' ? 'dark' : 'light')} data-testid="theme">
          <option value="light">{t('classroom.theme.light')}</option>
          <option value="dark">{t('classroom.theme.dark')}</option>
        </select>
      </label>
    </div>
  )
}

export default memo(ClassroomControls)
