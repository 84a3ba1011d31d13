/**
 * Where the graph's camera goes when a request is sent: the viewport that
 * fits the request's path (or the whole cluster), and whether moving there
 * is worth an animation. Moving to where the camera already is animates
 * nothing a user can see, yet every frame of it repaints the whole graph
 * (at 500 pods, ten frames of 35–50 ms each).
 */
import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/react'

export const FIT_MAX_ZOOM = 1.1
export const MIN_ZOOM = 0.08
export const MAX_ZOOM = 2

/** Below this zoom the whole cluster is too small to read, so the camera goes to the request's path instead. */
export const READABLE_ZOOM = 0.7

/**
 * Where the camera goes for a new request in a pane of `width` × `height`:
 * the whole cluster when it is readable, else the request's path; null
 * when it is there already (no animation then).
 */
export function cameraGoal(current: Viewport, whole: Rect, path: Rect, width: number, height: number): Viewport | null {
  const wholeZoom = Math.min(width / (whole.width + 40), height / (whole.height + 40))
  const goal = wholeZoom < READABLE_ZOOM ? viewportFor(path, width, height, 0.12) : viewportFor(whole, width, height, 0.06)
  return sameView(current, goal) ? null : goal
}

/** Screen pixels between the pane's edge and a graph too big to fit. */
export const EDGE_PX = 16

/**
 * The viewport showing `bounds` in a pane of `width` × `height`, centred like
 * React Flow's fitView. Along a side that does not fit even at the smallest
 * zoom, the graph's start (left, top: where the lanes begin) is shown
 * instead of its middle, which in a cluster of thousands of pods holds
 * nothing but edges passing through.
 */
export function viewportFor(bounds: Rect, width: number, height: number, padding: number): Viewport {
  const v = getViewportForBounds(bounds, width, height, MIN_ZOOM, FIT_MAX_ZOOM, padding)
  const x = bounds.width * v.zoom > width ? EDGE_PX - bounds.x * v.zoom : v.x
  const y = bounds.height * v.zoom > height ? EDGE_PX - bounds.y * v.zoom : v.y
  return { x, y, zoom: v.zoom }
}

/** Closer than this (screen pixels) counts as being there. */
export const NEAR_PX = 8

/** True when going from `a` to `b` moves the picture by under NEAR_PX and scales it by at most 1 %. */
export function sameView(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < NEAR_PX && Math.abs(a.y - b.y) < NEAR_PX && Math.abs(a.zoom - b.zoom) <= 0.01 * Math.max(a.zoom, b.zoom)
}
