/**
 * A command's output as the terminal shows it: monospace, one line per row,
 * never wrapped (the box scrolls sideways), some lines highlighted, a copy
 * button. When the highlighted lines change, the deciding line (or the first
 * highlighted one) is scrolled into view inside the box.
 */
import { memo, useEffect, useMemo, useRef } from 'react'
import CopyButton from './CopyButton'
import './inspect.css'

export type LineMark = 'matched' | 'decisive' | 'service'

interface Props {
  /** The command line shown above the output (or a caption, see `caption`). */
  prompt: string
  /** The prompt is a caption in the UI language, not a command line kept as typed. */
  caption?: boolean
  text: string
  marks?: ReadonlyMap<number, LineMark>
  /** Visually hidden words read before a highlighted line, per mark. */
  markLabels?: Partial<Record<LineMark, string>>
  /** What the copy button copies, for its label. */
  copyWhat: string
  testId?: string
  className?: string
}

function TextDump({ prompt, caption, text, marks, markLabels, copyWhat, testId, className }: Props) {
  const body = useRef<HTMLDivElement>(null)
  const lines = useMemo(() => text.replace(/\n$/, '').split('\n'), [text])
  // Scroll to the line that decided the step (the DNAT, the REJECT...), else the first matched one.
  const first = useMemo(() => {
    if (!marks || marks.size === 0) return -1
    const decisive = [...marks.entries()].filter(([, m]) => m === 'decisive').map(([i]) => i)
    return decisive.length > 0 ? Math.max(...decisive) : Math.min(...marks.keys())
  }, [marks])
  const markKey = useMemo(() => (marks ? [...marks.entries()].map(([i, m]) => `${i}${m[0]}`).join(',') : ''), [marks])
  useEffect(() => {
    const box = body.current
    if (!box || first < 0) return
    const line = box.querySelector<HTMLElement>(`[data-line="${first}"]`)
    if (!line) return
    const top = line.offsetTop
    if (top < box.scrollTop || top + line.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - Math.round(box.clientHeight / 3))
    }
  }, [first, markKey])
  return (
    <section className={`ins-dump${className ? ` ${className}` : ''}`} data-testid={testId}>
      <div className="ins-dump-head">
        <span className="ins-prompt mono" data-i18n-skip={caption ? undefined : ''}>{prompt}</span>
        <CopyButton text={text} what={copyWhat} />
      </div>
      <div className="ins-dump-body mono" ref={body} tabIndex={0} role="region" aria-label={prompt} data-i18n-skip="">
        {lines.map((line, i) => {
          const m = marks?.get(i)
          return (
            <div
              key={i}
              data-line={i}
              data-mark={m}
              className={m ? `ins-line ins-${m}` : 'ins-line'}
              aria-current={m === 'decisive' ? 'true' : undefined}
            >
              {m && markLabels?.[m] && <span className="ins-sr">{markLabels[m]} </span>}
              {line === '' ? ' ' : line}
            </div>
          )
        })}
      </div>
    </section>
  )
}

export default memo(TextDump)
