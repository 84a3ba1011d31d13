/**
 * Service defaulting and validation against the API server's rules
 * (k8s-semantics.md §1.1–1.4, table V1–V30). Every message is the full text
 * kubectl prints for a single cause: `The Service "x" is invalid: <field>: <body>`.
 * Diagnostics about a value point at the value; about a missing or forbidden
 * field at its key.
 */
import { describe, expect, it } from 'vitest'
import { errors, messages, sim, warnings } from '../testing/builders'

/** A Service document; `spec` lines start on line 6, indented by two spaces. */
function svc(spec: string, name = 'x'): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
${spec.replace(/^\n/, '')}`
}

const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
const RFC1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
const RFC1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

function only(yaml: string) {
  const s = sim(yaml)
  return { s, errs: errors(s), msgs: messages(errors(s)) }
}

function userService(s: ReturnType<typeof sim>, name = 'x') {
  return s.services.find((x) => x.name === name && !x.builtIn)
}

describe('V1 metadata.name is a DNS-1035 label', () => {
  it('rejects upper case with the DNS-1035 message, pointing at the name', () => {
    const { s, errs } = only(svc('  ports:\n  - port: 80\n', 'My-Svc'))
    expect(messages(errs)).toEqual([`The Service "My-Svc" is invalid: metadata.name: Invalid value: "My-Svc": ${DNS1035}`])
    expect(errs[0]).toMatchObject({ line: 4, column: 9 })
    expect(userService(s, 'My-Svc')).toBeUndefined()
  })

  it('rejects a leading digit (valid DNS-1123, invalid DNS-1035)', () => {
    const { msgs } = only(svc('  ports:\n  - port: 80\n', '1kubia'))
    expect(msgs).toEqual([`The Service "1kubia" is invalid: metadata.name: Invalid value: "1kubia": ${DNS1035}`])
  })

  it('rejects names longer than 63 characters', () => {
    const name = 'a'.repeat(64)
    const { msgs } = only(svc('  ports:\n  - port: 80\n', name))
    expect(msgs).toContain(`The Service "${name}" is invalid: metadata.name: Invalid value: "${name}": must be no more than 63 characters`)
  })

  it('accepts a 63-character name', () => {
    const { msgs } = only(svc('  ports:\n  - port: 80\n', 'a'.repeat(63)))
    expect(msgs).toEqual([])
  })
})

describe('V2 ports are required unless headless or ExternalName', () => {
  it('a ClusterIP Service without ports is refused at spec.ports', () => {
    const { s, errs } = only(svc('  selector:\n    app: a\n'))
    expect(messages(errs)).toEqual(['The Service "x" is invalid: spec.ports: Required value'])
    expect(userService(s)).toBeUndefined()
  })

  it('a headless Service may have no ports', () => {
    const { s, msgs } = only(svc('  clusterIP: None\n  selector:\n    app: a\n'))
    expect(msgs).toEqual([])
    expect(userService(s)?.clusterIP).toBe('None')
  })

  it('an ExternalName Service may have no ports', () => {
    const { s, msgs } = only(svc('  type: ExternalName\n  externalName: api.example.com\n'))
    expect(msgs).toEqual([])
    expect(userService(s)?.externalName).toBe('api.example.com')
  })
})

describe('V3 every port of a multi-port Service needs a name', () => {
  it('reports every unnamed port, including index 0, each at its port entry', () => {
    const { errs } = only(svc(`  ports:
  - port: 80
  - port: 443
`))
    expect(messages(errs)).toEqual([
      'The Service "x" is invalid: spec.ports[0].name: Required value',
      'The Service "x" is invalid: spec.ports[1].name: Required value',
    ])
    expect(errs.map((e) => e.line)).toEqual([7, 8])
  })

  it('reports only the unnamed one when the other is named', () => {
    const { msgs } = only(svc(`  ports:
  - name: http
    port: 80
  - port: 443
`))
    expect(msgs).toEqual(['The Service "x" is invalid: spec.ports[1].name: Required value'])
  })

  it('a single unnamed port is fine', () => {
    expect(only(svc('  ports:\n  - port: 80\n')).msgs).toEqual([])
  })
})

describe('V4/V5 port names', () => {
  it('V4 rejects a name that is not a lowercase RFC 1123 label, at its value', () => {
    const { errs } = only(svc(`  ports:
  - name: HTTP
    port: 80
