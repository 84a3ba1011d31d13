/** What opening a link said: why it was refused, or a question before replacing the user's work. */
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'

function LinkNotice() {
  const { t } = useTranslation()
  const notice = useAppStore((s) => s.linkNotice)
  const accept = useAppStore((s) => s.acceptLink)
  const dismiss = useAppStore((s) => s.dismissLink)
  if (!notice) return null
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="link-notice-title" data-testid="link-notice">
        <h2 id="link-notice-title">{notice.kind === 'error' ? t('classroom.link.errorTitle') : t('classroom.link.askTitle')}</h2>
        <p>{notice.kind === 'error' ? notice.detail : t('classroom.link.askBody')}</p>
        {notice.kind === 'error' && <p className="muted">{t('classroom.link.keptWork')}</p>}
        <div className="buttons">
          {notice.kind === 'ask' && <button type="button" className="primary" onClick={accept} data-testid="link-open">{t('classroom.link.open')}</button>}
          <button type="button" onClick={dismiss} data-testid="link-keep">{notice.kind === 'ask' ? t('classroom.link.keep') : t('classroom.close')}</button>
        </div>
      </div>
    </div>
  )
}

export default memo(LinkNotice)
