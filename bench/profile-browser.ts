/**
 * `bash bench/run.sh profile-browser M [edit|load|animation]`: a CPU profile of the page
 * (built unminified into node_modules/.cache/ksp-bench/dist-prof so the profile names
 * functions) while it loads the generated cluster, takes six edits after ten unprofiled ones
 * (PROFILE_COLD=1: right after the load), or animates a request.
 * Writes page.cpuprofile next to this script's output for bench/cpuprofile-top.mjs.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { generateCluster, type Size } from './generate'

const size = (process.argv[2] ?? 'M').toUpperCase() as Size
const what = process.argv[3] ?? 'edit'
const out = process.argv[4] ?? 'page.cpuprofile'
const dist = process.env.BENCH_PROFILE_DIST ?? 'node_modules/.cache/ksp-bench/dist-prof'
const PORT = Number(process.env.BENCH_PORT ?? 4184)
const gen = generateCluster(size)

const preview = spawn('npx', ['--no-install', 'vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', dist], { stdio: 'ignore', detached: true })
try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${PORT}`)).ok) break } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200))
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript((yaml: string) => localStorage.setItem('ksp:yaml:v1', yaml), gen.yaml)
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  if (what === 'load') await cdp.send('Profiler.start')
  await page.goto(`http://127.0.0.1:${PORT}`)
  await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 })
  await page.locator('.monaco-editor .view-line').first().waitFor({ timeout: 60_000 })
  await page.waitForTimeout(1500)
  if (what === 'edit') {
    const box = (await page.locator('.monaco-editor').first().boundingBox())!
    await page.mouse.click(box.x + 80, box.y + 12)
    await page.keyboard.press('ControlOrMeta+Home')
    for (let i = 1; i < gen.editLine; i++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('End')
    await page.waitForTimeout(500)
    // Warm up first (the first edits run cold code), then profile six edits, alternately a character and Backspace.
    const edit = async (i: number): Promise<void> => {
      await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace')
      await page.waitForTimeout(400)
      await page.keyboard.press('Escape')
      await page.waitForTimeout(200)
    }
    if (process.env.PROFILE_COLD !== '1') for (let i = 0; i < 10; i++) await edit(i)
    await cdp.send('Profiler.start')
    for (let i = 0; i < 6; i++) await edit(i)
  } else if (what === 'animation') {
    await page.getByTestId('request-from').selectOption(gen.request.from)
    await page.getByTestId('request-url').fill(gen.request.url)
    await page.getByTestId('request-count').fill('1')
    await page.waitForTimeout(500)
    await cdp.send('Profiler.start')
    await page.getByTestId('send').click()
    await page.getByTestId('trace-outcome').waitFor({ timeout: 60_000 })
  }
  const { profile } = await cdp.send('Profiler.stop')
  writeFileSync(out, JSON.stringify(profile))
  process.stderr.write(`[bench] page profile (${size} ${what}) written to ${out}\n`)
  await browser.close()
} finally {
  if (preview.pid) try { process.kill(-preview.pid, 'SIGTERM') } catch { /* gone */ }
}
