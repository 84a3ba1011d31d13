/**
 * What a terminal shows, the same in every UI language: the command lines
 * above the dumps and kubectl's placeholders. The inspector's own words are
 * in the i18n strings (inspector.*).
 */
export const NONE = '<none>'
export const PENDING = '<pending>'

export const rulesPrompt = (node: string, command: string): string => `root@${node}:~# ${command}`
export const envPrompt = (pod: string, namespace: string): string => `$ kubectl exec ${pod} -n ${namespace} -- env | sort`
export const describePrompt = (name: string, namespace: string): string => `$ kubectl describe svc ${name} -n ${namespace}`
