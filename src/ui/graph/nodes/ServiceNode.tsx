import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import type { Node } from '@xyflow/react'
import type { ServiceNodeData } from '../toFlow'

function portsText(d: ServiceNodeData): string {
  const s = d.service
  if (s.type === 'ExternalName') return `CNAME ${s.externalName ?? ''}`
  return s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(', ') || 'no ports'
}

function ServiceNode({ data, selected }: NodeProps<Node<ServiceNodeData, 'service'>>) {
  const s = data.service
  const address = s.type === 'ExternalName' ? '' : s.clusterIP === 'None' ? 'headless' : s.clusterIP
  return (
    <div className={`k-service${selected ? ' selected' : ''}${s.builtIn ? ' built-in' : ''}`} data-testid={`service-${s.namespace}-${s.name}`}>
      <div className="k-title">
        <span className="k-kind">svc</span>
        <span className="k-name" title={`${s.namespace}/${s.name}`}>{s.name}{s.namespace === 'kube-system' && s.name === 'kube-dns' ? ' (CoreDNS)' : ''}</span>
        <span className="k-type">{s.type}</span>
      </div>
      <div className="k-line mono" title="ClusterIP and ports">
        {address && <span>{address}</span>} <span>{portsText(data)}</span>
      </div>
      <div className="k-line small">
        {s.namespace !== 'default' && <span className="k-ns">{s.namespace} · </span>}
        {data.ready} ready{data.notReady > 0 ? `, ${data.notReady} not ready` : ''}
        {s.externalIPs.length > 0 && <span className="mono"> · ext {s.externalIPs.join(',')}</span>}
        {s.type === 'LoadBalancer' && s.externalIPs.length === 0 && <span> · &lt;pending&gt;</span>}
      </div>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  )
}

export default memo(ServiceNode)
