import { memo, useEffect, useRef, useState } from 'react'
import { fmt, S } from './strings'
import './inspect.css'

/** Copies `text` to the clipboard and says so for a moment. */
function CopyButton({ text, what }: { text: string; what: string }) {
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
    <button type="button" className="ins-copy" onClick={copy} aria-label={fmt(S.common.copyLabel, { what })} data-testid="copy">
      <span aria-live="polite">{state === 'copied' ? S.common.copied : state === 'failed' ? S.common.copyFailed : S.common.copy}</span>
    </button>
  )
}

export default memo(CopyButton)
