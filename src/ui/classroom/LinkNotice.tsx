/** What opening a link said: why it was refused, or a question before replacing the user's work. */
import { memo } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import '../../i18n/classroomStrings'
import { useAppStore } from '../../store'
import { SHARE_VERSION, type DecodeRefusal } from '../../share/shareFormat'

function useRefusalText(): (reason: DecodeRefusal | undefined, version: number | undefined) => string {
  const { t } = useTranslation()
  return (reason, version) => {
    switch (reason) {
      case 'not-a-share-link': return t('classroom.link.reason.notOurs')
      case 'unsupported-version': return t('classroom.link.reason.future', { version: version ?? '?', supported: SHARE_VERSION })
      case 'corrupt': return t('classroom.link.reason.corrupt')
      case 'too-large': return t('classroom.link.reason.tooLarge')
      default: return t('classroom.link.reason.invalid')
    }
  }
}

function LinkNotice() {
  const { t } = useTranslation()
  const notice = useAppStore((s) => s.linkNotice)
  const accept = useAppStore((s) => s.acceptLink)
  const dismiss = useAppStore((s) => s.dismissLink)
  const refusal = useRefusalText()
  if (!notice) return null
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="link-notice-title" data-testid="link-notice">
        <h2 id="link-notice-title">{notice.kind === 'error' ? t('classroom.link.errorTitle') : t('classroom.link.askTitle')}</h2>
        <p>{notice.kind === 'error' ? refusal(notice.reason, notice.version) : t('classroom.link.askBody')}</p>
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
