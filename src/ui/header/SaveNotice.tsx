/**
 * What autosave has to say: the browser refused to store the text (quota
 * full, storage disabled), another tab saved over this scenario, or the
 * engine itself failed (the text is saved all the same). The
 * other tab's text is held here until the user picks which one to keep.
 */
import { memo, useEffect } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { useAppStore } from '../../store'
import { watchOtherTabs } from '../../store/persistence'
import { selectSaveFailed } from '../../store/selectors'

function SaveNotice() {
  const { t } = useTranslation()
  const saveFailed = useAppStore(selectSaveFailed)
  const otherTabText = useAppStore((s) => s.otherTabText)
  const otherTabSaved = useAppStore((s) => s.otherTabSaved)
  const loadOther = useAppStore((s) => s.loadOtherTabText)
  const keepMine = useAppStore((s) => s.keepMyText)
  const engineFailure = useAppStore((s) => s.engineFailure)
  useEffect(() => watchOtherTabs(otherTabSaved), [otherTabSaved])
  return (
    <>
      {saveFailed && <span className="save-warning" role="alert" data-testid="save-failed">{t('app.saveFailed')}</span>}
      {engineFailure !== null && <span className="save-warning" role="alert" data-testid="engine-failure">{t('app.engineFailed', { message: engineFailure })}</span>}
      {otherTabText !== null && (
        <div className="save-conflict" role="alert" data-testid="other-tab">
          <span>{t('save.otherTab')}</span>
          <button type="button" onClick={loadOther} data-testid="other-tab-load">{t('save.useOther')}</button>
          <button type="button" onClick={keepMine} data-testid="other-tab-keep">{t('save.keepMine')}</button>
        </div>
      )}
    </>
  )
}

export default memo(SaveNotice)