`))
    expect(messages(errs)).toEqual([`The Service "x" is invalid: spec.ports[0].name: Invalid value: "HTTP": ${RFC1123_LABEL}`])
    expect(errs[0]).toMatchObject({ line: 7, column: 11 })
  })

  it('V5 rejects a duplicate name on the second port', () => {
    const { errs } = only(svc(`  ports:
  - name: http
    port: 80
  - name: http
    port: 8080
`))
    expect(messages(errs)).toEqual(['The Service "x" is invalid: spec.ports[1].name: Duplicate value: "http"'])
    expect(errs[0].line).toBe(9)
  })
})

describe('V6 port numbers', () => {
  it('rejects port 0 (and the targetPort defaulted from it)', () => {
    const { errs } = only(svc('  ports:\n  - port: 0\n'))
    expect(messages(errs).sort()).toEqual([
      'The Service "x" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'The Service "x" is invalid: spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ])
    expect(errs.find((e) => e.message.includes('.port:'))).toMatchObject({ line: 7, column: 11 })
  })

  it('rejects port 65536 with an explicit valid targetPort', () => {
    expect(only(svc('  ports:\n  - port: 65536\n    targetPort: 8080\n')).msgs).toEqual([
      'The Service "x" is invalid: spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive',
    ])
  })

  it('accepts 1 and 65535', () => {
    expect(only(svc('  ports:\n  - name: a\n    port: 1\n  - name: b\n    port: 65535\n')).msgs).toEqual([])
  })

  it('a port entry without `port` is port 0 (an int32, not a pointer): Invalid value: 0, not Required', () => {
    // ServicePort.Port is a plain int32: omitted means 0, and validateServicePort only runs IsValidPortNum.
    expect(only(svc('  ports:\n  - targetPort: 8080\n')).msgs).toEqual([
      'The Service "x" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ])
  })
})

describe('V7 protocol', () => {
  it('rejects HTTP with the supported list', () => {
    const { errs } = only(svc('  ports:\n  - port: 80\n    protocol: HTTP\n'))
    expect(messages(errs)).toEqual(['The Service "x" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'])
    expect(errs[0]).toMatchObject({ line: 8, column: 15 })
  })

  it('protocols are case-sensitive (tcp is refused)', () => {
    expect(only(svc('  ports:\n  - port: 80\n    protocol: tcp\n')).msgs).toEqual([
      'The Service "x" is invalid: spec.ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    ])
  })

  it('accepts UDP and SCTP', () => {
    expect(only(svc('  ports:\n  - name: a\n    port: 53\n    protocol: UDP\n  - name: b\n    port: 9\n    protocol: SCTP\n')).msgs).toEqual([])
  })
})

describe('V8 targetPort (ValidatePortNumOrName prints the int or the string)', () => {
  const prefix = 'The Service "x" is invalid: spec.ports[0].targetPort: Invalid value: '
  it('rejects a number out of range, at its value', () => {
    const { errs } = only(svc('  ports:\n  - port: 80\n    targetPort: 70000\n'))
    expect(messages(errs)).toEqual([`${prefix}70000: must be between 1 and 65535, inclusive`])
    expect(errs[0]).toMatchObject({ line: 8, column: 17 })
  })

  it('rejects a name with an underscore (IANA_SVC_NAME charset)', () => {
    expect(only(svc('  ports:\n  - port: 80\n    targetPort: http_web\n')).msgs).toEqual([
      `${prefix}"http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
    ])
  })

  it('rejects a name longer than 15 characters', () => {
    expect(only(svc('  ports:\n  - port: 80\n    targetPort: averyverylongname\n')).msgs).toEqual([
      `${prefix}"averyverylongname": must be no more than 15 characters`,
    ])
  })

  it('rejects consecutive and edge hyphens', () => {
    expect(only(svc('  ports:\n  - port: 80\n    targetPort: a--b\n')).msgs).toEqual([`${prefix}"a--b": must not contain consecutive hyphens`])
    expect(only(svc('  ports:\n  - port: 80\n    targetPort: web-\n')).msgs).toEqual([`${prefix}"web-": must not begin or end with a hyphen`])
  })

  it('a quoted number is a string IntOrString and needs a letter', () => {
    expect(only(svc('  ports:\n  - port: 80\n    targetPort: "8080"\n')).msgs).toEqual([`${prefix}"8080": must contain at least one letter (a-z)`])
  })

  it('accepts a valid name such as http-web-svc', () => {
    expect(only(svc('  ports:\n  - port: 80\n    targetPort: http-web-svc\n')).msgs).toEqual([])
  })
})

