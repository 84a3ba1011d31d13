/** Diagnostics raised while reconciling, pointed at the object (or field) they are about. */
import type { Diagnostic, Severity } from '../api/types'
import type { Manifest, Path } from '../parse/parseManifests'
import type { ObjectMeta } from '../model/objects'

export class Reporter {
  readonly diagnostics: Diagnostic[] = []

  constructor(private readonly manifests: Manifest[]) {}

  /** Reports about an object; built-in objects (seq -1) point at line 1. */
  about(meta: Pick<ObjectMeta, 'seq'>, kind: string, name: string, path: Path, severity: Severity, message: string, code: string, part: 'key' | 'value' = 'value'): void {
    const m = this.manifests[meta.seq]
    const r = m ? m.locate(path, part) : { line: 1, column: 1, endLine: 1, endColumn: 1 }
    const namespace = m?.namespace || 'default'
    this.diagnostics.push({ severity, message, ...r, code, object: `${kind}/${namespace}/${name}` })
  }
}
