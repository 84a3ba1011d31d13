/**
 * Hostile links and files, hostile names in the YAML, the Content-Security-
 * Policy of the built page, autosave (reload, full quota, two tabs) and one
 * undo history for text and runtime actions.
 */
import { expect, test, type Page } from '@playwright/test'
import LZString from 'lz-string'
import { PlaygroundPage } from './pages/PlaygroundPage'

// lz-string is CommonJS: Node's ESM loader sees only its default export.
const { compressToEncodedURIComponent } = LZString

const WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: { app: web }
spec:
  containers:
  - name: c
    image: nginx
    ports: [{ containerPort: 80 }]
`

/** The user's own work before a hostile link or file arrives: the default scenario scaled to 4. */
async function someWork(app: PlaygroundPage): Promise<string> {
  await app.podsOf('kubia-').first().click()
  await app.page.getByTestId('action-scale-up').click()
  await expect(app.podsOf('kubia-')).toHaveCount(4)
  await expect.poll(() => app.savedText()).toContain('replicas: 4')
  return (await app.savedText())!
}

test('hostile links are refused, each with its reason, and the work stays as it was', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  const work = await someWork(app)
  const valid = `#v1/${compressToEncodedURIComponent(JSON.stringify({ y: WEB, s: 1 }))}`
  const huge = `#v1/${compressToEncodedURIComponent(JSON.stringify({ y: `# ${'x'.repeat(1_100_000)}\n${WEB}`, s: 1 }))}`
  const cases: [string, RegExp][] = [
    ['#something-else', /no playground scenario/],
    ['#v9/AAAA', /newer playground \(format v9\)/],
    [valid.slice(0, valid.length - 12), /damaged or cut short/],
    ['#v1/%%%garbage', /damaged or cut short/],
    [`#v1/${compressToEncodedURIComponent('[1,2,3]')}`, /does not hold a scenario/],
    [huge, /larger than 1 MB/],
  ]
  for (const [hash, reason] of cases) {
    await page.goto(`/${hash}`)
    await expect(page.getByTestId('link-notice')).toContainText(reason)
    await expect(page.getByTestId('link-notice')).toContainText('Your work is unchanged.')
    await page.getByTestId('link-keep').click()
    await expect(page.getByTestId('link-notice')).toHaveCount(0)
    expect(await app.savedText()).toBe(work)
    await expect(app.podsOf('kubia-')).toHaveCount(4)
  }
  expect(await app.editorText()).toBe(work)
  // The same refusal in Korean.
  await app.setLanguage('ko')
  await page.goto('/#v9/AAAA')
  await expect(page.getByTestId('link-notice')).toContainText('더 새로운 놀이터')
})

test('imported files: too big, not text, empty are refused with a reason; the work stays', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  const work = await someWork(app)
  const files = [
    { name: 'huge.yaml', mimeType: 'text/yaml', buffer: Buffer.alloc(1_100_000, 'a'), reason: /larger than 1 MB/ },
    { name: 'photo.yaml', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]), reason: /not a YAML text file/ },
    { name: 'empty.yaml', mimeType: 'text/yaml', buffer: Buffer.from('\n\n'), reason: /no YAML in it/ },
  ]
  for (const f of files) {
    await page.getByTestId('import-file').setInputFiles({ name: f.name, mimeType: f.mimeType, buffer: f.buffer })
    await expect(page.getByTestId('import-error')).toContainText(f.reason)
    await page.getByTestId('import-error').click()
    expect(await app.savedText()).toBe(work)
  }
  // A good file still opens.
  await page.getByTestId('import-file').setInputFiles({ name: 'web.yaml', mimeType: 'text/yaml', buffer: Buffer.from(WEB) })
  await expect(app.pod('default', 'web')).toBeVisible()
})

/** Hostile text where Kubernetes accepts any text: comments, annotations, images, env values, paths. */
const HOSTILE = `# <script>window.__xss='comment'</script><img src=x onerror="window.__xss='comment-img'">
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  labels: { app: web }
  annotations:
    link: "<a href=\\"javascript:window.__xss='href'\\">open</a>"
    rtl: "\\u202Eevil-override \\u202Bembed \\u2067isolate"
    control: "bell\\u0007 escape\\u001b[31m red"
    svg: "<svg onload=window.__xss='svg'></svg>"
spec:
  containers:
  - name: c
    image: "nginx\\"><script>window.__xss='image'</script>"
    ports: [{ containerPort: 80, name: http }]
    env: [{ name: GREETING, value: "<img src=x onerror=window.__xss='env'>\\u202Edlrow" }]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  annotations: { note: "\\u202E<style>body{display:none}</style>" }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations: { "nginx.ingress.kubernetes.io/configuration-snippet": "<script>window.__xss='snippet'</script>" }
spec:
  rules:
  - host: web.example.com
    http:
      paths:
      - path: "/<img src=x onerror=window.__xss='path'>"
        pathType: ImplementationSpecific
        backend: { service: { name: web, port: { number: 80 } } }
`