describe('V9/V10 duplicate ports', () => {
  it('V9 rejects two ports with the same protocol and number, at the second entry', () => {
    const { errs } = only(svc(`  ports:
  - name: a
    port: 80
  - name: b
    port: 80
`))
    expect(errs).toHaveLength(1)
    expect(errs[0].message.startsWith('The Service "x" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{')).toBe(true)
    expect(errs[0].line).toBe(9)
  })

  it('V9 allows the same number with different protocols (DNS 53 TCP + UDP)', () => {
    expect(only(svc(`  ports:
  - name: dns
    port: 53
    protocol: UDP
  - name: dns-tcp
    port: 53
    protocol: TCP
`)).msgs).toEqual([])
  })

  it('V10 rejects the same nodePort twice for one protocol', () => {
    const { msgs } = only(svc(`  type: NodePort
  ports:
  - name: a
    port: 80
    nodePort: 30001
  - name: b
    port: 81
    nodePort: 30001
`))
    expect(msgs).toEqual(['The Service "x" is invalid: spec.ports[1].nodePort: Duplicate value: 30001'])
  })

  it('V10 allows the same nodePort for different protocols', () => {
    const { s, msgs } = only(svc(`  type: NodePort
  ports:
  - name: dns
    port: 53
    protocol: UDP
    nodePort: 30053
  - name: dns-tcp
    port: 53
    protocol: TCP
    nodePort: 30053
`))
    expect(msgs).toEqual([])
    expect(userService(s)?.ports.map((p) => p.nodePort)).toEqual([30053, 30053])
  })
})

describe('V11 nodePort on a ClusterIP Service', () => {
  it('is forbidden, pointing at the nodePort key', () => {
    const { s, errs } = only(svc('  ports:\n  - port: 80\n    nodePort: 30080\n'))
    expect(messages(errs)).toEqual(["The Service \"x\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"])
    expect(errs[0]).toMatchObject({ line: 8, column: 5 })
    expect(userService(s)).toBeUndefined()
  })
})

describe('V12 type', () => {
  it('rejects an unknown type (case matters)', () => {
    const { errs } = only(svc('  type: Nodeport\n  ports:\n  - port: 80\n'))
    expect(messages(errs)).toEqual(['The Service "x" is invalid: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'])
    expect(errs[0]).toMatchObject({ line: 6, column: 9 })
  })
})

