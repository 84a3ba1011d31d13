/**
 * `kubectl get` tables, column for column as kubectl prints them
 * (k8s.io/kubernetes/pkg/printers/internalversion/printers.go).
 */
import type { KubectlGet, KubectlOptions, KubectlTableData } from '../api/types'
import { formatLabels } from '../util/labels'
import type { ClusterState, PodState, ServiceState } from '../cluster/state'
import { humanDuration } from './duration'

export type KubectlTable = KubectlTableData

export interface Clock {
  /** Seconds since the YAML was applied. */
  now: number
  /** Creation time of a pod (`namespace/name`), in the same seconds. */
  podCreated(pod: PodState): number
}

export type PrintOptions = KubectlOptions

export const NODE_VERSION = 'v1.33.1'
const BUILT_IN_AGE = 3600

function joinMax3(items: string[], empty = '<none>'): string {
  if (items.length === 0) return empty
  if (items.length <= 3) return items.join(',')
  return `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`
}

function scoped<T extends { namespace: string }>(items: T[], opts: PrintOptions, isSystem: (t: T) => boolean): T[] {
  if (opts.allNamespaces) return opts.includeSystem ? items : items.filter((i) => !isSystem(i))
  const ns = opts.namespace ?? 'default'
  return items.filter((i) => i.namespace === ns)
}

function withNamespace(table: KubectlTable, namespaces: string[], opts: PrintOptions): KubectlTable {
  if (!opts.allNamespaces) return table
  return { ...table, columns: ['NAMESPACE', ...table.columns], rows: table.rows.map((r, i) => [namespaces[i], ...r]) }
}

function noResources(opts: PrintOptions): string {
  return opts.allNamespaces ? 'No resources found' : `No resources found in ${opts.namespace ?? 'default'} namespace.`
}

export function podsTable(state: ClusterState, clock: Clock, opts: PrintOptions): KubectlTable {
  const pods = scoped(state.pods, opts, (p) => p.builtIn).slice().sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
  const rows = pods.map((p) => {
    const total = p.spec.containers.length
    const ready = p.ready ? total : 0
    const status = p.phase === 'Running' ? 'Running' : p.phase === 'Pending' ? 'Pending' : p.phase
    return [p.name, `${ready}/${total}`, status, '0', humanDuration(clock.now - clock.podCreated(p)), p.ip || '<none>', p.node || '<none>', '<none>', '<none>']
  })
  const table = { columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'], rows, empty: rows.length ? undefined : noResources(opts) }
  return withNamespace(table, pods.map((p) => p.namespace), opts)
}

function portsString(s: ServiceState): string {
  if (s.ports.length === 0) return '<none>'
  return s.ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',')
}

