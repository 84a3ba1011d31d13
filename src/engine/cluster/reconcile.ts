/**
 * The control plane in one pass: nodes, controllers, scheduler, pod IPs,
 * readiness, Service allocation, load balancers, endpoints. Pure: the same
 * desired state, runtime and seed give the same cluster.
 */
import type { Ep } from '../api/types'
import type { Manifest } from '../parse/parseManifests'
import type { DesiredState, IngressClassObject, IngressObject, PodObject } from '../model/objects'
import { builtInIngressController, builtInServices, builtInWorkloads, bringsIngressController, API_SERVER_PORT, INGRESS_NAMESPACE } from './builtins'
import { MAX_CONTROLLER_PODS, runControllers } from './controllers'
import { runEndpointsControllers } from './endpointsController'
import { assignLoadBalancers } from './loadBalancers'
import { assignPodIPs } from './podNetwork'
import { evaluateReadiness } from './readiness'
import { Reporter } from './report'
import type { Runtime } from './runtime'
import { schedulePods } from './scheduler'
import { allocateServices } from './serviceAllocation'
import type { ClusterState, ServiceState } from './state'
import { buildNodes } from './topology'
import { BUILT_IN_NAMESPACES } from '../objects/decodeObjects'
import { checkReferences } from './references'

export function reconcileCluster(desired: DesiredState, runtime: Runtime, seed: number, manifests: Manifest[]): ClusterState {
  const report = new Reporter(manifests)
  const nodes = buildNodes(desired.nodes, runtime.extraNodes, report)
  for (const n of nodes) if (runtime.cordoned.has(n.name)) n.unschedulable = true
  const controlPlane = nodes.find((n) => n.roles.includes('control-plane') || n.roles.includes('master'))
  const coreDnsNode = controlPlane && !controlPlane.unschedulable && controlPlane.ready ? controlPlane.name : undefined

  // An Ingress needs a controller: without one in the YAML, the addon's ingress-nginx is installed.
  const addon = desired.ingresses.length > 0 && !bringsIngressController(desired.workloads, desired.pods) ? builtInIngressController() : undefined
  const { pods, replicaSets, throttled } = runControllers({
    seed,
    workloads: [...builtInWorkloads(coreDnsNode), ...(addon ? [addon.workload] : []), ...desired.workloads],
    pods: desired.pods,
    runtime,
  })
  for (const { workload: w, replicas, running } of throttled) {
    report.about(w.meta, w.kind, w.meta.name, ['spec', 'replicas'], 'warning',
      `${w.kind} ${w.meta.name} wants ${replicas} pods: the playground runs at most ${MAX_CONTROLLER_PODS} pods made by controllers, so it shows ${running} of them`, 'POD_LIMIT')
  }
  const given = new Map<string, PodObject>()
  for (const p of desired.pods) if (p.meta.name) given.set(`${p.meta.namespace}/${p.meta.name}`, p)
  const boundNodes = new Map([...runtime.bindings].map(([k, b]) => [k, b.node]))
  schedulePods(pods, nodes, seed, boundNodes)
  assignPodIPs(pods, nodes, seed, given, report, runtime.bindings)
  evaluateReadiness(pods, nodes, given, runtime)

  const serviceObjects = [...builtInServices(), ...(addon ? [addon.service] : []), ...desired.services]
  const allocations = allocateServices(serviceObjects, seed, report)
  const lbs = assignLoadBalancers(serviceObjects.filter((s) => allocations.get(s)!.accepted), desired.addressPools, report)
  const services: ServiceState[] = []
  for (const obj of serviceObjects) {
    const alloc = allocations.get(obj)!
    if (!alloc.accepted) continue
    const lb = lbs.get(obj)
    services.push({ obj, clusterIP: alloc.clusterIP, ports: alloc.ports, loadBalancerIPs: lb?.ips ?? [], loadBalancerPool: lb?.pool })
  }

  const apiServer: Ep[] = controlPlane ? [{ ip: controlPlane.ip, port: API_SERVER_PORT, portName: 'https', node: controlPlane.name }] : []
  const { endpoints, slices, objects: endpointsObjects } = runEndpointsControllers(services, pods, desired.endpoints, desired.endpointSlices, apiServer)

  const ingressClasses = [...(addon ? [addon.ingressClass] : []), ...desired.ingressClasses]
  const ingresses = admitIngresses(desired.ingresses, ingressClasses, services)
  const state: ClusterState = {
    nodes,
    pods,
    services,
    replicaSets,
    endpoints,
    endpointSlices: slices,
    endpointsObjects,
    ingresses,
    ingressClasses,
    namespaces: [
      ...BUILT_IN_NAMESPACES.map((name) => ({ name, builtIn: true })),
      ...(addon ? [{ name: INGRESS_NAMESPACE, builtIn: true }] : []),
      ...desired.namespaces.filter((n) => !BUILT_IN_NAMESPACES.includes(n.meta.name)).map((n) => ({ name: n.meta.name, builtIn: false })),
    ],
    diagnostics: report.diagnostics,
  }
  checkReferences(state, desired, report)
  return state
}

/**
 * The DefaultIngressClass admission plugin (an Ingress without a class gets
 * the one default class) and the controller's status update (the address of
 * its Service).
 */
function admitIngresses(ingresses: IngressObject[], classes: IngressClassObject[], services: ServiceState[]): IngressObject[] {
  const defaults = classes.filter((c) => c.isDefault)
  const controllerService = services.find((s) => s.obj.builtIn && s.obj.meta.namespace === INGRESS_NAMESPACE)
  return ingresses.map((i) => {
    // With several default classes the most recently created one wins (the addon's comes first).
    const ingressClassName = i.ingressClassName ?? (i.classAnnotation === undefined && defaults.length > 0 ? defaults[defaults.length - 1].meta.name : undefined)
    const cls = classes.find((c) => c.meta.name === (ingressClassName ?? i.classAnnotation))
    const served = cls?.controller === 'k8s.io/ingress-nginx' || (!cls && (ingressClassName ?? i.classAnnotation) === 'nginx')
    const statusAddresses = i.statusAddresses.length > 0 || !served || !controllerService ? i.statusAddresses : controllerService.loadBalancerIPs
    return { ...i, ingressClassName, statusAddresses }
  })
}
