/**
 * Which of a pod's environment variables the kubelet made from Services
 * (serviceEnv.ts): the inspector highlights them. A variable the container
 * sets itself wins over a service variable of the same name, so it is not
 * one of them.
 */
import type { ClusterState } from '../cluster/state'
import { servicesForPod, serviceVariables } from './serviceEnv'

export function serviceEnvNames(state: ClusterState, pod: string, namespace = 'default'): string[] {
  const p = state.pods.find((x) => x.name === pod && x.namespace === namespace)
  if (!p) return []
  const own = new Set((p.spec.containers[0]?.env ?? []).map((e) => e.name))
  const names = new Set<string>()
  for (const svc of servicesForPod(state, p)) {
    for (const [name] of serviceVariables(svc)) if (!own.has(name)) names.add(name)
  }
  return [...names].sort()
}
