// The client side of the kernel test, run inside one network namespace:
//   ip netns exec <ns> node kernel/agent.mjs
// Reads one job per line on stdin: {"id", "host", "port", "n", "conc", "timeoutMs", "replyMs"}
// and opens n TCP connections to host:port (at most conc at a time, each from a
// new source port, so each is a NEW conntrack entry). Answers one line per job:
// {"id", "results": [{"r": "ok", "data"} | {"r": "refused"} | {"r": "timeout"} |
// {"r": "stalled", "data"} | {"r": "error", "code"}, each with "ms"]}.
// "timeout": no TCP-level answer at all within timeoutMs; "stalled": connected,
// but the server's line did not arrive within replyMs after that. Ends when
// stdin closes and the jobs in flight are answered.
import dns from 'node:dns'
import net from 'node:net'
import readline from 'node:readline'

function once(host, port, timeoutMs, replyMs) {
  return new Promise((resolve) => {
    const t0 = performance.now()
    let data = ''
    let done = false
    const sock = net.connect({ host, port })
    const finish = (r) => {
      if (done) return
      done = true
      clearTimeout(timer)
      sock.destroy()
      resolve({ ...r, ms: Math.round(performance.now() - t0) })
    }
    // TCP-level answer (SYN-ACK, RST, ICMP error) within timeoutMs, else "timeout".
    let timer = setTimeout(() => finish({ r: 'timeout' }), timeoutMs)
    sock.setEncoding('utf8')
    sock.on('connect', () => {
      // Connected: the network's part is done; the server's line may take longer on a busy machine.
      clearTimeout(timer)
      timer = setTimeout(() => finish({ r: 'stalled', data }), replyMs)
    })
    sock.on('data', (d) => { data += d })
    sock.on('end', () => finish({ r: 'ok', data: data.trim() }))
    sock.on('error', (e) => finish(e.code === 'ECONNREFUSED' ? { r: 'refused' } : { r: 'error', code: e.code ?? String(e) }))
  })
}

// {"id", "lookup": name, "timeoutMs"} → {"id", "lookup": {"r": "ok", "addrs"} | {"r": "error", "code"} | {"r": "timeout"}}
// dns.lookup is getaddrinfo: glibc's resolver with the namespace's /etc/resolv.conf.
function lookup(job) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ r: 'timeout' }), job.timeoutMs)
    dns.lookup(job.lookup, { family: 4, all: true }, (err, addrs) => {
      clearTimeout(timer)
      resolve(err ? { r: 'error', code: err.code ?? String(err) } : { r: 'ok', addrs: addrs.map((a) => a.address) })
    })
  })
}

async function runJob(job) {
  if (job.lookup !== undefined) {
    process.stdout.write(JSON.stringify({ id: job.id, lookup: await lookup(job) }) + '\n')
    return
  }
  const results = new Array(job.n)
  let next = 0
  const worker = async () => {
    while (next < job.n) {
      const i = next++
      results[i] = await once(job.host, job.port, job.timeoutMs, job.replyMs ?? 5000)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(job.conc, job.n)) }, worker))
  process.stdout.write(JSON.stringify({ id: job.id, results }) + '\n')
}

let inflight = 0
let closing = false
const rl = readline.createInterface({ input: process.stdin })
rl.on('line', (line) => {
  if (!line.trim()) return
  inflight++
  void runJob(JSON.parse(line)).finally(() => {
    inflight--
    if (closing && inflight === 0) process.exit(0)
  })
})
rl.on('close', () => {
  closing = true
  if (inflight === 0) process.exit(0)
})
process.stdout.write('{"ready":true}\n')
