/** Cluster-wide controls: kube-proxy's mode and joining a node. */
import { memo } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import type { ProxyMode } from '../../engine'
import { useAppStore } from '../../store'
import { selectProxyMode } from '../../store/selectors'

/** The modes kube-proxy knows; ipvs is deprecated and userspace removed upstream. */
const MODES: { mode: ProxyMode; status?: 'deprecated' | 'removed' }[] = [
  { mode: 'iptables' },
  { mode: 'nftables' },
  { mode: 'ipvs', status: 'deprecated' },
  { mode: 'userspace', status: 'removed' },
]

function ClusterControls() {
  const { t } = useTranslation()
  const mode = useAppStore(selectProxyMode)
  const setProxyMode = useAppStore((s) => s.setProxyMode)
  const applyAction = useAppStore((s) => s.applyAction)
  const label = (m: (typeof MODES)[number]): string =>
    m.status === 'deprecated' ? t('header.proxyModeDeprecated', { mode: m.mode }) : m.status === 'removed' ? t('header.proxyModeRemoved', { mode: m.mode }) : m.mode
  return (
    <div className="cluster-controls">
      <label>
        <span>{t('header.proxyMode')}</span>
        <select value={mode} onChange={(e) => setProxyMode(e.target.value as ProxyMode)} data-testid="proxy-mode">
          {MODES.map((m) => <option key={m.mode} value={m.mode}>{label(m)}</option>)}
        </select>
      </label>
      <button type="button" onClick={() => applyAction({ type: 'addNode' })} data-testid="action-add-node">{t('header.addNode')}</button>
    </div>
  )
}

export default memo(ClusterControls)
