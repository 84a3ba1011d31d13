/**
 * The trace beside the graph: player controls, then every step revealed so
 * far with the packet's addresses (what the step rewrote is highlighted),
 * and a live region that reads each new step to screen readers.
 */
import { memo, useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { TraceStep } from '../../engine'
import { useAppStore } from '../../store'
import { SPEEDS } from '../../store/slices/traffic'
import { selectPlaying, selectShownTrace, selectSpeed, selectStepCount } from '../../store/selectors'
import { packetViews, type PacketView } from './packetText'
import { BackIcon, ForwardIcon, PauseIcon, PlayIcon, ReplayIcon } from './icons'

const KIND_LABEL: Record<TraceStep['kind'], string> = {
  dns: 'DNS', send: 'send', loadbalancer: 'LB', nodeport: 'NodePort', dnat: 'DNAT', snat: 'SNAT', route: 'route', ingress: 'Ingress', deliver: 'deliver', reject: 'reject', drop: 'drop',
}

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

function outcomeText(t: NonNullable<ReturnType<typeof selectShownTrace>>): string {
  const o = t.outcome
  if (o.status === 'delivered') return `Delivered to ${o.pod} (${o.ip}:${o.port}); it saw the client as ${o.sourceIP}.`
  if (o.status === 'left-cluster') return `Left the cluster for ${o.host}:${o.port}.`
  return `${o.reason}: ${o.message}`
}

function TracePanel() {
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
    <section className="trace-panel" aria-label="Request trace" data-testid="trace-panel">
      <div className="player" role="toolbar" aria-label="Trace player">
        <button type="button" onClick={a.back} disabled={!trace || count === 0} title="Step back (←)" aria-label="Step back"><BackIcon /></button>
        <button type="button" onClick={a.toggle} disabled={!trace} title="Play or pause (Space)" aria-label={playing ? 'Pause' : 'Play'} data-testid="play">{playing ? <PauseIcon /> : <PlayIcon />}</button>
        <button type="button" onClick={a.forward} disabled={!trace || done} title="Step forward (→)" aria-label="Step forward" data-testid="step-forward"><ForwardIcon /></button>
        <button type="button" onClick={a.replay} disabled={!trace} title="Replay (R)" aria-label="Replay"><ReplayIcon /></button>
        <label className="speed">
          <span className="visually-hidden">Speed</span>
          <select value={speed} onChange={(e) => a.setSpeed(Number(e.target.value))} aria-label="Speed">
            {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        <span className="step-count" aria-hidden="true">{trace ? `${count}/${steps.length}` : ''}</span>
      </div>
      <ol className="steps" ref={listRef} data-testid="trace-steps">
        {steps.slice(0, count).map((s, i) => (
          <li key={i} className={`step ${s.kind}${i === count - 1 ? ' current' : ''}`} data-kind={s.kind} aria-current={i === count - 1 ? 'step' : undefined}>
            <span className={`kind ${s.kind}`}>{KIND_LABEL[s.kind]}</span>
            <span className="text">{s.text}</span>
            {views[i] && <Packet view={views[i]!} />}
          </li>
        ))}
      </ol>
      {done && <p ref={outcomeRef} className={`outcome ${trace.outcome.status}`} data-testid="trace-outcome">{outcomeText(trace)}</p>}
      <div className="visually-hidden" aria-live="polite" data-testid="trace-live">
        {current ? `Step ${count} of ${steps.length}, ${KIND_LABEL[current.kind]}: ${current.text}` : ''}
        {done ? ` ${outcomeText(trace!)}` : ''}
      </div>
    </section>
  )
}

export default memo(TracePanel)
