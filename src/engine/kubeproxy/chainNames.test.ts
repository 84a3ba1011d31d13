import { describe, expect, it } from 'vitest'
import { sepChain, servicePortName, svcChain } from './chainNames'
import { base32, sha256 } from './sha256'

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
    expect(hex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(hex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1')
  })
  it('base32 pads like Go StdEncoding', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI======')
  })
})

describe('kube-proxy chain names (k8s-semantics.md §3.3, values from proxier_test.go)', () => {
  it.each([
    ['ns1', 'svc1', 'p80', 'tcp', 'KUBE-SVC-XPGD46QRK7WJZT7O'],
    ['ns2', 'svc2', 'p80', 'tcp', 'KUBE-SVC-GNZBNJ2PO5MGZ6GT'],
    ['ns5', 'svc5', 'p80', 'tcp', 'KUBE-SVC-NUKIZ6OKUXPJNT4C'],
    ['kube-system', 'kube-dns', 'dns', 'udp', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    ['default', 'kubernetes', 'https', 'TCP', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    ['default', 'kubia', undefined, 'TCP', 'KUBE-SVC-XCCRWSFD2BRL7CRI'],
  ])('%s/%s:%s %s -> %s', (ns, name, port, proto, chain) => {
    expect(svcChain(servicePortName(ns, name, port), proto)).toBe(chain)
  })
  it('endpoint chains', () => {
    expect(sepChain('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ')
    expect(sepChain('default/kubia', 'TCP', '10.244.1.5:8080')).toBe('KUBE-SEP-Q4DEJ5S5KAKWIJEW')
    expect(sepChain('default/kubia', 'TCP', '10.244.2.7:8080')).toBe('KUBE-SEP-NVA3MVU74KFKQBN6')
  })
})
