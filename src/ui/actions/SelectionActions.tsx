/**
 * What can be done to the selected element: delete a pod (its controller
 * replaces it), toggle its readiness, create the file its readiness probe
 * waits for, scale its workload (edits the YAML), drain a node.
 */
import { memo } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { useAppStore } from '../../store'
import { selectSelection, selectShownSim } from '../../store/selectors'
import { replicasIn, scaleInYaml } from './scaleInYaml'

function SelectionActions() {
  const { t } = useTranslation()
  const selection = useAppStore(selectSelection)
  const sim = useAppStore(selectShownSim)
  const applyAction = useAppStore((s) => s.applyAction)
  const yaml = useAppStore((s) => s.yaml)
  const replaceYaml = useAppStore((s) => s.replaceYaml)
  if (!selection) return <p className="hint">{t('actions.hint')}</p>
  const [kind, ...rest] = selection.split('/')
  if (kind === 'pod') {
    const [namespace, name] = rest
    const pod = sim.pods.find((p) => p.namespace === namespace && p.name === name)
    if (!pod) return null
    const replicas = pod.ownerName && pod.docIndex >= 0 ? replicasIn(yaml, pod.docIndex) : undefined
    const waitsForFile = /touch (\S+)/.exec(pod.notReadyReason ?? '')?.[1]
    const scale = (n: number): void => {
      const next = scaleInYaml(yaml, pod.docIndex, n)
      // kubectl scale changes the object, not the runtime: the events so far stay.
      if (next !== undefined) replaceYaml(next, { actions: useAppStore.getState().actions })
    }
    return (
      <div className="selection-actions" data-testid="pod-actions">
        {/* The kind as kubectl names it, then the object's name: neither is translated. */}
        <div className="sel-title"><span className="k-kind">pod</span> <b>{pod.name}</b></div>
        <div className="buttons">
          <button type="button" onClick={() => applyAction({ type: 'deletePod', pod: name, namespace })} data-testid="action-delete-pod">{t('actions.deletePod')}</button>
          <button type="button" onClick={() => applyAction({ type: 'setReady', pod: name, namespace, ready: !pod.ready })} data-testid="action-toggle-ready">
            {pod.ready ? t('actions.makeNotReady') : t('actions.makeReady')}
          </button>
          {waitsForFile && (
            <button type="button" onClick={() => applyAction({ type: 'exec', pod: name, namespace, command: ['touch', waitsForFile] })} data-testid="action-exec-touch" data-i18n-skip="">
              exec touch {waitsForFile}
            </button>
          )}
        </div>
        {replicas !== undefined && (
          <div className="buttons scale" aria-label={t('actions.scale')}>
            {/* The YAML field it edits: spec.replicas of the owner. */}
            <span>{pod.ownerKind === 'ReplicaSet' ? 'replicas' : `${pod.ownerKind} replicas`}: <b data-testid="replicas">{replicas}</b></span>
            <button type="button" onClick={() => scale(Math.max(0, replicas - 1))} aria-label={t('actions.scaleDown')} data-testid="action-scale-down">−</button>
            <button type="button" onClick={() => scale(replicas + 1)} aria-label={t('actions.scaleUp')} data-testid="action-scale-up">+</button>
          </div>
        )}
      </div>
    )
  }
  if (kind === 'node') {
    const node = sim.nodes.find((n) => n.name === rest.join('/'))
    if (!node) return null
    const last = sim.actionLog.at(-1)
    const blocked = last?.action.type === 'drainNode' && last.action.node === node.name && !last.ok
    return (
      <div className="selection-actions" data-testid="node-actions">
        <div className="sel-title"><span className="k-kind">node</span> <b>{node.name}</b></div>
        <div className="buttons">
          <button type="button" onClick={() => applyAction({ type: 'drainNode', node: node.name })} data-testid="action-drain">{t('actions.drain')}</button>
          {blocked && <button type="button" onClick={() => applyAction({ type: 'drainNode', node: node.name, force: true })} data-testid="action-drain-force">{t('actions.drainForce')}</button>}
        </div>
      </div>
    )
  }
  return null
}

export default memo(SelectionActions)
