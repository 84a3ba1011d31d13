/**
 * The header format: what a well-formed file gives, and how each kind of
 * mistake is explained (with the line of the file it is on).
 */
import { describe, expect, it } from 'vitest'
import { formatErrors, loadScenario, parseScenario, splitHeader } from './scenarioFormat'

const BODY = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: client
    image: curlimages/curl
`

const STEP = `#   - en: { do: "Send it.", watch: "The steps.", why: "Because." }
#     ko: { do: "보내세요.", watch: "단계를 보세요.", why: "그래서입니다." }`

function file(header: string, body = BODY): string {
  return `# ---\n${header}\n# ---\n${body}`
}

const GOOD = `# id: tiny
# title: { en: "Tiny", ko: "작은 예" }
# summary: { en: "A pod.", ko: "Pod 하나." }
# request: { from: pod/client, url: "http://x" }
# expect: { status: failed, reason: NXDOMAIN }
# lesson:
${STEP}
${STEP}
${STEP}`

function errorsOf(text: string, kind: 'scenario' | 'challenge' = 'scenario') {
  const r = parseScenario(text, kind)
  expect(r.ok).toBe(false)
  return r.errors
}

describe('splitHeader', () => {
  it('strips the comment prefixes and returns the YAML after the closing fence', () => {
    const r = splitHeader(file('# id: x\n#\n# title: y'))
    expect(r).toEqual({ header: 'id: x\n\ntitle: y', headerLines: 5, yaml: BODY })
  })

  it('does not close the header on an indented --- inside a block scalar', () => {
    const r = splitHeader(file('# solution: |\n#   a: 1\n#   ---\n#   b: 2'))
    expect('header' in r && r.header).toBe('solution: |\n  a: 1\n  ---\n  b: 2')
  })

  it('explains a file without a header, a header that never ends, and a line that is not a comment', () => {
    expect(splitHeader(BODY)).toMatchObject({ error: { line: 1, message: expect.stringMatching(/starts with a "# ---" line/) } })
    expect(splitHeader('# ---\n# id: x')).toMatchObject({ error: { message: expect.stringMatching(/never ends/) } })
    expect(splitHeader('# ---\n# id: x\nid: y\n# ---\n')).toMatchObject({ error: { line: 3, message: expect.stringMatching(/^line 3 is not a comment/) } })
    expect(splitHeader('# ---\n# id: x\n')).toMatchObject({ error: { line: 3, message: expect.stringMatching(/must close the header/) } })
  })
})

