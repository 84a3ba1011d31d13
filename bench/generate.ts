/**
 * Seeded generator of benchmark clusters (issue: "Generated clusters at three
 * sizes, from a seeded generator"). The same size and seed always give the
 * same YAML, byte for byte.
 *
 *   S (classroom):  3 nodes,    30 pods,    10 Services,   2 Ingresses
 *   M:             10 nodes,   500 pods,   100 Services,   4 Ingresses (20 rules)
 *   L:             50 nodes, 5,000 pods, 1,000 Services,  20 Ingresses (200 rules)
 *
 * Pod counts are the pods the YAML asks for (Deployment replicas plus one bare
 * `client` pod); the cluster's own CoreDNS and ingress-nginx pods come on top.
 * Node 0 is a tainted control plane, so user pods land on the workers: at L
 * that is ~102 pods per worker, more than a /24 holds (253 addresses is fine,
 * but we give every node a /23 so no size is ever short of pod addresses).
 *
 * The first document is always the Service `svc-0000` in `default`, with its
 * name on line 5: the browser benchmark edits that line.
 */

export type Size = 'S' | 'M' | 'L'

export interface SizeSpec {
  nodes: number
  pods: number
  services: number
  ingresses: number
  ingressRules: number
  namespaces: number
  deployments: number
}

export const SIZES: Record<Size, SizeSpec> = {
  S: { nodes: 3, pods: 30, services: 10, ingresses: 2, ingressRules: 4, namespaces: 1, deployments: 5 },
  M: { nodes: 10, pods: 500, services: 100, ingresses: 4, ingressRules: 20, namespaces: 3, deployments: 50 },
  L: { nodes: 50, pods: 5000, services: 1000, ingresses: 20, ingressRules: 200, namespaces: 5, deployments: 500 },
}

export interface GeneratedCluster {
  size: Size
  seed: number
  yaml: string
  /** 1-based line of `  name: svc-0000` (the browser benchmark edits it). */
  editLine: number
  /** A request that goes through a Service to a pod: from the bare client pod to svc-0000. */
  request: { from: string; url: string }
  /** More requests for the requests/s figure: Services of each type by DNS name, Ingress hosts from outside, one NXDOMAIN. */
  requests: { from: string; url: string; headers?: Record<string, string> }[]
  counts: { nodes: number; pods: number; services: number; ingresses: number; ingressRules: number; deployments: number; documents: number; bytes: number }
}

