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

/** Screen pixels between the pane's edge and a graph too big to fit. */
export const EDGE_PX = 16

/** Below this zoom the whole cluster is too small to read, so the camera goes to the request's path instead. */
export const READABLE_ZOOM = 0.7

/** What the camera does for a new request: go to `goal` (null: it is there already), or follow the packet. */
export interface CameraPlan {
  goal: Viewport | null
  /** The path is too long to read in one view: the camera follows the packet from element to element instead. */
  follow: boolean
}

/**
 * The camera for a new request in a pane of `width` × `height`: the whole
 * cluster when it is readable; else the request's whole path when that is
 * readable; else (a path across a cluster of hundreds of pods) it follows the
 * packet at READABLE_ZOOM, step by step (followGoal).
 */
export function cameraPlan(current: Viewport, whole: Rect, path: Rect, width: number, height: number): CameraPlan {
  const wholeZoom = Math.min(width / (whole.width + 40), height / (whole.height + 40))
  let goal = viewportFor(whole, width, height, 0.06)
  if (wholeZoom < READABLE_ZOOM) {
    goal = viewportFor(path, width, height, 0.12)
    if (goal.zoom < READABLE_ZOOM) return { goal: null, follow: true }
  }
  return { goal: sameView(current, goal) ? null : goal, follow: false }
}

/** Pixels kept between a followed element and the pane's edge. */
export const FOLLOW_MARGIN_PX = 40

/**
 * Following the packet: where the camera goes so that `element` (graph
 * coordinates) is on screen and readable; null when it already is. The
 * element is centred at the current zoom, or at READABLE_ZOOM if that is
 * smaller.
 */
export function followGoal(current: Viewport, element: Rect, width: number, height: number): Viewport | null {
  const zoom = Math.max(current.zoom, READABLE_ZOOM)
  const left = element.x * current.zoom + current.x
  const top = element.y * current.zoom + current.y
  const inside = current.zoom >= READABLE_ZOOM
    && left >= FOLLOW_MARGIN_PX && top >= FOLLOW_MARGIN_PX
    && left + element.width * current.zoom <= width - FOLLOW_MARGIN_PX
    && top + element.height * current.zoom <= height - FOLLOW_MARGIN_PX
  if (inside) return null
  const cx = element.x + element.width / 2
  const cy = element.y + element.height / 2
  return { x: width / 2 - cx * zoom, y: height / 2 - cy * zoom, zoom }
}

/**
 * The first view of a cluster: all of it, centred, when it fits at some zoom
 * React Flow allows; a cluster too big for that (hundreds of pods) opens at
 * its start, where the lanes begin, at READABLE_ZOOM. Its whole at the
 * smallest zoom would be an unreadable carpet of thousands of elements, each
 * of which the browser has to composite on every repaint (at 5,000 pods
 * 60–130 ms per frame, even for the editor's blinking cursor). The fit
 * button and the minimap still show the whole.
 */
export function firstView(bounds: Rect, width: number, height: number): Viewport {
  const fit = viewportFor(bounds, width, height, 0.06)
  const fits = bounds.width * fit.zoom <= width && bounds.height * fit.zoom <= height
  if (fits) return fit
  return { x: EDGE_PX - bounds.x * READABLE_ZOOM, y: EDGE_PX - bounds.y * READABLE_ZOOM, zoom: READABLE_ZOOM }
}

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