/** Hostile text where Kubernetes refuses it: names, label values, port names, hosts. Shown in Problems. */
const HOSTILE_INVALID = `${HOSTILE}---
apiVersion: v1
kind: Pod
metadata:
  name: "<img src=x onerror=window.__xss='name'>"
  labels: { app: web, tier: "<script>window.__xss='label'</script>" }
spec:
  containers: [{ name: c, image: nginx }]
---
apiVersion: v1
kind: Pod
metadata:
  name: bad-ports
spec:
  containers: [{ name: "<b>c</b>", image: nginx, ports: [{ containerPort: 81, name: "<i>http</i>" }] }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: bad-host
spec:
  rules:
  - host: "<script>window.__xss='host'</script>.example.com"
    http:
      paths:
      - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
`

/** Where the page's panes are: the layout a hostile name must not move. */
async function paneBoxes(page: Page) {
  return page.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)?.getBoundingClientRect()
      return r ? [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)] : null
    }
    return {
      header: box('.app-header'), editor: box('.editor-pane'), graph: box('.graph-pane'), side: box('.side-pane'), bottom: box('.bottom-pane'),
      scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
      scrollHeight: document.documentElement.scrollHeight, innerHeight: window.innerHeight,
    }
  })
}

test('names, labels, annotations and comments full of HTML, script URLs and RTL/control characters render as inert text', async ({ page }) => {
  const dialogs: string[] = []
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss() })
  const app = new PlaygroundPage(page)
  await app.open()
  const before = await paneBoxes(page)
  await app.replaceText(HOSTILE)
  await expect(app.pod('default', 'web-1')).toBeVisible()
  // Every view that shows user text: graph, tables, problems, inspector tabs, trace.
  await app.pod('default', 'web-1').click()
  for (const tab of ['details', 'env', 'describe', 'dns', 'rules', 'problems', 'pods', 'svc', 'endpoints', 'ingress'] as const) {
    await app.openTab(tab)
    await page.waitForTimeout(50)
  }
  await app.openTab('env')
  await expect(app.inspector('env')).toContainText("<img src=x onerror=window.__xss='env'>")
  await app.service('default', 'web').click()
  await app.openTab('describe')
  await expect(app.inspector('describe')).toContainText('<style>body{display:none}</style>')
  await app.sendRequest({ url: 'http://web' })
  await expect(page.getByTestId('trace-outcome')).toBeVisible()
  await app.screenshot('hostile-text')
  // Names Kubernetes refuses: the messages quote them, as text.
  await app.replaceText(HOSTILE_INVALID)
  await app.openTab('problems')
  await expect(app.problems).toContainText("<img src=x onerror=window.__xss='name'>")
  await expect(app.problems).toContainText("<script>window.__xss='host'</script>")
  await expect(app.problems).toContainText('<i>http</i>')
  await page.mouse.move(400, 400)
  await page.waitForTimeout(300)
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined()
  expect(dialogs).toEqual([])
  // No element of the user's markup exists in the page: it is all text.
  expect(await page.locator('#root img[src="x"], #root script, #root svg[onload], #root a[href^="javascript:"], #root i:text("http"), #root u:text("p"), #root style').count()).toBe(0)
  // The layout is intact: the panes did not move, nothing pushes the page wider or taller.
  const after = await paneBoxes(page)
  expect(after).toEqual(before)
  await app.screenshot('hostile-names-problems')
})

test('the built page has a strict Content-Security-Policy and runs without violating it', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  const app = new PlaygroundPage(page)
  await app.open()
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(policy).toContain("script-src 'self'")
  expect(policy).not.toContain('unsafe-eval')
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/)
  // The policy is live: an injected inline script does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = "window.__inline = 'ran'"
    document.body.append(s)
    return (window as { __inline?: string }).__inline ?? null
  })
  expect(ran).toBeNull()
  await expect.poll(() => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.length)).toBe(1)
  await page.evaluate(() => { (window as unknown as { __csp: string[] }).__csp = [] })
  // Everything else keeps to it: Monaco and its YAML worker (validation, completion), the graph, the QR code, a scenario.
  await app.replaceText(`${WEB}  nodeName: nowhere\n`)
  await expect(app.problems.or(page.getByTestId('tab-problems'))).toBeVisible()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+Space')
  await expect(page.locator('.suggest-widget')).toBeVisible()
  await page.keyboard.press('Escape')
  await page.getByTestId('open-scenarios').click()
  await page.getByTestId('scenario-clusterip-basics').click()
  await page.getByTestId('share').click()
  await expect(page.getByTestId('share-qr')).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([])
})

