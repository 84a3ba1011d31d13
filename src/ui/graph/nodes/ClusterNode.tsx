import { memo } from 'react'
import type { Node, NodeProps } from '@xyflow/react'
import type { ClusterNodeData } from '../toFlow'

function ClusterNode({ data, selected }: NodeProps<Node<ClusterNodeData, 'clusterNode'>>) {
  const n = data.node
  const status = `${n.ready ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''}`
  return (
    <div className={`k-node${selected ? ' selected' : ''}${n.unschedulable ? ' cordoned' : ''}`} data-testid={`node-${n.name}`}>
      <div className="k-title">
        <span className="k-kind">node</span>
        <span className="k-name">{n.name}</span>
        <span className={`k-status ${n.ready ? 'ok' : 'bad'}`}>{status}</span>
      </div>
      <div className="k-line mono">{n.ip}</div>
      <div className="k-line small">pod CIDR <span className="mono">{n.podCIDR}</span></div>
      <div className="k-line small" title="kube-proxy mode and the NodePorts it opens on this node">
        kube-proxy {data.proxyMode}{data.nodePorts.length > 0 && <> · NodePorts <span className="mono">{data.nodePorts.join(', ')}</span></>}
      </div>
      {data.podCount === 0 && <div className="k-empty">no pods</div>}
    </div>
  )
}

export default memo(ClusterNode)
