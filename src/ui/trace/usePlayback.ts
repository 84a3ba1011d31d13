/** Advances the trace player one step at a time while it plays. */
import { useEffect } from 'react'
import { useAppStore } from '../../store'
import { selectPlaying, selectShownTrace, selectSpeed, selectStepCount } from '../../store/selectors'

export const STEP_MS = 1100

export function usePlayback(): void {
  const playing = useAppStore(selectPlaying)
  const speed = useAppStore(selectSpeed)
  const trace = useAppStore(selectShownTrace)
  const stepCount = useAppStore(selectStepCount)
  useEffect(() => {
    if (!playing || !trace) return
    if (stepCount >= trace.steps.length) {
      useAppStore.setState({ playing: false })
      return
    }
    const delay = stepCount === 0 ? 150 : STEP_MS / speed
    const timer = setTimeout(() => useAppStore.setState((s) => ({ stepCount: Math.min(s.stepCount + 1, trace.steps.length) })), delay)
    return () => clearTimeout(timer)
  }, [playing, speed, trace, stepCount])
}
