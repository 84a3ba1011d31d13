/**
 * What every decoder shares: reading untyped YAML values and reporting
 * field errors the way the API server renders them
 * (`The Service "kubia" is invalid: spec.ports[0].port: Invalid value: ...`).
 */
import type { Diagnostic, Severity } from '../api/types'
import type { Manifest, Path } from '../parse/parseManifests'
import { formatFieldValue } from '../util/validation'

export type Json = Record<string, unknown>

export function formatPath(path: Path): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out === '' ? seg : `.${seg}`
  }
  return out
}

export class ReadContext {
  readonly diagnostics: Diagnostic[] = []
  /** True once an error means the API server would refuse the object. */
  rejected = false

  constructor(readonly m: Manifest) {}

  get objectRef(): string {
    return `${this.m.kind}/${this.m.namespace || 'default'}/${this.m.name}`
  }

  private push(severity: Severity, message: string, path: Path, code: string, part: 'key' | 'value'): void {
    const r = this.m.locate(path, part)
    this.diagnostics.push({ severity, message, ...r, code, object: this.objectRef })
  }

  /** A field error: the object is rejected, as `kubectl apply` would be told. */
  fieldError(path: Path, body: string, code = 'FIELD_INVALID', part: 'key' | 'value' = 'value'): void {
    this.rejected = true
    const prefix = `The ${this.m.kind} "${this.m.name}" is invalid: `
    this.push('error', `${prefix}${formatPath(path)}: ${body}`, path, code, part)
  }

  /** A field error printed with one path but pointing at another (what the user wrote). */
  fieldErrorAt(locatePath: Path, shownPath: Path, body: string, code = 'FIELD_INVALID', part: 'key' | 'value' = 'value'): void {
    this.rejected = true
    const prefix = `The ${this.m.kind} "${this.m.name}" is invalid: `
    this.push('error', `${prefix}${formatPath(shownPath)}: ${body}`, locatePath, code, part)
  }

  required(path: Path, detail?: string): void {
    this.fieldError(path, detail ? `Required value: ${detail}` : 'Required value', 'FIELD_REQUIRED', 'key')
  }

  invalid(path: Path, value: unknown, detail: string): void {
    this.fieldError(path, `Invalid value: ${formatFieldValue(value)}: ${detail}`)
  }

  unsupported(path: Path, value: unknown, supported: string[]): void {
    this.fieldError(path, `Unsupported value: ${formatFieldValue(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`, 'FIELD_UNSUPPORTED')
  }

  forbidden(path: Path, detail: string): void {
    this.fieldError(path, `Forbidden: ${detail}`, 'FIELD_FORBIDDEN', 'key')
  }

  duplicate(path: Path, value: unknown): void {
    this.fieldError(path, `Duplicate value: ${formatFieldValue(value)}`, 'FIELD_DUPLICATE')
  }

  /** An error that is not a field error (e.g. a kubectl client-side error). */
  error(path: Path, message: string, code: string, part: 'key' | 'value' = 'value'): void {
    this.rejected = true
    this.push('error', message, path, code, part)
  }

  warn(path: Path, message: string, code: string, part: 'key' | 'value' = 'value'): void {
    this.push('warning', message, path, code, part)
  }

  info(path: Path, message: string, code: string, part: 'key' | 'value' = 'value'): void {
    this.push('info', message, path, code, part)
  }
}

export function asObject(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : []
}

export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

/** A value that must be an integer: returns undefined when absent, NaN when not a number. */
export function asInt(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'number') return v
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v)
  return Number.NaN
}

/** An IntOrString (targetPort, servicePort): numbers, numeric strings stay strings as Kubernetes keeps them. */
export function asIntOrString(v: unknown): number | string | undefined {
  if (typeof v === 'number') return v
  if (typeof v === 'string') return v
  return undefined
}

export function get(obj: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = obj
  for (const seg of path) {
    if (cur === null || cur === undefined) return undefined
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined
      cur = cur[seg]
    } else {
      if (typeof cur !== 'object' || Array.isArray(cur)) return undefined
      cur = (cur as Json)[seg]
    }
  }
  return cur
}
