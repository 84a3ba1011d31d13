/**
 * The kubelet's view of each pod: its phase and whether it is Ready.
 * Observed status wins when pasted; otherwise readiness probes are
 * evaluated against what the container declares and the files created in
 * it, and the playground's readiness toggle overrides both.
 */
import type { ContainerSpec, PodObject, Probe } from '../model/objects'
import type { Runtime } from './runtime'
import type { NodeState, PodState } from './state'

/** Commands an exec probe may use to test for a file, and the file they test. */
export function fileTestedBy(command: string[]): string | undefined {
  let words = command
  if ((words[0] === 'sh' || words[0] === '/bin/sh' || words[0] === 'bash' || words[0] === '/bin/bash') && words[1] === '-c' && words[2]) {
    words = words[2].trim().split(/\s+/)
  }
  const [cmd, ...args] = words
  const base = cmd?.split('/').pop()
  const file = args.filter((a) => !a.startsWith('-')).pop()
  if (!file) return undefined
  if (base === 'ls' || base === 'cat' || base === 'stat') return file
  if (base === 'test' && (args[0] === '-e' || args[0] === '-f')) return file
  return undefined
}

function probeResult(container: ContainerSpec, probe: Probe, files: string[]): { ok: boolean; why?: string } {
  switch (probe.type) {
    case 'httpGet':
    case 'tcpSocket':
    case 'grpc': {
      const what = probe.type === 'httpGet' ? `HTTP probe on port ${probe.port}` : probe.type === 'tcpSocket' ? `TCP probe on port ${probe.port}` : `gRPC probe on port ${probe.port}`
      if (container.ports.length === 0) return { ok: true }
      if (typeof probe.port === 'string') {
        const found = container.ports.some((p) => p.name === probe.port)
        return found ? { ok: true } : { ok: false, why: `${what} fails: container "${container.name}" has no port named "${probe.port}"` }
      }
      const found = container.ports.some((p) => p.containerPort === probe.port)
      return found
        ? { ok: true }
        : { ok: false, why: `${what} fails: container "${container.name}" listens on ${container.ports.map((p) => p.containerPort).join(', ')}, not ${probe.port}` }
    }
    case 'exec': {
      const file = fileTestedBy(probe.command)
      if (file === undefined) return { ok: true }
      return files.includes(file)
        ? { ok: true }
        : { ok: false, why: `exec probe \`${probe.command.join(' ')}\` fails: ${file} does not exist (create it with kubectl exec ... -- touch ${file})` }
    }
    default: {
      const never: never = probe
      return never
    }
  }
}

export function evaluateReadiness(pods: PodState[], nodes: NodeState[], given: Map<string, PodObject>, runtime: Runtime): void {
  const nodeByName = new Map(nodes.map((n) => [n.name, n]))
  for (const pod of pods) {
    const key = `${pod.namespace}/${pod.name}`
    const observed = given.get(key)?.status
    const node = nodeByName.get(pod.node)
    if (observed?.phase && ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'].includes(observed.phase)) {
      pod.phase = observed.phase as PodState['phase']
    } else {
      pod.phase = node && pod.ip ? 'Running' : 'Pending'
    }
    let ready: boolean
    let why: string | undefined
    if (pod.phase !== 'Running') {
      ready = false
      why = pod.schedulingMessage ?? `the pod is ${pod.phase}`
    } else if (observed?.ready !== undefined) {
      ready = observed.ready
      why = ready ? undefined : 'status.conditions says Ready is False'
    } else {
      ready = true
      for (const c of pod.spec.containers) {
        if (!c.readinessProbe) continue
        const result = probeResult(c, c.readinessProbe, pod.files)
        if (!result.ok) {
          ready = false
          why = result.why
          break
        }
      }
    }
    if (node && !node.ready && pod.phase === 'Running') {
      ready = false
      why = `node ${node.name} is NotReady`
    }
    const forced = runtime.readiness.get(key)
    if (forced !== undefined && pod.phase === 'Running') {
      ready = forced
      why = forced ? undefined : 'set NotReady with the playground\'s readiness toggle'
    }
    pod.ready = ready
    pod.notReadyReason = ready ? undefined : why
  }
}