function externalIP(s: ServiceState, wide: boolean): string {
  const svc = s.obj
  switch (svc.type) {
    case 'ClusterIP':
    case 'NodePort':
      return svc.externalIPs.length ? svc.externalIPs.join(',') : '<none>'
    case 'LoadBalancer': {
      // loadBalancerStatusStringer: IPs (or hostnames) as a sorted set, clipped to 16 characters; externalIPs after.
      const ingress = [...new Set([...s.loadBalancerIPs, ...(svc.statusIngressHostnames ?? [])])].sort()
      let lb = ingress.join(',')
      if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`
      if (svc.externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...svc.externalIPs].join(',')
      return lb || '<pending>'
    }
    case 'ExternalName':
      return svc.externalName ?? '<none>'
  }
}

function age(seconds: number): string {
  return humanDuration(seconds)
}

export function servicesTable(state: ClusterState, clock: Clock, opts: PrintOptions & { wide?: boolean }): KubectlTable {
  const list = state.services
    .map((s) => ({ s, namespace: s.obj.meta.namespace }))
    .filter((x) => x.s.obj.meta.namespace !== 'kube-system' || opts.includeSystem || !opts.allNamespaces)
  const svcs = scoped(list, opts, (x) => x.namespace === 'kube-system').sort((a, b) => a.namespace.localeCompare(b.namespace) || a.s.obj.meta.name.localeCompare(b.s.obj.meta.name))
  const rows = svcs.map(({ s }) => {
    const clusterIP = s.obj.type === 'ExternalName' ? '<none>' : s.clusterIP
    const row = [s.obj.meta.name, s.obj.type, clusterIP, externalIP(s, !!opts.wide), portsString(s), age(s.obj.builtIn ? clock.now + BUILT_IN_AGE : clock.now)]
    if (opts.wide) row.push(s.obj.selector ? formatLabels(s.obj.selector) : '<none>')
    return row
  })
  const columns = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']
  if (opts.wide) columns.push('SELECTOR')
  return withNamespace({ columns, rows, empty: rows.length ? undefined : noResources(opts) }, svcs.map((x) => x.namespace), opts)
}

export function endpointsTable(state: ClusterState, clock: Clock, opts: PrintOptions): KubectlTable {
  const items = scoped(state.endpointsObjects, opts, (x) => x.namespace === 'kube-system').slice().sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
  const rows = items.map((o) => {
    // kubectl lists ready addresses only (formatEndpoints): per port, the addresses sorted as the
    // Endpoints object stores them (by IP string).
    const byIP = (a: { ip: string }, b: { ip: string }): number => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0)
    const svc = state.services.find((s) => s.obj.meta.namespace === o.namespace && s.obj.meta.name === o.name)
    const names = svc && svc.ports.length > 0 ? svc.ports.map((p) => p.name) : [...new Set(o.view.ready.map((e) => e.portName))]
    const eps = (names.length ? names : [undefined]).flatMap((name) => o.view.ready.filter((e) => e.portName === name).slice().sort(byIP).map((e) => (e.port ? `${e.ip}:${e.port}` : e.ip)))
    const unique = [...new Set(eps)]
    const text = unique.length === 0 && o.view.notReady.length > 0 ? '' : joinMax3(unique)
    return [o.name, text, age(o.builtIn ? clock.now + BUILT_IN_AGE : clock.now)]
  })
  return withNamespace({ columns: ['NAME', 'ENDPOINTS', 'AGE'], rows, empty: rows.length ? undefined : noResources(opts) }, items.map((x) => x.namespace), opts)
}

export function endpointSlicesTable(state: ClusterState, clock: Clock, opts: PrintOptions): KubectlTable {
  const items = scoped(state.endpointSlices, opts, (s) => s.namespace === 'kube-system').slice().sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
  const rows = items.map((sl) => {
    const ports = sl.ports.length === 0 ? '<unset>' : sl.ports.map((p) => (p.port ? String(p.port) : '<unset>')).join(',')
    const addresses = sl.endpoints.flatMap((e) => e.addresses)
    return [sl.name, sl.addressType, ports, joinMax3(addresses, '<unset>'), age(clock.now)]
  })
  return withNamespace({ columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], rows, empty: rows.length ? undefined : noResources(opts) }, items.map((s) => s.namespace), opts)
}

export function ingressTable(state: ClusterState, clock: Clock, opts: PrintOptions): KubectlTable {
  const list = state.ingresses.map((i) => ({ i, namespace: i.meta.namespace }))
  const items = scoped(list, opts, () => false).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.i.meta.name.localeCompare(b.i.meta.name))
  const rows = items.map(({ i }) => {
    const hosts = i.rules.map((r) => r.host).filter((h): h is string => !!h)
    const hostText = hosts.length === 0 ? '*' : joinMax3(hosts)
    return [i.meta.name, i.ingressClassName ?? '<none>', hostText, i.statusAddresses.join(','), i.tls.length > 0 ? '80, 443' : '80', age(clock.now)]
  })
  return withNamespace({ columns: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'], rows, empty: rows.length ? undefined : noResources(opts) }, items.map((x) => x.namespace), opts)
}

export function nodesTable(state: ClusterState, clock: Clock): KubectlTable {
  const rows = state.nodes.map((n) => {
    const status = `${n.ready ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''}`
    const roles = n.roles.length ? n.roles.join(',') : '<none>'
    return [n.name, status, roles, age(clock.now + (n.docIndex < 0 ? BUILT_IN_AGE : 0)), NODE_VERSION, n.ip, '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-28-amd64', 'containerd://1.7.24']
  })
  return { columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'], rows }
}

/** kubectl's tabwriter: each column as wide as its widest cell, three spaces between columns. */
export function formatTable(table: KubectlTable): string {
  if (table.rows.length === 0 && table.empty) return table.empty
  const all = [table.columns, ...table.rows]
  const widths = table.columns.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)))
  return all
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] + 3))).join('').trimEnd())
    .join('\n')
}

export function kubectlTable(state: ClusterState, clock: Clock, command: KubectlGet, opts: PrintOptions = {}): KubectlTable {
  switch (command) {
    case 'get pods -o wide': return podsTable(state, clock, opts)
    case 'get svc': return servicesTable(state, clock, opts)
    case 'get svc -o wide': return servicesTable(state, clock, { ...opts, wide: true })
    case 'get endpoints': return endpointsTable(state, clock, opts)
    case 'get endpointslices': return endpointSlicesTable(state, clock, opts)
    case 'get ingress': return ingressTable(state, clock, opts)
    case 'get nodes -o wide': return nodesTable(state, clock)
  }
}
