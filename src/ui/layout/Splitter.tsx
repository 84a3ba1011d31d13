/** A drag handle between two panels; also moves with the arrow keys. */
import { useCallback, useRef } from 'react'

interface Props {
  orientation: 'vertical' | 'horizontal'
  value: number
  onChange(px: number): void
  /** +1 when dragging right/down grows the value, -1 when it shrinks it. */
  direction: 1 | -1
  label: string
}

export default function Splitter({ orientation, value, onChange, direction, label }: Props) {
  const start = useRef<{ pos: number; value: number } | null>(null)
  const onPointerDown = useCallback(
    (e: React.PointerEvent<HTMLDivElement>) => {
      e.currentTarget.setPointerCapture(e.pointerId)
      start.current = { pos: orientation === 'vertical' ? e.clientX : e.clientY, value }
    },
    [orientation, value],
  )
  const onPointerMove = useCallback(
    (e: React.PointerEvent<HTMLDivElement>) => {
      if (!start.current) return
      const pos = orientation === 'vertical' ? e.clientX : e.clientY
      onChange(start.current.value + direction * (pos - start.current.pos))
    },
    [orientation, onChange, direction],
  )
  const onPointerUp = useCallback(() => {
    start.current = null
  }, [])
  const onKeyDown = useCallback(
    (e: React.KeyboardEvent<HTMLDivElement>) => {
      const step = e.shiftKey ? 80 : 20
      const grow = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown'
      const shrink = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp'
      if (e.key === grow) onChange(value + direction * step)
      else if (e.key === shrink) onChange(value - direction * step)
      else return
      e.preventDefault()
    },
    [orientation, onChange, value, direction],
  )
  return (
    <div
      className={`splitter ${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={value}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onKeyDown}
    />
  )
}
