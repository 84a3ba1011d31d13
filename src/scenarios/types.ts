/**
 * The shapes of the scenario library: a scenario file's header (metadata in
 * YAML inside a leading comment block), the goals a challenge is checked
 * against, and the patches that turn a broken starting YAML into its
 * solution. Plain data only: the picker, the lesson panel, the golden tests
 * and e2e all read the same objects.
 */
import type { Action, Outcome, ProxyMode } from '../engine'

/** A text in both languages the playground speaks. */
export interface Localized {
  en: string
  ko: string
}

/** One step of a guided lesson, in one language. */
export interface LessonText {
  /** What to do (an edit, an action, a request to send). */
  do: string
  /** What to look at while doing it (a trace step, a table, a rule). */
  watch: string
  /** Why it behaves that way (the Kubernetes mechanism). */
  why: string
}

/** The engine's request outcomes. */
export type OutcomeStatus = Outcome['status']
export type FailureReason = Extract<Outcome, { status: 'failed' }>['reason']

/**
 * A request to send from the playground. `from` is `pod/<name>`,
 * `pod/<namespace>/<name>`, `node/<name>` or `external`; a pod may also be
 * named by a label selector (`pod/app=kubia`, `pod/shop/app=web`): the first
 * running pod it matches, by name (`pod/app=kubia#2`: the second).
 */
export interface ScenarioRequest {
  from: string
  url: string
  /** How many times to send it (default 1): round robin, affinity and spread need several. */
  count: number
  /** The HTTP Host header (an Ingress routes on it). */
  host?: string
  /** The external client's address (default 203.0.113.10). */
  clientIP?: string
  headers?: Record<string, string>
}

/**
 * Pods named by label selector (`app=web,tier=front`: equality only), by
 * name, and/or by namespace. In YAML a plain string is a label selector.
 * With no namespace, pods of every namespace the user wrote count (not the
 * cluster's own kube-system and ingress-nginx pods).
 */
export interface PodMatch {
  selector?: string
  namespace?: string
  name?: string
}

/**
 * What the requests of a request goal (or a scenario's suggested request)
 * must show. Every field is optional; each one given is checked.
 */
export interface OutcomeExpect {
  /** Every request ends this way. */
  status?: OutcomeStatus
  /** Every request fails for this reason (implies status: failed). */
  reason?: FailureReason
  /**
   * The source address the pod sees: `client` (the sender's own address:
   * the pod, the node, or the external client), `node` (some node's IP:
   * SNAT), `pod` (some pod's IP other than the sender's: a proxy such as the
   * ingress controller), or a literal IPv4 address.
   */
  sourceIP?: 'client' | 'node' | 'pod' | string
  /** Delivered: the pod's port; left-cluster: the destination port. */
  port?: number
  /** Left-cluster: the outside host (the CNAME target, or the manual endpoint's IP). */
  host?: string
  /** Together the requests reach every running, ready pod this matches, and no other pod. */
  reachesAll?: PodMatch
  /** Every delivered request lands on a pod this matches. */
  reachesOnly?: PodMatch
  /** Every request lands on the same pod (session affinity). */
  samePod?: boolean
  /** The requests reach exactly this many different pods. */
  distinctPods?: number
}

/** What a scenario promises for its suggested request: the status at least. */
export type ScenarioExpect = OutcomeExpect & { status: OutcomeStatus }

/** Send a request (`count` times, on one simulation) and check what happened. */
export interface RequestGoal extends OutcomeExpect {
  request: ScenarioRequest
}

/** Look a name up from a pod, as its resolver would (search list, ndots). */
export interface ResolveGoal {
  resolve: { name: string; from: string; type?: 'A' | 'SRV' }
  rcode?: 'NOERROR' | 'NXDOMAIN'
  /** Exactly this many answers of the asked type (A or SRV). */
  answers?: number
  /** The answer contains a CNAME to this name (an ExternalName Service). */
  cname?: string
  /** The A answers are exactly the IPs of the ready pods this matches (a headless Service). */
  addressesOf?: PodMatch
  /** The single A answer is this Service's ClusterIP (`name` or `namespace/name`). */
  clusterIPOf?: string
  /** The resolver asked exactly this many names before it stopped (the search list and ndots at work). */
  queries?: number
}

