/** Keyboard shortcuts for the player: Space play/pause, ←/→ step, R replay. Not while typing. */
import { useEffect } from 'react'
import { useAppStore } from '../../store'

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el) return false
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(el.tagName) || !!el.closest('.monaco-editor')
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return
      const s = useAppStore.getState()
      if (s.presentation && (e.key === ' ' || e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
        // Presentation: the packet first, then the lesson, one press at a time.
        const steps = s.sent[s.shownRequest]?.trace.steps.length ?? 0
        const forward = e.key !== 'ArrowLeft'
        if (forward) {
          if (s.stepCount < steps) s.stepForward()
          else s.setLessonStep(s.lessonStep + 1)
        } else if (s.stepCount > 0 && s.stepCount <= steps) s.stepBack()
        else s.setLessonStep(s.lessonStep - 1)
        e.preventDefault()
        return
      }
      if (e.key === ' ') s.togglePlay()
      else if (e.key === 'ArrowRight') s.stepForward()
      else if (e.key === 'ArrowLeft') s.stepBack()
      else if (e.key === 'r' || e.key === 'R') s.replay()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