describe('parseScenario', () => {
  it('reads a well-formed file into a Scenario with defaults', () => {
    const r = parseScenario(file(GOOD))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.scenario).toMatchObject({
      id: 'tiny', kind: 'scenario', order: 1000, title: { en: 'Tiny', ko: '작은 예' }, yaml: BODY,
      request: { from: 'pod/client', url: 'http://x', count: 1 },
      expect: { status: 'failed', reason: 'NXDOMAIN' },
    })
    expect(r.scenario.lesson).toHaveLength(3)
    expect(r.scenario.source).toBe(file(GOOD))
  })

  it('infers status: failed from a reason', () => {
    const r = parseScenario(file(GOOD.replace('{ status: failed, reason: NXDOMAIN }', '{ reason: TIMEOUT }')))
    expect(r.ok && r.scenario.expect).toEqual({ status: 'failed', reason: 'TIMEOUT' })
  })

  it('points at the file line of a bad field', () => {
    const errors = errorsOf(file(GOOD.replace('url: "http://x"', 'url: "http://x", count: 0')))
    expect(errors).toEqual([{ line: 5, path: 'request.count', message: 'must be a whole number of at least 1' }])
  })

  it('reports unknown fields, bad ids, bad statuses, and a lesson of the wrong length', () => {
    const text = file(GOOD.replace('id: tiny', 'id: Tiny_One\n# colour: blue').replace('status: failed, reason: NXDOMAIN', 'status: lost').replace(`${STEP}\n${STEP}\n${STEP}`, STEP))
    const messages = errorsOf(text).map((e) => `${e.line} ${e.path}: ${e.message}`)
    expect(messages).toEqual(expect.arrayContaining([
      '3 colour: unknown field "colour" (known: id, order, title, summary, request, expect, proxyMode, lesson, goal, hint, solution)',
      '2 id: "Tiny_One" is not kebab-case (a-z, 0-9 and single dashes)',
      '7 expect.status: must be one of delivered, failed, left-cluster (got "lost")',
      '9 lesson: a lesson has 3 to 8 steps (this one has 1)',
    ]))
    expect(messages).toHaveLength(4)
  })

  it('requires every lesson text in both languages', () => {
    const errors = errorsOf(file(GOOD.replace('ko: { do: "보내세요.", watch: "단계를 보세요.", why: "그래서입니다." }', 'ko: { do: "보내세요.", watch: "단계를 보세요." }')))
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual(['lesson[0].ko.why: required: a non-empty string'])
  })

  it('checks lesson actions, patches and goals', () => {
    const step = `#   - en: { do: "Do it.", watch: "Look.", why: "Why." }
#     ko: { do: "하세요.", watch: "보세요.", why: "이유." }
#     action: { type: exec, pod: client }
#     patch: [ { find: "" , replace: "x" }, { target: Service/x } ]
#     check: [ { request: { from: pod/client, url: "http://x" } }, { resolve: { name: x, from: pod/client }, rcode: MAYBE }, { ping: x } ]`
    const messages = errorsOf(file(GOOD.replace(STEP, step))).map((e) => `${e.path}: ${e.message}`)
    expect(messages).toEqual(expect.arrayContaining([
      'lesson[0].action.command: required: the command as a list, e.g. [touch, /var/ready]',
      'lesson[0].patch[0].find: must be a non-empty string',
      'lesson[0].patch[1]: a patch is { find, replace }, { target, merge }, { target, delete: true } or { add }',
      'lesson[0].check[0]: a request goal says what must happen: status, reason, sourceIP, reachesAll, ...',
      'lesson[0].check[1].rcode: must be one of NOERROR, NXDOMAIN (got "MAYBE")',
      'lesson[0].check[2]: unknown goal: a goal has one of request, resolve, env, endpoints, noErrors (got ping)',
    ]))
  })

  it('requires a challenge to carry a goal, and a goal to carry its solution and hint', () => {
    expect(errorsOf(file(GOOD), 'challenge').map((e) => e.path)).toEqual(['goal'])
    const withGoal = `${GOOD}\n# goal:\n#   - { noErrors: true }`
    expect(errorsOf(file(withGoal)).map((e) => e.path)).toEqual(['solution', 'hint'])
    const solved = `${withGoal}\n# hint: { en: "Look.", ko: "보세요." }\n# solution:\n#   - { find: "client", replace: "client" }`
    const r = parseScenario(file(solved), 'challenge')
    expect(r.ok && r.scenario.solution).toEqual([{ find: 'client', replace: 'client' }])
  })

  it('explains invalid YAML in the header', () => {
    const errors = errorsOf(file(GOOD.replace('# title: { en: "Tiny", ko: "작은 예" }', '# title: { en: "Tiny"')))
    expect(errors[0].message).toMatch(/^the header is not valid YAML/)
    expect(errors[0].line).toBeGreaterThanOrEqual(3)
  })

  it('needs Kubernetes YAML after the header', () => {
    expect(errorsOf(file(GOOD, '\n')).map((e) => e.message)).toEqual(['there is no Kubernetes YAML after the header'])
  })
})

describe('loadScenario / formatErrors', () => {
  it('throws one message that lists every problem with file:line', () => {
    expect(() => loadScenario(file(GOOD.replace('id: tiny', 'id: Tiny')), 'src/scenarios/tiny.yaml')).toThrow(
      'src/scenarios/tiny.yaml: a problem in the scenario header:\n  src/scenarios/tiny.yaml:2: id: "Tiny" is not kebab-case (a-z, 0-9 and single dashes)',
    )
    expect(formatErrors('f.yaml', [{ line: 1, path: '', message: 'a' }, { line: 2, path: 'b', message: 'c' }])).toBe('f.yaml: 2 problems in the scenario header:\n  f.yaml:1: a\n  f.yaml:2: b: c')
  })
})
