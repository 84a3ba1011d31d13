/** IPv4 addresses and CIDR blocks as plain numbers. */

export interface Cidr {
  base: number
  prefix: number
  /** Number of addresses in the block. */
  size: number
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

export function parseIPv4(text: string): number | null {
  const m = IPV4.exec(text)
  if (!m) return null
  const parts = m.slice(1).map(Number)
  if (parts.some((p, i) => p > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) return null
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

export function parseCidr(text: string): Cidr | null {
  const [addr, bits, ...rest] = text.split('/')
  if (rest.length > 0 || bits === undefined || !/^\d{1,2}$/.test(bits)) return null
  const ip = parseIPv4(addr)
  const prefix = Number(bits)
  if (ip === null || prefix > 32) return null
  const size = 2 ** (32 - prefix)
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
  return { base: (ip & mask) >>> 0, prefix, size }
}

export function formatCidr(c: Cidr): string {
  return `${formatIPv4(c.base)}/${c.prefix}`
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + c.size
}

export function isLoopback(ip: number): boolean {
  return ip >>> 24 === 127
}

export function isLinkLocal(ip: number): boolean {
  return ip >>> 16 === 0xa9fe
}

export function isUnspecified(ip: number): boolean {
  return ip === 0
}