/** mulberry32: small, fast, good enough for picking shapes. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (n: number, w = 4): string => String(n).padStart(w, '0')

type SvcType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'Headless' | 'ExternalName'

export function generateCluster(size: Size, seed = 42): GeneratedCluster {
  const spec = SIZES[size]
  const rand = rng(seed * 7919 + size.charCodeAt(0))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const docs: string[] = []
  const namespaces = ['default', ...Array.from({ length: spec.namespaces - 1 }, (_, i) => `team-${String.fromCharCode(97 + i)}`)]

  // Deployments: namespace round robin, replicas summing exactly to pods - 1 (the client pod).
  const deployPods = spec.pods - 1
  const replicas = new Array<number>(spec.deployments).fill(1)
  for (let left = deployPods - spec.deployments; left > 0; left--) replicas[Math.floor(rand() * spec.deployments)]++
  const deployments = replicas.map((r, i) => ({
    name: `app-${pad(i)}`,
    namespace: namespaces[i % namespaces.length],
    replicas: r,
    image: pick(['nginx:1.27', 'luksa/kubia', 'hashicorp/http-echo', 'registry.k8s.io/echoserver:1.10']),
    tier: pick(['frontend', 'backend', 'cache', 'worker']),
  }))

  // Services: service i selects deployment (i mod D) in its namespace, so D = services/2 at M and L gives two Services per app.
  const types: SvcType[] = []
  for (let i = 0; i < spec.services; i++) {
    const r = rand()
    types.push(i === 0 ? 'ClusterIP' : r < 0.65 ? 'ClusterIP' : r < 0.8 ? 'NodePort' : r < 0.9 ? 'LoadBalancer' : r < 0.95 ? 'Headless' : 'ExternalName')
  }
  const services = types.map((type, i) => {
    const d = deployments[i % deployments.length]
    return { name: `svc-${pad(i)}`, namespace: d.namespace, type, app: d.name, twoPorts: rand() < 0.3, namedTarget: rand() < 0.4 }
  })

  const svcDoc = (s: (typeof services)[number]): string => {
    const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${s.name}`]
    if (s.namespace !== 'default') lines.push(`  namespace: ${s.namespace}`)
    lines.push('  labels:', `    app: ${s.app}`, 'spec:')
    if (s.type === 'ExternalName') {
      lines.push('  type: ExternalName', `  externalName: ${s.app}.example.com`)
      return lines.join('\n')
    }
    if (s.type === 'Headless') lines.push('  clusterIP: None')
    else if (s.type !== 'ClusterIP') lines.push(`  type: ${s.type}`)
    lines.push('  selector:', `    app: ${s.app}`, '  ports:', '  - name: http', '    port: 80', `    targetPort: ${s.namedTarget ? 'http' : 8080}`)
    if (s.twoPorts) lines.push('  - name: metrics', '    port: 9090', '    targetPort: 9090')
    return lines.join('\n')
  }

  // 1. The edited Service first (its name on line 5, after the comment line).
  const header = `# Benchmark cluster ${size} (seed ${seed}): ${spec.nodes} nodes, ${spec.pods} pods, ${spec.services} Services, ${spec.ingressRules} Ingress rules`
  docs.push(`${header}\n${svcDoc(services[0])}`)

  // 2. Namespaces.
  for (const ns of namespaces.slice(1)) docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}`)

  // 3. Nodes: node-00 is the control plane; every node has a /23 (510 pod addresses).
  for (let i = 0; i < spec.nodes; i++) {
    const cp = i === 0
    const lines = ['apiVersion: v1', 'kind: Node', 'metadata:', `  name: node-${pad(i, 2)}`, '  labels:']
    lines.push(cp ? '    node-role.kubernetes.io/control-plane: ""' : `    topology.kubernetes.io/zone: zone-${String.fromCharCode(97 + (i % 3))}`)
    lines.push('spec:', `  podCIDR: 10.244.${i * 2}.0/23`)
    if (cp) lines.push('  taints:', '  - key: node-role.kubernetes.io/control-plane', '    effect: NoSchedule')
    lines.push('status:', '  addresses:', '  - type: InternalIP', `    address: 192.168.49.${i + 2}`)
    docs.push(lines.join('\n'))
  }

  // 4. A MetalLB pool big enough for every LoadBalancer Service (the built-in cloud pool has 51 addresses).
  if (size !== 'S') {
    docs.push('apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata:\n  name: bench-pool\n  namespace: metallb-system\nspec:\n  addresses:\n  - 172.20.0.0-172.20.15.255')
    docs.push('apiVersion: metallb.io/v1beta1\nkind: L2Advertisement\nmetadata:\n  name: bench-l2\n  namespace: metallb-system')
  }

  // 5. Deployments.
  for (const d of deployments) {
    const lines = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${d.name}`]
    if (d.namespace !== 'default') lines.push(`  namespace: ${d.namespace}`)
    lines.push(
      'spec:', `  replicas: ${d.replicas}`, '  selector:', '    matchLabels:', `      app: ${d.name}`,
      '  template:', '    metadata:', '      labels:', `        app: ${d.name}`, `        tier: ${d.tier}`,
      '    spec:', '      containers:', `      - name: ${d.name.replace('app-', 'c')}`, `        image: ${d.image}`,
      '        ports:', '        - name: http', '          containerPort: 8080', '        - name: metrics', '          containerPort: 9090',
    )
    docs.push(lines.join('\n'))
  }

  // 6. The bare client pod the requests come from.
  docs.push('apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\nspec:\n  containers:\n  - name: client\n    image: curlimages/curl\n    command: ["sleep", "infinity"]')

  // 7. The other Services.
  for (const s of services.slice(1)) docs.push(svcDoc(s))

  // 8. Ingresses: rules are hosts, each with one or two paths to Services of the Ingress's namespace.
  const routable = services.filter((s) => s.type !== 'ExternalName' && s.type !== 'Headless')
  const rulesPer = Math.ceil(spec.ingressRules / spec.ingresses)
  const ingressHosts: { host: string; namespace: string }[] = []
  let ruleCount = 0
  for (let g = 0; g < spec.ingresses; g++) {
    const ns = namespaces[g % namespaces.length]
    const pool = routable.filter((s) => s.namespace === ns)
    const lines = ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', `  name: ing-${pad(g, 3)}`]
    if (ns !== 'default') lines.push(`  namespace: ${ns}`)
    lines.push('spec:', '  ingressClassName: nginx', '  rules:')
    for (let r = 0; r < rulesPer && ruleCount < spec.ingressRules; r++, ruleCount++) {
      const host = `h${pad(ruleCount)}.${ns}.example.com`
      ingressHosts.push({ host, namespace: ns })
      lines.push(`  - host: ${host}`, '    http:', '      paths:')
      const paths = rand() < 0.5 ? ['/'] : ['/', '/api']
      for (const p of paths) {
        const s = pick(pool)
        lines.push(`      - path: ${p}`, '        pathType: Prefix', '        backend:', '          service:', `            name: ${s.name}`, '            port:', '              number: 80')
      }
    }
    docs.push(lines.join('\n'))
  }

  const yaml = docs.join('\n---\n') + '\n'

  const requests: GeneratedCluster['requests'] = []
  const byType = (t: SvcType): (typeof services)[number][] => services.filter((s) => s.type === t)
  const dnsName = (s: (typeof services)[number]): string => (s.namespace === 'default' ? s.name : `${s.name}.${s.namespace}`)
  for (const s of byType('ClusterIP').slice(0, 8)) requests.push({ from: 'pod/client', url: `http://${dnsName(s)}` })
  for (const s of byType('NodePort').slice(0, 3)) requests.push({ from: 'pod/client', url: `http://${s.name}.${s.namespace}.svc.cluster.local` })
  for (const s of byType('Headless').slice(0, 2)) requests.push({ from: 'pod/client', url: `http://${dnsName(s)}:8080` })
  for (const h of ingressHosts.slice(0, 4)) requests.push({ from: 'external', url: `http://${h.host}/api/orders` })
  requests.push({ from: 'pod/client', url: 'http://does-not-exist' })

  return {
    size,
    seed,
    yaml,
    editLine: 5,
    request: { from: 'pod/client', url: 'http://svc-0000' },
    requests,
    counts: {
      nodes: spec.nodes, pods: spec.pods, services: spec.services, ingresses: spec.ingresses, ingressRules: ruleCount,
      deployments: spec.deployments, documents: docs.length, bytes: Buffer.byteLength(yaml),
    },
  }
}
