/** Cluster-wide controls: kube-proxy's mode and joining a node. */
import { memo } from 'react'
import type { ProxyMode } from '../../engine'
import { useAppStore } from '../../store'
import { selectProxyMode } from '../../store/selectors'

const MODES: { mode: ProxyMode; label: string }[] = [
  { mode: 'iptables', label: 'iptables' },
  { mode: 'nftables', label: 'nftables' },
  { mode: 'ipvs', label: 'ipvs (deprecated)' },
  { mode: 'userspace', label: 'userspace (removed)' },
]

function ClusterControls() {
  const mode = useAppStore(selectProxyMode)
  const setProxyMode = useAppStore((s) => s.setProxyMode)
  const applyAction = useAppStore((s) => s.applyAction)
  return (
    <div className="cluster-controls">
      <label>
        <span>kube-proxy</span>
        <select value={mode} onChange={(e) => setProxyMode(e.target.value as ProxyMode)} data-testid="proxy-mode">
          {MODES.map((m) => <option key={m.mode} value={m.mode}>{m.label}</option>)}
        </select>
      </label>
      <button type="button" onClick={() => applyAction({ type: 'addNode' })} data-testid="action-add-node">Add node</button>
    </div>
  )
}

export default memo(ClusterControls)
