// @vitest-environment jsdom
/**
 * A part of the page that throws while rendering shows what happened and a
 * retry, and everything outside it (the editor, in the app) keeps working.
 */
import { act, useState } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import '../../i18n'
import ErrorBoundary from './ErrorBoundary'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let fail = true
function Fragile() {
  if (fail) throw new Error('cannot read the layout of node "web"')
  return <p data-testid="graph">graph</p>
}

function Page({ resetKey }: { resetKey: number }) {
  const [text, setText] = useState('kind: Pod')
  return (
    <>
      <textarea data-testid="editor" value={text} onChange={(e) => setText(e.target.value)} />
      <ErrorBoundary area="graph" resetKey={resetKey}>
        <Fragile />
      </ErrorBoundary>
    </>
  )
}

let host: HTMLDivElement
let root: Root
beforeEach(() => {
  fail = true
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  act(() => root.unmount())
  host.remove()
  vi.restoreAllMocks()
})

const q = (id: string) => host.querySelector(`[data-testid="${id}"]`)

describe('ErrorBoundary', () => {
  it('shows the failure in place of the part, with the message, and the rest stays', () => {
    act(() => root.render(<Page resetKey={1} />))
    const failure = q('render-failure-graph')
    expect(failure?.getAttribute('role')).toBe('alert')
    expect(failure?.textContent).toContain('The cluster graph failed to draw.')
    expect(failure?.textContent).toContain('cannot read the layout of node "web"')
    expect(q('editor')).not.toBeNull()
    expect((q('editor') as HTMLTextAreaElement).value).toBe('kind: Pod')
  })

  it('renders the part again on "Try again" once it can', () => {
    act(() => root.render(<Page resetKey={1} />))
    fail = false
    act(() => (q('render-failure-graph')!.querySelector('button') as HTMLButtonElement).click())
    expect(q('graph')?.textContent).toBe('graph')
    expect(q('render-failure-graph')).toBeNull()
  })

  it('tries again by itself when a new engine result arrives', () => {
    act(() => root.render(<Page resetKey={1} />))
    fail = false
    act(() => root.render(<Page resetKey={1} />))
    expect(q('render-failure-graph')).not.toBeNull()
    act(() => root.render(<Page resetKey={2} />))
    expect(q('graph')).not.toBeNull()
  })
})
