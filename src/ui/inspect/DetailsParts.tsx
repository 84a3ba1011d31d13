/** The live state of one selected object, as a definition list. */
import { memo, type ReactNode } from 'react'
import type { IngressBackendInfo, IngressInfo, NodeInfo, PodInfo, ServiceInfo, Simulation } from '../../engine'
import { fmt, S } from './strings'
import './inspect.css'

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="ins-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function List({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="mono">{S.common.none}</span>
  return (
    <ul className="ins-list mono">
      {items.map((x, i) => <li key={`${x}-${i}`}>{x}</li>)}
    </ul>
  )
}

const labelList = (labels: Record<string, string>): string[] => Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`)

export const PodState = memo(function PodState({ pod }: { pod: PodInfo }) {
  return (
    <dl className="ins-dl" data-testid="details-pod">
      <Row label={S.details.namespace}><span className="mono">{pod.namespace}</span></Row>
      <Row label={S.details.nodeName}><span className="mono">{pod.node || S.common.none}</span></Row>
      <Row label={S.details.ip}><span className="mono">{pod.ip || S.common.none}</span></Row>
      <Row label={S.details.phase}>{pod.phase}</Row>
      <Row label={S.details.ready}>
        <span className={pod.ready ? 'ins-ok' : 'ins-bad'}>{pod.ready ? S.details.yes : pod.notReadyReason ? fmt(S.details.notReadyWhy, { reason: pod.notReadyReason }) : S.details.no}</span>
      </Row>
      <Row label={S.details.owner}><span className="mono">{pod.ownerKind ? `${pod.ownerKind}/${pod.ownerName}` : S.common.none}</span></Row>
      <Row label={S.details.containers}><List items={pod.containers.map((c) => `${c.name} ${c.image}`)} /></Row>
      <Row label={S.details.ports}><List items={pod.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.containerPort}/${p.protocol}`)} /></Row>
      <Row label={S.details.labels}><List items={labelList(pod.labels)} /></Row>
    </dl>
  )
})

export const ServiceState = memo(function ServiceState({ svc, sim }: { svc: ServiceInfo; sim: Simulation }) {
  const eps = sim.endpoints(svc.name, svc.namespace)
  const ep = (e: { ip: string; port: number; pod?: string }): string => `${e.ip}:${e.port}${e.pod ? ` (${e.pod})` : ''}`
  return (
    <dl className="ins-dl" data-testid="details-service">
      <Row label={S.details.namespace}><span className="mono">{svc.namespace}</span></Row>
      <Row label={S.details.type}>{svc.type}</Row>
      <Row label={S.details.clusterIP}><span className="mono">{svc.clusterIP || S.common.none}</span></Row>
      {svc.externalIPs.length > 0 && <Row label={S.details.externalIPs}><List items={svc.externalIPs} /></Row>}
      <Row label={S.details.ports}>
        <List items={svc.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.nodePort ? `${p.port}:${p.nodePort}` : p.port}/${p.protocol} → ${p.targetPort}`)} />
      </Row>
      <Row label={S.details.selector}><List items={svc.selector ? labelList(svc.selector) : []} /></Row>
      <Row label={S.details.endpointsReady}><List items={eps.ready.map(ep)} /></Row>
      <Row label={S.details.endpointsNotReady}><List items={eps.notReady.map(ep)} /></Row>
    </dl>
  )
})

export const NodeState = memo(function NodeState({ node, sim }: { node: NodeInfo; sim: Simulation }) {
  // The STATUS column of `kubectl get nodes`, as the engine prints it.
  const table = sim.kubectlTable('get nodes -o wide')
  const status = table.rows.find((r) => r[0] === node.name)?.[table.columns.indexOf('STATUS')] ?? (node.ready ? S.details.statusReady : S.details.statusNotReady)
  return (
    <dl className="ins-dl" data-testid="details-node">
      <Row label={S.details.status}><span className={node.ready ? 'ins-ok' : 'ins-bad'}>{status}</span></Row>
      <Row label={S.details.ip}><span className="mono">{node.ip}</span></Row>
      <Row label={S.details.podCIDR}><span className="mono">{node.podCIDR}</span></Row>
      <Row label={S.details.roles}><List items={node.roles} /></Row>
      <Row label={S.details.taints}><List items={node.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)} /></Row>
      <Row label={S.details.labels}><List items={labelList(node.labels)} /></Row>
    </dl>
  )
})

const backendText = (b: IngressBackendInfo): string =>
  b.service ? `${b.service.name}:${b.service.port.number ?? b.service.port.name}` : b.resource ? `${b.resource.kind}/${b.resource.name}` : S.common.none

export const IngressState = memo(function IngressState({ ing }: { ing: IngressInfo }) {
  const rules = ing.rules.flatMap((r) => r.paths.map((p) => `${r.host ?? '*'}${p.path} (${p.pathType}) → ${backendText(p.backend)}`))
  return (
    <dl className="ins-dl" data-testid="details-ingress">
      <Row label={S.details.namespace}><span className="mono">{ing.namespace}</span></Row>
      <Row label={S.details.class}><span className="mono">{ing.ingressClassName ?? S.common.none}</span></Row>
      <Row label={S.details.rules}><List items={rules} /></Row>
      {ing.defaultBackend && <Row label={S.details.defaultBackend}><span className="mono">{backendText(ing.defaultBackend)}</span></Row>}
      <Row label={S.details.address}><span className="mono">{ing.addresses.join(',') || S.details.pending}</span></Row>
    </dl>
  )
})
