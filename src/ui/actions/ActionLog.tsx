/** The runtime events kept beside the YAML: what was done to the running cluster, and what it said. */
import { memo } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import type { TFunction } from '../../i18n'
import { useAppStore } from '../../store'
import { selectShownSim } from '../../store/selectors'

/** The command line of an action (as typed, so not translated), or a sentence where there is no command. */
function describe(a: { type: string; [k: string]: unknown }, t: TFunction): string {
  switch (a.type) {
    case 'deletePod': return `kubectl delete pod ${a.pod}`
    case 'setReady': return t('log.setReady', { pod: String(a.pod), state: a.ready ? 'Ready' : 'NotReady' })
    case 'exec': return `kubectl exec ${a.pod} -- ${(a.command as string[]).join(' ')}`
    case 'addNode': return t('log.addNode')
    case 'drainNode': return `kubectl drain ${a.node}${a.force ? ' --force' : ''}`
    case 'scale': return `kubectl scale ${a.kind}/${a.name} --replicas=${a.replicas}`
    default: return a.type
  }
}

function ActionLog() {
  const { t } = useTranslation()
  const sim = useAppStore(selectShownSim)
  const clear = useAppStore((s) => s.clearActions)
  if (sim.actionLog.length === 0) return null
  return (
    <section className="action-log" aria-label={t('log.title')} data-testid="action-log">
      <div className="log-head">
        <span>{t('log.title')}</span>
        <button type="button" onClick={clear} data-testid="clear-actions">{t('log.reset')}</button>
      </div>
      <ol>
        {sim.actionLog.map((r, i) => {
          const action = r.action as unknown as { type: string }
          return (
            <li key={i} className={r.ok ? '' : 'failed'}>
              <span className="mono" data-i18n-skip={action.type === 'setReady' || action.type === 'addNode' ? undefined : ''}>{describe(action, t)}</span>
              <span className="result" title={r.message} data-i18n-skip="">{r.message.split('\n').slice(-1)[0]}</span>
            </li>
          )
        })}
      </ol>
    </section>
  )
}

export default memo(ActionLog)
