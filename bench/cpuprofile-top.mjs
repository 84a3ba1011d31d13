// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time and the most
// inclusive time. Usage: node bench/cpuprofile-top.mjs FILE [N=25] [substring filter]

import fs from 'node:fs'
const [file, n = 25, filter] = process.argv.slice(2)
const prof = JSON.parse(fs.readFileSync(file, 'utf8'))
const byId = new Map(prof.nodes.map((x) => [x.id, x]))
const self = new Map()
const dt = prof.timeDeltas
const counts = new Map()
for (let i = 0; i < prof.samples.length; i++) counts.set(prof.samples[i], (counts.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0))
const parent = new Map()
for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id)
const where = (url) => url.replace(/^file:\/\//, '').replace(/^.*\/ksp-bench\/profile\//, '').replace(/^.*node_modules\//, '')
const key = (x) => `${x.callFrame.functionName || '(anon)'} ${where(x.callFrame.url)}:${x.callFrame.lineNumber + 1}`
const total = new Map()
let all = 0
for (const [id, us] of counts) {
  all += us
  const x = byId.get(id)
  self.set(key(x), (self.get(key(x)) ?? 0) + us)
  const seen = new Set()
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur))
    if (seen.has(k)) continue
    seen.add(k)
    total.set(k, (total.get(k) ?? 0) + us)
  }
}
const show = (m, title) => {
  console.log(`== ${title} (of ${(all / 1000).toFixed(0)} ms)`)
  for (const [k, us] of [...m].filter(([k]) => !filter || k.includes(filter)).sort((a, b) => b[1] - a[1]).slice(0, +n)) console.log(((us / 1000).toFixed(0) + ' ms').padStart(10), k)
}
show(self, 'self')
show(total, 'total')
