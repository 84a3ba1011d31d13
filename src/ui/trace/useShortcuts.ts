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