test('autosave survives a reload', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await app.replaceText(WEB)
  await expect(app.pod('default', 'web')).toBeVisible()
  await page.reload()
  await expect(app.pod('default', 'web')).toBeVisible()
  expect(await app.editorText()).toBe(WEB)
})

test('a full storage quota is said, and editing goes on', async ({ page }) => {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem
    Storage.prototype.setItem = function (key: string, value: string) {
      if ((window as { __full?: boolean }).__full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      return setItem.call(this, key, value)
    }
  })
  const app = new PlaygroundPage(page)
  await app.open()
  await page.evaluate(() => { (window as { __full?: boolean }).__full = true })
  await app.replaceText(WEB)
  await expect(page.getByTestId('save-failed')).toContainText('Autosave failed')
  await expect(app.pod('default', 'web')).toBeVisible()
  expect(await app.editorText()).toBe(WEB)
  await page.evaluate(() => { (window as { __full?: boolean }).__full = false })
  await page.keyboard.type('# saved again\n')
  await expect(page.getByTestId('save-failed')).toHaveCount(0)
})

test('two tabs: a save in one is announced in the other, which keeps its text until the user picks', async ({ page, context }) => {
  const a = new PlaygroundPage(page)
  await a.open()
  const other = await context.newPage()
  const b = new PlaygroundPage(other)
  await b.open()
  await a.replaceText(WEB)
  await expect(a.pod('default', 'web')).toBeVisible()
  // Tab B is told; its own text is untouched.
  await expect(other.getByTestId('other-tab')).toContainText('Another tab changed this scenario')
  await expect(b.podsOf('kubia-')).toHaveCount(3)
  // B keeps its text: saved again, and now A is told in turn.
  await other.getByTestId('other-tab-keep').click()
  await expect(page.getByTestId('other-tab')).toBeVisible()
  expect(await b.savedText()).toContain('kubia')
  // A takes B's text back; A's own stays one Ctrl+Z away.
  await page.getByTestId('other-tab-load').click()
  await expect(a.podsOf('kubia-')).toHaveCount(3)
  await a.editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+Z')
  await expect(a.pod('default', 'web')).toBeVisible()
})

test('undo and redo cover scenario loads and runtime actions', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  await app.replaceText(WEB)
  await expect(app.pod('default', 'web')).toBeVisible()
  // A runtime action, undone with Ctrl+Z right after the click (focus on the page, not the editor).
  await page.getByTestId('action-add-node').click()
  await expect(page.getByTestId('node-worker-3')).toBeVisible()
  await page.locator('body').press('ControlOrMeta+Z')
  await expect(page.getByTestId('node-worker-3')).toHaveCount(0)
  await page.locator('body').press('ControlOrMeta+Shift+Z')
  await expect(page.getByTestId('node-worker-3')).toBeVisible()
  // A scenario load replaces the text and drops the actions; one undo brings both back.
  await page.getByTestId('open-scenarios').click()
  await page.getByTestId('scenario-nodeport').click()
  await expect(app.pod('default', 'web')).toHaveCount(0)
  await expect(page.getByTestId('node-worker-3')).toHaveCount(0)
  await app.editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+Z')
  await expect(app.pod('default', 'web')).toBeVisible()
  await expect(page.getByTestId('node-worker-3')).toBeVisible()
  expect(await app.editorText()).toBe(WEB)
  // Redo loads the scenario again, actions dropped again.
  await app.editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+Shift+Z')
  await expect(app.pod('default', 'web')).toHaveCount(0)
  await expect(page.getByTestId('node-worker-3')).toHaveCount(0)
  // Typing is still undone by Monaco itself, one edit at a time.
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type('# note')
  await page.keyboard.press('ControlOrMeta+Z')
  expect(await app.editorText()).not.toContain('# note')
})

test('a link opened on arrival replaces the work as one undoable edit, even before the editor has loaded', async ({ page }) => {
  const app = new PlaygroundPage(page)
  await app.open()
  const work = await someWork(app)
  const link = `#v1/${compressToEncodedURIComponent(JSON.stringify({ y: WEB, s: 1 }))}`
  await page.goto('about:blank')
  await page.goto(`/${link}`)
  await page.getByTestId('link-open').click()
  await expect(app.pod('default', 'web')).toBeVisible()
  await expect(app.editor.locator('.view-lines')).toBeVisible()
  await app.editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+Z')
  await expect(app.podsOf('kubia-')).toHaveCount(4)
  expect(await app.editorText()).toBe(work)
})
