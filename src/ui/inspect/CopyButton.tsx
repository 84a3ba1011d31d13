import { memo, useEffect, useRef, useState } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import './inspect.css'

/** Copies `text` to the clipboard and says so for a moment. */
function CopyButton({ text, what }: { text: string; what: string }) {
  const { t } = useTranslation()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  const copy = (): void => {
    const done = (next: 'copied' | 'failed'): void => {
      setState(next)
      clearTimeout(timer.current)
      timer.current = setTimeout(() => setState('idle'), 1500)
    }
    if (!navigator.clipboard) {
      done('failed')
      return
    }
    navigator.clipboard.writeText(text).then(() => done('copied'), () => done('failed'))
  }
  return (
    <button type="button" className="ins-copy" onClick={copy} aria-label={t('inspector.common.copyLabel', { what })} data-testid="copy">
      <span aria-live="polite">{state === 'copied' ? t('inspector.common.copied') : state === 'failed' ? t('inspector.common.copyFailed') : t('inspector.common.copy')}</span>
    </button>
  )
}

export default memo(CopyButton)
