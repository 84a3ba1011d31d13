/**
 * The workload controllers as a real cluster runs them: Deployment ->
 * ReplicaSet `<name>-<pod-template-hash>` -> pods `<rs>-<5 chars>`,
 * ReplicaSet/RC pods `<name>-<5 chars>`, adoption of matching orphan pods,
 * `kubectl scale`, `kubectl delete pod` (the controller makes a new pod with
 * a new name and address; the Service's ClusterIP does not change), and
 * immutability of a Simulation.
 */
import { describe, expect, it } from 'vitest'
import {
  act, deploymentYaml, docs, errors, messages, namespaceYaml, podYaml, rcYaml, rsYaml, serviceYaml, sim, SUFFIX5, TEMPLATE_HASH, userPods,
} from '../testing/builders'

const kubiaPort = { ports: [{ containerPort: 8080 }] }

describe('Deployment -> ReplicaSet -> pods', () => {
  const s = sim(deploymentYaml('kubia', 3, kubiaPort))
  const pods = userPods(s)

  it('makes `replicas` pods', () => {
    expect(errors(s)).toEqual([])
    expect(pods).toHaveLength(3)
  })

  it('names the ReplicaSet <deployment>-<pod-template-hash> and the pods <rs>-<5 chars>', () => {
    const rsName = pods[0].ownerName!
    expect(rsName).toMatch(new RegExp(`^kubia-${TEMPLATE_HASH}$`))
    for (const p of pods) {
      expect(p.ownerKind).toBe('ReplicaSet')
      expect(p.ownerName).toBe(rsName)
      expect(p.name).toMatch(new RegExp(`^${rsName}-${SUFFIX5}$`))
    }
    expect(new Set(pods.map((p) => p.name)).size).toBe(3)
  })

  it('labels the pods with pod-template-hash equal to the ReplicaSet suffix, plus the template labels', () => {
    const hash = pods[0].ownerName!.slice('kubia-'.length)
    for (const p of pods) expect(p.labels).toEqual({ app: 'kubia', 'pod-template-hash': hash })
  })

  it('the same template gives the same hash; a changed template gives another', () => {
    const again = userPods(sim(deploymentYaml('kubia', 3, kubiaPort)))
    expect(again[0].ownerName).toBe(pods[0].ownerName)
    const changed = userPods(sim(deploymentYaml('kubia', 3, { ports: [{ containerPort: 9090 }] })))
    expect(changed[0].ownerName).not.toBe(pods[0].ownerName)
  })

  it('replicas defaults to 1; 0 makes no pods', () => {
    expect(userPods(sim(deploymentYaml('one', undefined)))).toHaveLength(1)
    expect(userPods(sim(deploymentYaml('none', 0)))).toHaveLength(0)
  })

  it('a Deployment does not adopt bare pods (its ReplicaSet selects pod-template-hash)', () => {
    const t = sim(docs(podYaml('manual', { labels: { app: 'kubia' } }), deploymentYaml('kubia', 2)))
    const all = userPods(t)
    expect(all).toHaveLength(3)
    expect(all.find((p) => p.name === 'manual')?.ownerKind).toBeUndefined()
  })

  it('a selector that does not match the template labels is refused', () => {
    const yaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
      - name: c
        image: nginx
`
    const t = sim(yaml)
    expect(messages(errors(t))).toEqual([
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    ])
    expect(userPods(t)).toEqual([])
  })
})

describe('ReplicaSet and ReplicationController pods', () => {
  it('RC pods are <rc>-<5 chars>, owned by the RC, with only the template labels', () => {
    const s = sim(rcYaml('kubia', 3, kubiaPort))
    const pods = userPods(s)
    expect(pods).toHaveLength(3)
    for (const p of pods) {
      expect(p.name).toMatch(new RegExp(`^kubia-${SUFFIX5}$`))
      expect(p).toMatchObject({ ownerKind: 'ReplicationController', ownerName: 'kubia', labels: { app: 'kubia' } })
      expect(p.labels['pod-template-hash']).toBeUndefined()
    }
  })

  it('ReplicaSet pods are <rs>-<5 chars>, owned by the ReplicaSet', () => {
    const pods = userPods(sim(rsYaml('kubia', 2, kubiaPort)))
    expect(pods).toHaveLength(2)
    for (const p of pods) {
      expect(p.name).toMatch(new RegExp(`^kubia-${SUFFIX5}$`))
      expect(p).toMatchObject({ ownerKind: 'ReplicaSet', ownerName: 'kubia' })
    }
  })

  it('a ReplicaSet with matchExpressions (KIA kubia-replicaset-matchexpressions) selects its pods', () => {
    const yaml = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: kubia
spec:
  replicas: 3
  selector:
    matchExpressions:
      - key: app
        operator: In
        values:
         - kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
      - name: kubia
        image: luksa/kubia
`
    const s = sim(yaml)
    expect(errors(s)).toEqual([])
    expect(userPods(s)).toHaveLength(3)
  })

  it('pods of different controllers in different namespaces keep their namespace', () => {
    const s = sim(docs(namespaceYaml('team'), rcYaml('kubia', 2, { namespace: 'team' })))
    expect(userPods(s).map((p) => p.namespace)).toEqual(['team', 'team'])
  })
})