describe('V13/V14 session affinity', () => {
  it('V13 rejects an unknown sessionAffinity', () => {
    expect(only(svc('  sessionAffinity: Sticky\n  ports:\n  - port: 80\n')).msgs).toEqual([
      'The Service "x" is invalid: spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    ])
  })

  it('ClientIP without a config defaults the timeout to 10800', () => {
    const { s, msgs } = only(svc('  sessionAffinity: ClientIP\n  ports:\n  - port: 80\n'))
    expect(msgs).toEqual([])
    expect(userService(s)).toMatchObject({ sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 10800 })
  })

  it('ClientIP keeps a given timeout', () => {
    const { s } = only(svc('  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 60\n  ports:\n  - port: 80\n'))
    expect(userService(s)?.sessionAffinityTimeoutSeconds).toBe(60)
  })

  it('V14 rejects timeout 0 and 86401 but accepts exactly 86400', () => {
    const at = (n: number) => only(svc(`  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: ${n}\n  ports:\n  - port: 80\n`))
    const zero = at(0)
    expect(zero.msgs).toEqual(['The Service "x" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400'])
    expect(zero.errs[0]).toMatchObject({ line: 9, column: 23 })
    expect(at(86401).msgs).toEqual(['The Service "x" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400'])
    expect(at(86400).msgs).toEqual([])
  })

  it('a config sent with sessionAffinity None is dropped by defaulting, never rejected', () => {
    const { s, msgs } = only(svc('  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 0\n  ports:\n  - port: 80\n'))
    expect(msgs).toEqual([])
    expect(userService(s)?.sessionAffinity).toBe('None')
    expect(userService(s)?.sessionAffinityTimeoutSeconds).toBeUndefined()
  })
})

describe('V15 clusterIP None on NodePort / LoadBalancer', () => {
  it('NodePort', () => {
    const { errs } = only(svc('  type: NodePort\n  clusterIP: None\n  ports:\n  - port: 80\n'))
    expect(messages(errs)).toEqual(['The Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services'])
    // The user wrote `clusterIP: None` on line 7: that is the field to point at.
    expect(errs[0]).toMatchObject({ line: 7, column: 14 })
  })

  it('LoadBalancer', () => {
    expect(only(svc('  type: LoadBalancer\n  clusterIP: None\n  ports:\n  - port: 80\n')).msgs).toEqual([
      'The Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services',
    ])
  })
})

describe('V16–V18 ExternalName', () => {
  it('V16 forbids a clusterIP', () => {
    const { errs } = only(svc('  type: ExternalName\n  externalName: db.example.com\n  clusterIP: 10.96.5.5\n'))
    expect(messages(errs)).toEqual(['The Service "x" is invalid: spec.clusterIPs: Forbidden: may not be set for ExternalName services'])
  })

  it('V16 forbids ipFamilyPolicy', () => {
    expect(only(svc('  type: ExternalName\n  externalName: db.example.com\n  ipFamilyPolicy: SingleStack\n')).msgs).toEqual([
      'The Service "x" is invalid: spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services',
    ])
  })

  it('V17 requires externalName', () => {
    const { errs } = only(svc('  type: ExternalName\n'))
    expect(messages(errs)).toEqual(['The Service "x" is invalid: spec.externalName: Required value'])
  })

  it('V18 rejects a URL', () => {
    expect(only(svc('  type: ExternalName\n  externalName: https://api.example.com\n')).msgs).toEqual([
      `The Service "x" is invalid: spec.externalName: Invalid value: "https://api.example.com": ${RFC1123_SUBDOMAIN}`,
    ])
  })

  it('V18 accepts one trailing dot (fully qualified name)', () => {
    const { s, msgs } = only(svc('  type: ExternalName\n  externalName: my.db.example.com.\n'))
    expect(msgs).toEqual([])
    expect(userService(s)).toMatchObject({ type: 'ExternalName', clusterIP: '', externalName: 'my.db.example.com.' })
  })

  it('an ExternalName Service gets no ClusterIP, no nodePorts and no internalTrafficPolicy', () => {
    const { s } = only(svc('  type: ExternalName\n  externalName: api.somecompany.com\n  ports:\n  - port: 80\n'))
    const x = userService(s)!
    expect(x.clusterIP).toBe('')
    expect(x.ports.map((p) => p.nodePort)).toEqual([undefined])
    expect(x.internalTrafficPolicy).toBeUndefined()
    expect(x.externalTrafficPolicy).toBeUndefined()
  })
})

describe('V19/V20 clusterIP values', () => {
  it('V19 rejects a malformed address, pointing at the clusterIP value', () => {
    const { errs, msgs } = only(svc('  clusterIP: 10.96.300.1\n  ports:\n  - port: 80\n'))
    expect(msgs).toHaveLength(1)
    expect(errs[0]).toMatchObject({ line: 6, column: 14 })
    expect(msgs[0].startsWith('The Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.300.1": must be a valid IP address')).toBe(true)
  })

  it('V20 rejects clusterIPs[0] that differs from clusterIP, printing the list as Go does', () => {
    expect(only(svc('  clusterIP: 10.96.5.5\n  clusterIPs:\n  - 10.96.5.6\n  ports:\n  - port: 80\n')).msgs).toEqual([
      'The Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.5.6"}: first value must match `clusterIP`',
    ])
  })
})

describe('V23 externalIPs may not be special addresses', () => {
  const cases: [string, string][] = [
    ['127.0.0.1', 'may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ['169.254.10.10', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'],
    ['0.0.0.0', 'may not be unspecified (0.0.0.0, ::)'],
    ['224.0.0.5', 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'],
  ]
  for (const [ip, detail] of cases) {
    it(`rejects ${ip}`, () => {
      const { errs } = only(svc(`  externalIPs:\n  - ${ip}\n  ports:\n  - port: 80\n`))
      expect(messages(errs)).toEqual([`The Service "x" is invalid: spec.externalIPs[0]: Invalid value: "${ip}": ${detail}`])
      expect(errs[0]).toMatchObject({ line: 7, column: 5 })
    })
  }

  it('accepts multicast outside 224.0.0.0/24 (Go IsLinkLocalMulticast is only 224.0.0.x)', () => {
    const { s, msgs } = only(svc('  externalIPs:\n  - 224.1.2.3\n  ports:\n  - port: 80\n'))
    expect(msgs).toEqual([])
    expect(userService(s)?.externalIPs).toEqual(['224.1.2.3'])
  })

  it('accepts a documentation address (docs-service-18 198.51.100.32)', () => {
    const { s, msgs } = only(svc('  externalIPs:\n  - 198.51.100.32\n  ports:\n  - port: 80\n'))
    expect(msgs).toEqual([])
    expect(userService(s)?.externalIPs).toEqual(['198.51.100.32'])
  })
})

describe('V24/V25 externalTrafficPolicy', () => {
  it('V24 Local on a plain ClusterIP Service is refused', () => {
    const { errs } = only(svc('  externalTrafficPolicy: Local\n  ports:\n  - port: 80\n'))
    expect(messages(errs)).toEqual(['The Service "x" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'])
    expect(errs[0]).toMatchObject({ line: 6, column: 26 })
  })

  it('V24 even Cluster is refused on a plain ClusterIP Service', () => {
    expect(only(svc('  externalTrafficPolicy: Cluster\n  ports:\n  - port: 80\n')).msgs).toEqual([
      'The Service "x" is invalid: spec.externalTrafficPolicy: Invalid value: "Cluster": may only be set for externally-accessible services',
    ])
  })

  it('a ClusterIP Service with externalIPs is externally accessible: Local accepted, otherwise defaulted to Cluster', () => {
    const local = only(svc('  externalTrafficPolicy: Local\n  externalIPs:\n  - 198.51.100.32\n  ports:\n  - port: 80\n'))
    expect(local.msgs).toEqual([])
    expect(userService(local.s)?.externalTrafficPolicy).toBe('Local')
    const dflt = only(svc('  externalIPs:\n  - 198.51.100.32\n  ports:\n  - port: 80\n'))
    expect(userService(dflt.s)?.externalTrafficPolicy).toBe('Cluster')
  })

  it('V25 rejects an unknown policy', () => {
    expect(only(svc('  type: NodePort\n  externalTrafficPolicy: Global\n  ports:\n  - port: 80\n')).msgs).toEqual([
      'The Service "x" is invalid: spec.externalTrafficPolicy: Unsupported value: "Global": supported values: "Cluster", "Local"',
    ])
  })

  it('Local is kept on a NodePort Service (KIA kubia-nodeport-onlylocal)', () => {
    const { s, msgs } = only(svc('  type: NodePort\n  externalTrafficPolicy: Local\n  ports:\n  - port: 80\n    nodePort: 30124\n'))
    expect(msgs).toEqual([])
    expect(userService(s)?.externalTrafficPolicy).toBe('Local')
  })
})

describe('V26–V29 LoadBalancer-only fields, kubelet port, internalTrafficPolicy', () => {
  it('V26 healthCheckNodePort outside LoadBalancer + Local', () => {
    expect(only(svc('  type: NodePort\n  healthCheckNodePort: 30500\n  ports:\n  - port: 80\n')).msgs).toEqual([
      "The Service \"x\" is invalid: spec.healthCheckNodePort: Invalid value: 30500: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    ])
  })

  it('V27 allocateLoadBalancerNodePorts on a NodePort Service', () => {
    const { errs } = only(svc('  type: NodePort\n  allocateLoadBalancerNodePorts: false\n  ports:\n  - port: 80\n'))
    expect(messages(errs)).toEqual(["The Service \"x\" is invalid: spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"])
    expect(errs[0]).toMatchObject({ line: 7, column: 3 })
  })

  it('V27 loadBalancerClass on a ClusterIP Service', () => {
    expect(only(svc('  loadBalancerClass: example.com/lb\n  ports:\n  - port: 80\n')).msgs).toEqual([
      "The Service \"x\" is invalid: spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ])
  })

  it('V27 loadBalancerSourceRanges on a NodePort Service (the API server spells the path with a capital L)', () => {
    // validation.go: fieldPath = specPath.Child("LoadBalancerSourceRanges")
    expect(only(svc('  type: NodePort\n  loadBalancerSourceRanges:\n  - 10.0.0.0/8\n  ports:\n  - port: 80\n')).msgs).toEqual([
      "The Service \"x\" is invalid: spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ])
  })

  it('V28 a LoadBalancer may not expose 10250', () => {
    const { errs } = only(svc('  type: LoadBalancer\n  ports:\n  - port: 10250\n'))
    expect(messages(errs)).toEqual(['The Service "x" is invalid: spec.ports[0]: Invalid value: 10250: may not expose port 10250 externally since it is used by kubelet'])
  })

  it('V28 a ClusterIP Service may use 10250', () => {
    expect(only(svc('  ports:\n  - port: 10250\n')).msgs).toEqual([])
  })

  it('V29 rejects an unknown internalTrafficPolicy', () => {
    expect(only(svc('  internalTrafficPolicy: Node\n  ports:\n  - port: 80\n')).msgs).toEqual([
      'The Service "x" is invalid: spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"',
    ])
  })
})

describe('V30 selector labels', () => {
  it('rejects a label value with a space', () => {
    const { msgs } = only(svc('  selector:\n    app: my app\n  ports:\n  - port: 80\n'))
    expect(msgs).toEqual([
      "The Service \"x\" is invalid: spec.selector: Invalid value: \"my app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ])
  })

  it('accepts a prefixed key such as app.kubernetes.io/name', () => {
    expect(only(svc('  selector:\n    app.kubernetes.io/name: MyApp\n  ports:\n  - port: 80\n')).msgs).toEqual([])
  })
})

describe('several causes', () => {
  it('reports each cause of one object separately and refuses the object', () => {
    const { s, msgs } = only(svc(`  type: NodePort
  sessionAffinity: Sticky
  ports:
  - port: 80
    protocol: HTTP
`))
    expect(msgs.sort()).toEqual([
      'The Service "x" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'The Service "x" is invalid: spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    ])
    expect(userService(s)).toBeUndefined()
  })

  it('an invalid Service does not stop a valid one in the next document', () => {
    const s = sim(`${svc('  ports:\n  - port: 80\n    protocol: HTTP\n', 'bad')}---
${svc('  ports:\n  - port: 80\n', 'good')}`)
    expect(userService(s, 'bad')).toBeUndefined()
    expect(userService(s, 'good')).toBeDefined()
    expect(errors(s)).toHaveLength(1)
    expect(errors(s)[0].line).toBe(8)
  })
})

describe('defaults (SetDefaults_Service)', () => {
  it('type ClusterIP, protocol TCP, targetPort = port, sessionAffinity None, ITP Cluster, no ETP', () => {
    const { s, msgs } = only(svc('  selector:\n    app: kubia\n  ports:\n  - port: 80\n'))
    expect(msgs).toEqual([])
    const x = userService(s)!
    expect(x.type).toBe('ClusterIP')
    expect(x.ports).toEqual([{ port: 80, targetPort: 80, protocol: 'TCP' }])
    expect(x.sessionAffinity).toBe('None')
    expect(x.internalTrafficPolicy).toBe('Cluster')
    expect(x.externalTrafficPolicy).toBeUndefined()
    expect(x.publishNotReadyAddresses).toBe(false)
    expect(x.selector).toEqual({ app: 'kubia' })
  })

  it('targetPort 0 and "" also default to port', () => {
    const { s } = only(svc('  ports:\n  - name: a\n    port: 81\n    targetPort: 0\n  - name: b\n    port: 82\n    targetPort: ""\n'))
    expect(userService(s)?.ports.map((p) => p.targetPort)).toEqual([81, 82])
  })

  it('a named targetPort stays a name', () => {
    const { s } = only(svc('  ports:\n  - port: 80\n    targetPort: http-web-svc\n'))
    expect(userService(s)?.ports[0].targetPort).toBe('http-web-svc')
  })

  it('NodePort and LoadBalancer default externalTrafficPolicy to Cluster', () => {
    expect(userService(only(svc('  type: NodePort\n  ports:\n  - port: 80\n')).s)?.externalTrafficPolicy).toBe('Cluster')
    expect(userService(only(svc('  type: LoadBalancer\n  ports:\n  - port: 80\n')).s)?.externalTrafficPolicy).toBe('Cluster')
  })

  it('a Service without selector has selector null', () => {
    expect(userService(only(svc('  ports:\n  - port: 80\n')).s)?.selector).toBeNull()
  })

  it('publishNotReadyAddresses: true is kept', () => {
    expect(userService(only(svc('  publishNotReadyAddresses: true\n  ports:\n  - port: 80\n')).s)?.publishNotReadyAddresses).toBe(true)
  })

  it('a valid Service produces no warnings about itself beyond teaching hints', () => {
    const s = sim(svc('  ports:\n  - port: 80\n'))
    expect(errors(s)).toEqual([])
    expect(warnings(s).filter((w) => w.message.includes('invalid'))).toEqual([])
  })
})
