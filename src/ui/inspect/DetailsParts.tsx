/** The live state of one selected object, as a definition list. */
import { memo, type ReactNode } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import type { IngressBackendInfo, IngressInfo, NodeInfo, PodInfo, ServiceInfo, Simulation } from '../../engine'
import { NONE, PENDING } from './terminal'
import './inspect.css'

/** A label in the UI language, and the object's values as the cluster has them (not translated, unless `translated`). */
function Row({ label, translated, children }: { label: string; translated?: boolean; children: ReactNode }) {
  return (
    <div className="ins-row">
      <dt>{label}</dt>
      <dd data-i18n-skip={translated ? undefined : ''}>{children}</dd>
    </div>
  )
}

function List({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="mono">{NONE}</span>
  return (
    <ul className="ins-list mono">
      {items.map((x, i) => <li key={`${x}-${i}`}>{x}</li>)}
    </ul>
  )
}

const labelList = (labels: Record<string, string>): string[] => Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`)

export const PodState = memo(function PodState({ pod }: { pod: PodInfo }) {
  const { t } = useTranslation()
  return (
    <dl className="ins-dl" data-testid="details-pod">
      <Row label={t('inspector.details.namespace')}><span className="mono">{pod.namespace}</span></Row>
      <Row label={t('inspector.details.nodeName')}><span className="mono">{pod.node || NONE}</span></Row>
      <Row label={t('inspector.details.ip')}><span className="mono">{pod.ip || NONE}</span></Row>
      <Row label={t('inspector.details.phase')}>{pod.phase}</Row>
      <Row label={t('inspector.details.ready')} translated>
        <span className={pod.ready ? 'ins-ok' : 'ins-bad'}>
          {pod.ready
            ? t('inspector.details.yes')
            : pod.notReadyReason ? <>{t('inspector.details.notReadyWhy')} <span data-i18n-skip="">{pod.notReadyReason}</span></> : t('inspector.details.no')}
        </span>
      </Row>
      <Row label={t('inspector.details.owner')}><span className="mono">{pod.ownerKind ? `${pod.ownerKind}/${pod.ownerName}` : NONE}</span></Row>
      <Row label={t('inspector.details.containers')}><List items={pod.containers.map((c) => `${c.name} ${c.image}`)} /></Row>
      <Row label={t('inspector.details.ports')}><List items={pod.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.containerPort}/${p.protocol}`)} /></Row>
      <Row label={t('inspector.details.labels')}><List items={labelList(pod.labels)} /></Row>
    </dl>
  )
})

export const ServiceState = memo(function ServiceState({ svc, sim }: { svc: ServiceInfo; sim: Simulation }) {
  const { t } = useTranslation()
  const eps = sim.endpoints(svc.name, svc.namespace)
  const ep = (e: { ip: string; port: number; pod?: string }): string => `${e.ip}:${e.port}${e.pod ? ` (${e.pod})` : ''}`
  return (
    <dl className="ins-dl" data-testid="details-service">
      <Row label={t('inspector.details.namespace')}><span className="mono">{svc.namespace}</span></Row>
      <Row label={t('inspector.details.type')}>{svc.type}</Row>
      <Row label={t('inspector.details.clusterIP')}><span className="mono">{svc.clusterIP || NONE}</span></Row>
      {svc.externalIPs.length > 0 && <Row label={t('inspector.details.externalIPs')}><List items={svc.externalIPs} /></Row>}
      <Row label={t('inspector.details.ports')}>
        <List items={svc.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.nodePort ? `${p.port}:${p.nodePort}` : p.port}/${p.protocol} → ${p.targetPort}`)} />
      </Row>
      <Row label={t('inspector.details.selector')}><List items={svc.selector ? labelList(svc.selector) : []} /></Row>
      <Row label={t('inspector.details.endpointsReady')}><List items={eps.ready.map(ep)} /></Row>
      <Row label={t('inspector.details.endpointsNotReady')}><List items={eps.notReady.map(ep)} /></Row>
    </dl>
  )
})

export const NodeState = memo(function NodeState({ node, sim }: { node: NodeInfo; sim: Simulation }) {
  const { t } = useTranslation()
  // The STATUS column of `kubectl get nodes`, as the engine prints it (kubectl's words: not translated).
  const table = sim.kubectlTable('get nodes -o wide')
  const status = table.rows.find((r) => r[0] === node.name)?.[table.columns.indexOf('STATUS')] ?? (node.ready ? 'Ready' : 'NotReady')
  return (
    <dl className="ins-dl" data-testid="details-node">
      <Row label={t('inspector.details.status')}><span className={node.ready ? 'ins-ok' : 'ins-bad'}>{status}</span></Row>
      <Row label={t('inspector.details.ip')}><span className="mono">{node.ip}</span></Row>
      <Row label={t('inspector.details.podCIDR')}><span className="mono">{node.podCIDR}</span></Row>
      <Row label={t('inspector.details.roles')}><List items={node.roles} /></Row>
      <Row label={t('inspector.details.taints')}><List items={node.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)} /></Row>
      <Row label={t('inspector.details.labels')}><List items={labelList(node.labels)} /></Row>
    </dl>
  )
})

const backendText = (b: IngressBackendInfo): string =>
  b.service ? `${b.service.name}:${b.service.port.number ?? b.service.port.name}` : b.resource ? `${b.resource.kind}/${b.resource.name}` : NONE

export const IngressState = memo(function IngressState({ ing }: { ing: IngressInfo }) {
  const { t } = useTranslation()
  const rules = ing.rules.flatMap((r) => r.paths.map((p) => `${r.host ?? '*'}${p.path} (${p.pathType}) → ${backendText(p.backend)}`))
  return (
    <dl className="ins-dl" data-testid="details-ingress">
      <Row label={t('inspector.details.namespace')}><span className="mono">{ing.namespace}</span></Row>
      <Row label={t('inspector.details.class')}><span className="mono">{ing.ingressClassName ?? NONE}</span></Row>
      <Row label={t('inspector.details.rules')}><List items={rules} /></Row>
      {ing.defaultBackend && <Row label={t('inspector.details.defaultBackend')}><span className="mono">{backendText(ing.defaultBackend)}</span></Row>}
      <Row label={t('inspector.details.address')}><span className="mono">{ing.addresses.join(',') || PENDING}</span></Row>
    </dl>
  )
})