describe('adoption of orphan pods', () => {
  it('an RC adopts a matching bare pod and creates only the missing replicas', () => {
    const s = sim(docs(podYaml('kubia-manual', { labels: { app: 'kubia' }, ...kubiaPort }), rcYaml('kubia', 3, kubiaPort)))
    const pods = userPods(s)
    expect(pods).toHaveLength(3)
    expect(pods.find((p) => p.name === 'kubia-manual')).toMatchObject({ ownerKind: 'ReplicationController', ownerName: 'kubia' })
    expect(pods.filter((p) => p.name !== 'kubia-manual').every((p) => new RegExp(`^kubia-${SUFFIX5}$`).test(p.name))).toBe(true)
  })

  it('a ReplicaSet adopts matching orphans too', () => {
    const s = sim(docs(podYaml('orphan', { labels: { app: 'kubia' } }), rsYaml('kubia', 2)))
    const pods = userPods(s)
    expect(pods).toHaveLength(2)
    expect(pods.find((p) => p.name === 'orphan')).toMatchObject({ ownerKind: 'ReplicaSet', ownerName: 'kubia' })
  })

  it('pods that do not match, live in another namespace, or already have an owner are not adopted', () => {
    const s = sim(docs(
      namespaceYaml('other'),
      podYaml('nomatch', { labels: { app: 'other' } }),
      podYaml('elsewhere', { namespace: 'other', labels: { app: 'kubia' } }),
      rcYaml('kubia', 2),
    ))
    const pods = userPods(s)
    expect(pods.find((p) => p.name === 'nomatch')?.ownerKind).toBeUndefined()
    expect(pods.find((p) => p.name === 'elsewhere')?.ownerKind).toBeUndefined()
    expect(pods.filter((p) => p.ownerName === 'kubia' && p.namespace === 'default')).toHaveLength(2)
  })

  it('with more matching orphans than replicas, the RC adopts them and deletes the surplus', () => {
    // The controller claims every matching orphan, then scales down to spec.replicas.
    const s = sim(docs(
      podYaml('m1', { labels: { app: 'kubia' } }),
      podYaml('m2', { labels: { app: 'kubia' } }),
      rcYaml('kubia', 1),
    ))
    const matching = userPods(s).filter((p) => p.labels.app === 'kubia')
    expect(matching).toHaveLength(1)
    expect(matching[0].ownerName).toBe('kubia')
  })
})

describe('kubectl scale', () => {
  const base = sim(docs(deploymentYaml('kubia', 3, kubiaPort), serviceYaml('kubia')))

  it('scaling up keeps the existing pods and adds new ones', () => {
    const before = userPods(base).map((p) => p.name)
    const up = act(base, { type: 'scale', kind: 'deployment', name: 'kubia', replicas: 5 })
    expect(up.actionLog.at(-1)).toMatchObject({ ok: true, message: 'deployment.apps/kubia scaled' })
    const after = userPods(up).map((p) => p.name)
    expect(after).toHaveLength(5)
    for (const n of before) expect(after).toContain(n)
    expect(up.endpoints('kubia').ready).toHaveLength(5)
  })

  it('scaling down to 1 leaves one pod and one endpoint', () => {
    const down = act(base, { type: 'scale', kind: 'deploy', name: 'kubia', replicas: 1 })
    expect(userPods(down)).toHaveLength(1)
    expect(down.endpoints('kubia').ready).toHaveLength(1)
  })

  it('scales an RC (kubectl scale rc kubia --replicas=5)', () => {
    const s = act(sim(rcYaml('kubia', 3)), { type: 'scale', kind: 'rc', name: 'kubia', replicas: 5 })
    expect(s.actionLog.at(-1)).toMatchObject({ ok: true, message: 'replicationcontroller/kubia scaled' })
    expect(userPods(s)).toHaveLength(5)
  })

  it('an unknown workload is NotFound, in kubectl words', () => {
    const s = act(base, { type: 'scale', kind: 'deployment', name: 'nope', replicas: 2 })
    expect(s.actionLog.at(-1)).toMatchObject({ ok: false, message: 'Error from server (NotFound): deployments.apps "nope" not found' })
    expect(userPods(s)).toHaveLength(3)
    const rc = act(base, { type: 'scale', kind: 'rc', name: 'nope', replicas: 2 })
    expect(rc.actionLog.at(-1)?.message).toBe('Error from server (NotFound): replicationcontrollers "nope" not found')
  })
})

