/** The runtime events kept beside the YAML: what was done to the running cluster, and what it said. */
import { memo } from 'react'
import { useAppStore } from '../../store'
import { selectShownSim } from '../../store/selectors'

function describe(a: { type: string; [k: string]: unknown }): string {
  switch (a.type) {
    case 'deletePod': return `kubectl delete pod ${a.pod}`
    case 'setReady': return `readiness of ${a.pod} → ${a.ready ? 'Ready' : 'NotReady'}`
    case 'exec': return `kubectl exec ${a.pod} -- ${(a.command as string[]).join(' ')}`
    case 'addNode': return 'kubeadm join (new node)'
    case 'drainNode': return `kubectl drain ${a.node}${a.force ? ' --force' : ''}`
    case 'scale': return `kubectl scale ${a.kind}/${a.name} --replicas=${a.replicas}`
    default: return a.type
  }
}

function ActionLog() {
  const sim = useAppStore(selectShownSim)
  const clear = useAppStore((s) => s.clearActions)
  if (sim.actionLog.length === 0) return null
  return (
    <section className="action-log" aria-label="Runtime events" data-testid="action-log">
      <div className="log-head">
        <span>Runtime events</span>
        <button type="button" onClick={clear} data-testid="clear-actions">Reset</button>
      </div>
      <ol>
        {sim.actionLog.map((r, i) => (
          <li key={i} className={r.ok ? '' : 'failed'} title={r.message}>
            <span className="mono">{describe(r.action as unknown as { type: string })}</span>
            <span className="result">{r.message.split('\n').slice(-1)[0]}</span>
          </li>
        ))}
      </ol>
    </section>
  )
}

export default memo(ActionLog)
