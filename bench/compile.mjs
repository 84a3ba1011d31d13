// Bundles the benchmark's TypeScript entry points (bench/<name>.ts) into plain ESM for node,
// with rolldown (Vite's bundler). Packages stay external: they load from node_modules as usual.
//   node bench/compile.mjs OUTDIR name...            -> OUTDIR/<name>.mjs
//   node bench/compile.mjs OUTDIR --modules name     -> OUTDIR/<name>/ keeping one file per source module
//                                                       (so a CPU profile names src/engine/... files)
import path from 'node:path'
import { build } from 'rolldown'

const [outDir, ...rest] = process.argv.slice(2)
const modules = rest.includes('--modules')
for (const name of rest.filter((a) => a !== '--modules')) {
  await build({
    input: path.resolve('bench', `${name}.ts`),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0'),
    logLevel: 'warn',
    output: modules
      ? { dir: path.resolve(outDir, name), format: 'esm', preserveModules: true, preserveModulesRoot: path.resolve('.'), entryFileNames: '[name].mjs' }
      : { file: path.resolve(outDir, `${name}.mjs`), format: 'esm' },
    write: true,
  })
}