describe('kubectl delete pod', () => {
  const base = sim(docs(rcYaml('kubia', 3, kubiaPort), serviceYaml('kubia'), podYaml('bare', { labels: { app: 'bare' } })))
  const victim = userPods(base).find((p) => p.ownerName === 'kubia')!

  it('the RC replaces the pod: new name, new IP, same count; the others keep name and IP', () => {
    const after = act(base, { type: 'deletePod', pod: victim.name })
    expect(after.actionLog.at(-1)?.ok).toBe(true)
    expect(after.actionLog.at(-1)?.message.split('\n')[0]).toBe(`pod "${victim.name}" deleted`)
    const rcPods = userPods(after).filter((p) => p.ownerName === 'kubia')
    expect(rcPods).toHaveLength(3)
    expect(rcPods.map((p) => p.name)).not.toContain(victim.name)
    const survivors = userPods(base).filter((p) => p.ownerName === 'kubia' && p.name !== victim.name)
    for (const s of survivors) expect(rcPods.find((p) => p.name === s.name)?.ip).toBe(s.ip)
    const fresh = rcPods.find((p) => !survivors.some((s) => s.name === p.name))!
    expect(fresh.name).toMatch(new RegExp(`^kubia-${SUFFIX5}$`))
    expect(fresh.ip).not.toBe(victim.ip)
    expect(fresh.ip).not.toBe('')
  })

  it("the Service's ClusterIP stays; its endpoints follow the new pod", () => {
    const after = act(base, { type: 'deletePod', pod: victim.name })
    const ip = (s: typeof base) => s.services.find((x) => x.name === 'kubia')!.clusterIP
    expect(ip(after)).toBe(ip(base))
    const eps = after.endpoints('kubia').ready.map((e) => e.ip)
    expect(eps).toHaveLength(3)
    expect(eps).not.toContain(victim.ip)
  })

  it('deleting twice in a row keeps replacing (three different generations)', () => {
    const a = act(base, { type: 'deletePod', pod: victim.name })
    const second = userPods(a).find((p) => p.ownerName === 'kubia' && !userPods(base).some((q) => q.name === p.name))!
    const b = act(a, { type: 'deletePod', pod: second.name })
    const names = userPods(b).filter((p) => p.ownerName === 'kubia').map((p) => p.name)
    expect(names).toHaveLength(3)
    expect(names).not.toContain(victim.name)
    expect(names).not.toContain(second.name)
  })

  it('a bare pod is gone for good', () => {
    const after = act(base, { type: 'deletePod', pod: 'bare' })
    expect(userPods(after).find((p) => p.name === 'bare')).toBeUndefined()
    expect(userPods(after)).toHaveLength(3)
  })

  it('an unknown pod is NotFound and changes nothing', () => {
    const after = act(base, { type: 'deletePod', pod: 'nope' })
    expect(after.actionLog.at(-1)).toMatchObject({ ok: false, message: 'Error from server (NotFound): pods "nope" not found' })
    expect(userPods(after).map((p) => p.name)).toEqual(userPods(base).map((p) => p.name))
  })

  it('a pod in another namespace is found only with that namespace', () => {
    const s = sim(docs(namespaceYaml('team'), podYaml('p', { namespace: 'team' })))
    expect(act(s, { type: 'deletePod', pod: 'p' }).actionLog.at(-1)?.ok).toBe(false)
    const ok = act(s, { type: 'deletePod', pod: 'p', namespace: 'team' })
    expect(ok.actionLog.at(-1)?.ok).toBe(true)
    expect(userPods(ok)).toEqual([])
  })
})

describe('apply returns a new Simulation', () => {
  it('never mutates the one it was called on', () => {
    const base = sim(docs(rcYaml('kubia', 3), serviceYaml('kubia')))
    const podsBefore = JSON.stringify(base.pods)
    const servicesBefore = JSON.stringify(base.services)
    const tableBefore = base.kubectl('get pods -o wide')
    const victim = userPods(base)[0].name
    const next = act(act(act(base, { type: 'deletePod', pod: victim }), { type: 'scale', kind: 'rc', name: 'kubia', replicas: 1 }), { type: 'addNode' })
    expect(next).not.toBe(base)
    expect(JSON.stringify(base.pods)).toBe(podsBefore)
    expect(JSON.stringify(base.services)).toBe(servicesBefore)
    expect(base.kubectl('get pods -o wide')).toBe(tableBefore)
    expect(base.actionLog).toEqual([])
    expect(base.nodes).toHaveLength(3)
    expect(next.actionLog.map((a) => a.action.type)).toEqual(['deletePod', 'scale', 'addNode'])
  })

  it('the same actions on the same YAML give the same cluster', () => {
    const run = () => {
      const s = sim(rcYaml('kubia', 3))
      return act(s, { type: 'deletePod', pod: userPods(s)[1].name })
    }
    expect(run().pods).toEqual(run().pods)
  })
})