/** The environment of a pod's first container (`kubectl exec <pod> -- env`). */
export interface EnvGoal {
  /** A pod reference as in `ScenarioRequest.from`, with or without the `pod/` prefix. */
  env: string
  /** These variables are set. */
  has?: string[]
  /** These variables are not set. */
  lacks?: string[]
}

/** `kubectl get endpoints <service>`. */
export interface EndpointsGoal {
  /** The Service: `name` or `namespace/name`. */
  endpoints: string
  /** Exactly this many ready addresses. */
  ready?: number
  /** Exactly this many not-ready addresses. */
  notReady?: number
  /** The ready addresses are exactly the IPs of the pods this matches. */
  readyPods?: PodMatch
  /** Every ready address uses this port. */
  port?: number
}

/** The YAML loads with no error diagnostics. */
export interface NoErrorsGoal {
  noErrors: true
}

export type Goal = RequestGoal | ResolveGoal | EnvGoal | EndpointsGoal | NoErrorsGoal

/**
 * `Kind/name` or `Kind/namespace/name` (`service/web`, `Deployment/shop/api`):
 * kubectl's way of naming one object; the kind is case-insensitive.
 */
export type ObjectRef = string

/**
 * A change to the YAML text, as a student would make it:
 * - `find`/`replace`: edit the text (`find` must occur exactly once, or once
 *   inside `target` when it is given);
 * - `target` + `merge`: `kubectl patch --type merge` (RFC 7386; a list in the
 *   patch replaces the whole list);
 * - `target` + `delete`: `kubectl delete`;
 * - `add`: `kubectl apply` of one more document, appended at the end.
 */
export type Patch =
  | { find: string; replace: string; target?: ObjectRef }
  | { target: ObjectRef; merge: Record<string, unknown> }
  | { target: ObjectRef; delete: true }
  | { add: string }

/** A runtime action; a pod may be named by a label selector (`app=kubia`: the first running pod it matches, by name; `app=kubia#2`: the second). */
export type LessonAction = Action

/** One step of a guided lesson: the texts, plus what the step does and what must then hold (for the tests and a "do it" button). */
export interface LessonStep {
  en: LessonText
  ko: LessonText
  /** A runtime action this step performs (kubectl delete pod, exec, scale, ...). */
  action?: LessonAction
  /** Edits this step makes to the YAML. */
  patch?: Patch[]
  /** The kube-proxy mode from this step on (the playground's mode switch). */
  proxyMode?: ProxyMode
  /** What holds once the step (and every step before it) is done. */
  check?: Goal[]
}

export interface Scenario {
  id: string
  /** `scenario` for the built-in lessons, `challenge` for the CKA-style tasks under challenges/. */
  kind: 'scenario' | 'challenge'
  /** Place in the picker (lower first; ties by id). */
  order: number
  title: Localized
  summary: Localized
  /** The Kubernetes YAML to load: the file without its header. */
  yaml: string
  /** The whole file, header included. */
  source: string
  request: ScenarioRequest
  /** How the suggested request ends: on the shipped YAML, or, when the scenario has a goal, once fixed. */
  expect: ScenarioExpect
  /** The kube-proxy mode to load it with (unset: the YAML's KubeProxyConfiguration, else iptables). */
  proxyMode?: ProxyMode
  lesson: LessonStep[]
  /** Machine-checkable goals: they fail on the shipped YAML and pass once it is fixed. */
  goal?: Goal[]
  hint?: Localized
  /** How to fix it: patches to the shipped YAML, or the whole corrected YAML. */
  solution?: Patch[] | string
}
