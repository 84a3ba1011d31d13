/**
 * Which graph elements the trace player lights up, for each node component
 * to read on its own. A step changes the look of two or three elements; if
 * the highlight went into React Flow's `nodes`, every step would hand React
 * Flow a new node list and run the store subscriptions of every node and edge
 * on screen (at 500 pods some 1,250, 35–60 ms per step). Here a step updates
 * this small store and only the nodes whose classes change re-render.
 */
import { create } from 'zustand'
import type { Highlight } from '../trace/activeElements'

const NONE: Highlight = { visited: new Set(), failed: false }

interface GraphHighlightState {
  highlight: Highlight
}

const useGraphHighlight = create<GraphHighlightState>(() => ({ highlight: NONE }))

/** Shows `highlight` on the graph (ClusterGraph calls it for each step). */
export function showHighlight(highlight: Highlight): void {
  if (useGraphHighlight.getState().highlight !== highlight) useGraphHighlight.setState({ highlight })
}

/** The classes of a lit element: the current step (or its failure), a step the packet passed, the Service it is addressed to. */
export function highlightClass(h: Highlight, id: string): string {
  const classes: string[] = []
  if (id === h.current) classes.push(h.failed ? 'hl-failed' : 'hl-current')
  if (h.visited.has(id)) classes.push('hl-visited')
  if (id === h.target && id !== h.current) classes.push('hl-target')
  return classes.join(' ')
}

/** The highlight classes of graph element `id` ('' when the shown request did not touch it). */
export function useHighlightClass(id: string): string {
  return useGraphHighlight((s) => highlightClass(s.highlight, id))
}
