/**
 * kube-proxy's chain names (pkg/proxy/iptables/proxier.go): the first 16
 * characters of base32(sha256(servicePortName + protocol [+ endpoint])).
 */
import { base32, sha256 } from './sha256'

/** ServicePortName.String(): `ns/name:port`, or `ns/name` for an unnamed port. */
export function servicePortName(namespace: string, name: string, portName?: string): string {
  return portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`
}

export function portProtoHash(spn: string, protocol: string): string {
  return base32(sha256(spn + protocol.toLowerCase())).slice(0, 16)
}

export function svcChain(spn: string, protocol: string): string {
  return `KUBE-SVC-${portProtoHash(spn, protocol)}`
}
export function svlChain(spn: string, protocol: string): string {
  return `KUBE-SVL-${portProtoHash(spn, protocol)}`
}
export function extChain(spn: string, protocol: string): string {
  return `KUBE-EXT-${portProtoHash(spn, protocol)}`
}
export function fwChain(spn: string, protocol: string): string {
  return `KUBE-FW-${portProtoHash(spn, protocol)}`
}
/** KUBE-SEP-<hash(spn + protocol + "ip:port")>. */
export function sepChain(spn: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${base32(sha256(spn + protocol.toLowerCase() + endpoint)).slice(0, 16)}`
}
