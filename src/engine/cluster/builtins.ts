/**
 * Objects every kubeadm cluster has before the user applies anything:
 * the `kubernetes` Service (10.96.0.1:443 -> the API server on 6443),
 * CoreDNS (Deployment coredns and Service kube-dns at 10.96.0.10).
 */
import type { IngressClassObject, ObjectMeta, ServiceObject, WorkloadObject } from '../model/objects'
import { KUBE_DNS_IP, KUBERNETES_SERVICE_IP } from './serviceAllocation'
import { CONTROL_PLANE_TAINT } from './topology'

function meta(name: string, namespace: string, labels: Record<string, string>, seq: number): ObjectMeta {
  return { name, namespace, labels, annotations: {}, docIndex: -1, seq }
}

export const API_SERVER_PORT = 6443
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3'

export function builtInServices(): ServiceObject[] {
  const base = {
    type: 'ClusterIP' as const,
    externalIPs: [],
    sessionAffinity: 'None' as const,
    internalTrafficPolicy: 'Cluster' as const,
    publishNotReadyAddresses: false,
    allocateLoadBalancerNodePorts: true,
    statusIngressIPs: [],
    builtIn: true,
  }
  return [
    {
      ...base,
      meta: meta('kubernetes', 'default', { component: 'apiserver', provider: 'kubernetes' }, -1),
      selector: null,
      requestedClusterIP: KUBERNETES_SERVICE_IP,
      ports: [{ name: 'https', port: 443, targetPort: API_SERVER_PORT, protocol: 'TCP' }],
    },
    {
      ...base,
      meta: meta('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }, -1),
      selector: { 'k8s-app': 'kube-dns' },
      requestedClusterIP: KUBE_DNS_IP,
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
    },
  ]
}

export function builtInWorkloads(controlPlaneNode: string | undefined): WorkloadObject[] {
  return [
    {
      kind: 'Deployment',
      meta: meta('coredns', 'kube-system', { 'k8s-app': 'kube-dns' }, -1),
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' }, matchExpressions: [] },
      template: {
        labels: { 'k8s-app': 'kube-dns' },
        annotations: {},
        spec: {
          containers: [{
            name: 'coredns',
            image: COREDNS_IMAGE,
            ports: [
              { name: 'dns', containerPort: 53, protocol: 'UDP' },
              { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
            ],
            env: [],
          }],
          // kubeadm installs CoreDNS before workers join, so its pods sit on the control plane.
          nodeName: controlPlaneNode,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { key: CONTROL_PLANE_TAINT.key, operator: 'Exists', effect: 'NoSchedule' }],
          enableServiceLinks: true,
          dnsPolicy: 'Default',
        },
      },
    },
  ]
}

/** What the minikube ingress addon installs: the ingress-nginx controller behind a LoadBalancer Service. */
export const INGRESS_NAMESPACE = 'ingress-nginx'
export const INGRESS_CONTROLLER = 'ingress-nginx-controller'
export const INGRESS_NGINX_IMAGE = 'registry.k8s.io/ingress-nginx/controller:v1.12.1'
const INGRESS_LABELS = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }

export function builtInIngressController(): { workload: WorkloadObject; service: ServiceObject; ingressClass: IngressClassObject } {
  return {
    workload: {
      kind: 'Deployment',
      meta: meta(INGRESS_CONTROLLER, INGRESS_NAMESPACE, { ...INGRESS_LABELS }, -1),
      replicas: 1,
      selector: { matchLabels: { ...INGRESS_LABELS }, matchExpressions: [] },
      template: {
        labels: { ...INGRESS_LABELS },
        annotations: {},
        spec: {
          containers: [{
            name: 'controller',
            image: INGRESS_NGINX_IMAGE,
            ports: [
              { name: 'http', containerPort: 80, protocol: 'TCP' },
              { name: 'https', containerPort: 443, protocol: 'TCP' },
            ],
            env: [],
          }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [],
          enableServiceLinks: true,
          dnsPolicy: 'ClusterFirst',
        },
      },
    },
    service: {
      meta: meta(INGRESS_CONTROLLER, INGRESS_NAMESPACE, { ...INGRESS_LABELS }, -1),
      type: 'LoadBalancer',
      selector: { ...INGRESS_LABELS },
      requestedClusterIP: '',
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' },
      ],
      externalIPs: [],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      publishNotReadyAddresses: false,
      allocateLoadBalancerNodePorts: true,
      statusIngressIPs: [],
      builtIn: true,
    },
    ingressClass: {
      meta: { ...meta('nginx', '', { 'app.kubernetes.io/name': 'ingress-nginx' }, -1), annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      controller: 'k8s.io/ingress-nginx',
      isDefault: true,
    },
  }
}

/** True when the YAML brings its own ingress-nginx (a workload with its labels or image). */
export function bringsIngressController(workloads: WorkloadObject[], pods: { template: { labels: Record<string, string>; spec: { containers: { image: string }[] } } }[]): boolean {
  const isController = (t: { labels: Record<string, string>; spec: { containers: { image: string }[] } }): boolean =>
    t.labels['app.kubernetes.io/name'] === 'ingress-nginx' || t.spec.containers.some((c) => c.image.includes('ingress-nginx/controller'))
  return workloads.some((w) => isController(w.template)) || pods.some((p) => isController(p.template))
}
