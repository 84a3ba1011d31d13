/**
 * The trace beside the graph: player controls, then every step revealed so
 * far with the packet's addresses (what the step rewrote is highlighted),
 * and a live region that reads each new step to screen readers.
 */
import { memo, useEffect, useRef } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'
import { SPEEDS } from '../../store/slices/traffic'
import { selectPlaying, selectShownTrace, selectSpeed, selectStepCount } from '../../store/selectors'
import { packetViews, type PacketView } from './packetText'
import { BackIcon, ForwardIcon, PauseIcon, PlayIcon, ReplayIcon } from './icons'


function Addr({ value, changed }: { value: string; changed: boolean }) {
  return <span className={changed ? 'addr changed' : 'addr'}>{value}</span>
}

function Packet({ view }: { view: PacketView }) {
  return (
    <div className="packet mono">
      <Addr value={view.src} changed={false} /> → <Addr value={view.dst} changed={false} />
      {view.after && (
        <div className="rewrite">
          ⇒ <Addr value={view.after.src} changed={view.after.src !== view.src} /> → <Addr value={view.after.dst} changed={view.after.dst !== view.dst} />
        </div>
      )}
    </div>
  )
}

/** How the request ended, as a sentence; a failure's message is the engine's and stays as it wrote it. */
function OutcomeText({ trace }: { trace: NonNullable<ReturnType<typeof selectShownTrace>> }) {
  const { t } = useTranslation()
  const o = trace.outcome
  if (o.status === 'delivered') return <>{t('trace.delivered', { pod: o.pod, ip: o.ip, port: o.port, sourceIP: o.sourceIP })}</>
  if (o.status === 'left-cluster') return <>{t('trace.leftCluster', { host: o.host, port: o.port })}</>
  return <>{t('trace.failed', { reason: o.reason })} <span data-i18n-skip="">{o.message}</span></>
}

function TracePanel() {
  const { t } = useTranslation()
  const trace = useAppStore(selectShownTrace)
  const count = useAppStore(selectStepCount)
  const playing = useAppStore(selectPlaying)
  const speed = useAppStore(selectSpeed)
  const a = useAppStore(useShallow((s) => ({ toggle: s.togglePlay, back: s.stepBack, forward: s.stepForward, replay: s.replay, setSpeed: s.setSpeed })))
  const listRef = useRef<HTMLOListElement>(null)
  const outcomeRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    const target = outcomeRef.current ?? listRef.current?.querySelector('li.current')
    target?.scrollIntoView({ block: 'nearest' })
  }, [count])
  const steps = trace?.steps ?? []
  const views = packetViews(steps)
  const done = trace !== undefined && count >= steps.length
  const current = steps[count - 1]
  return (
    <section className="trace-panel" aria-label={t('trace.label')} data-testid="trace-panel">
      <div className="player" role="toolbar" aria-label={t('trace.player')}>
        <button type="button" onClick={a.back} disabled={!trace || count === 0} title={t('trace.backTitle')} aria-label={t('trace.back')}><BackIcon /></button>
        <button type="button" onClick={a.toggle} disabled={!trace} title={t('trace.playTitle')} aria-label={playing ? t('trace.pause') : t('trace.play')} data-testid="play">{playing ? <PauseIcon /> : <PlayIcon />}</button>
        <button type="button" onClick={a.forward} disabled={!trace || done} title={t('trace.forwardTitle')} aria-label={t('trace.forward')} data-testid="step-forward"><ForwardIcon /></button>
        <button type="button" onClick={a.replay} disabled={!trace} title={t('trace.replayTitle')} aria-label={t('trace.replay')}><ReplayIcon /></button>
        <label className="speed">
          <span className="visually-hidden">{t('trace.speed')}</span>
          <select value={speed} onChange={(e) => a.setSpeed(Number(e.target.value))} aria-label={t('trace.speed')}>
            {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        <span className="step-count" aria-hidden="true">{trace ? `${count}/${steps.length}` : ''}</span>
      </div>
      <ol className="steps" ref={listRef} data-testid="trace-steps">
        {steps.slice(0, count).map((s, i) => (
          <li key={i} className={`step ${s.kind}${i === count - 1 ? ' current' : ''}`} data-kind={s.kind} aria-current={i === count - 1 ? 'step' : undefined}>
            <span className={`kind ${s.kind}`}>{t(`trace.kind.${s.kind}`)}</span>
            <span className="text" data-i18n-skip="">{s.text}</span>
            {views[i] && <Packet view={views[i]!} />}
          </li>
        ))}
      </ol>
      {done && <p ref={outcomeRef} className={`outcome ${trace.outcome.status}`} data-testid="trace-outcome"><OutcomeText trace={trace} /></p>}
      <div className="visually-hidden" aria-live="polite" data-testid="trace-live">
        {current && <>{t('trace.live', { step: count, total: steps.length, kind: t(`trace.kind.${current.kind}`) })} <span data-i18n-skip="">{current.text}</span></>}
        {done && <> <OutcomeText trace={trace} /></>}
      </div>
    </section>
  )
}

export default memo(TracePanel)
