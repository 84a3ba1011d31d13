/**
 * Monaco from the local bundle (never a CDN): the core editor with its
 * standard features, YAML colouring, and monaco-yaml driven by the
 * Kubernetes JSON schema generated from the OpenAPI definitions.
 */
import 'monaco-editor/esm/vs/editor/edcore.main.js'
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js'
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js'
import { configureMonacoYaml } from 'monaco-yaml'
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker'
import YamlWorker from './yaml.worker?worker'
import k8sSchema from '../schema/k8s.schema.json'

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    if (label === 'yaml') return new YamlWorker()
    return new EditorWorker()
  },
}

// The slim entry point (edcore.main) lacks the adapter that the full editor.main
// installs for the legacy createWebWorker({ moduleId, label, createData }) call
// monaco-yaml still makes; this mirrors that adapter (editor.main.js, 0.54).
type LegacyWorkerOptions = { worker?: unknown; label?: string; moduleId?: string; createData?: unknown; host?: Record<string, (...args: unknown[]) => unknown>; keepIdleModels?: boolean }
const createWebWorker = monaco.editor.createWebWorker
monaco.editor.createWebWorker = ((opts: LegacyWorkerOptions) => {
  if (opts.worker !== undefined) return createWebWorker(opts as Parameters<typeof createWebWorker>[0])
  const worker = Promise.resolve(self.MonacoEnvironment!.getWorker!('workerMain.js', opts.label ?? 'monaco-editor-worker')).then((w) => {
    w.postMessage('ignore')
    w.postMessage(opts.createData)
    return w
  })
  return createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels } as unknown as Parameters<typeof createWebWorker>[0])
}) as typeof monaco.editor.createWebWorker

export const MODEL_URI = monaco.Uri.parse('file:///cluster.yaml')

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  format: { enable: true },
  schemas: [{ uri: 'inmemory://schemas/kubernetes.json', fileMatch: [MODEL_URI.toString()], schema: k8sSchema as object }],
})

export { monaco }
