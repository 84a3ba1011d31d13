import { describe, expect, it } from 'vitest'
import { cameraPlan, EDGE_PX, MIN_ZOOM, firstView, FIT_MAX_ZOOM, FOLLOW_MARGIN_PX, followGoal, NEAR_PX, READABLE_ZOOM, sameView, viewportFor } from './viewport'

describe('the camera when a request is sent', () => {
  it('fits the bounds into the pane, centred, never closer than the fit zoom cap', () => {
    const v = viewportFor({ x: 0, y: 0, width: 100, height: 100 }, 200, 200, 0)
    expect(v.zoom).toBe(FIT_MAX_ZOOM)
    expect(v.x).toBeCloseTo(100 - 55)
    expect(v.y).toBeCloseTo(100 - 55)
    const far = viewportFor({ x: 1000, y: 0, width: 4000, height: 1000 }, 1000, 500, 0)
    expect(far.zoom).toBeCloseTo(0.25)
    expect(far.x).toBeCloseTo(-250) // the bounds' left edge at the pane's left edge
  })

  it('shows the start of a graph too big to fit at the smallest zoom, not its middle', () => {
    const tall = viewportFor({ x: 100, y: 0, width: 300, height: 100_000 }, 600, 500, 0.06)
    expect(tall.zoom).toBe(MIN_ZOOM)
    expect(tall.y).toBe(EDGE_PX) // the top of the graph at the top of the pane
    expect(tall.x).toBeCloseTo(300 - (100 + 150) * MIN_ZOOM) // it fits across: centred
    const wide = viewportFor({ x: -500, y: 40, width: 50_000, height: 200 }, 600, 500, 0.06)
    expect(wide.x).toBeCloseTo(EDGE_PX + 500 * MIN_ZOOM)
    expect(wide.y).toBeCloseTo(250 - (40 + 100) * MIN_ZOOM)
  })

  it('opens a cluster that fits at its whole, and one too big at its start, readable', () => {
    const small = { x: 0, y: 0, width: 1200, height: 800 }
    expect(firstView(small, 600, 500)).toEqual(viewportFor(small, 600, 500, 0.06))
    const huge = { x: -20, y: 10, width: 30_000, height: 90_000 }
    expect(firstView(huge, 600, 500)).toEqual({ x: EDGE_PX + 20 * READABLE_ZOOM, y: EDGE_PX - 10 * READABLE_ZOOM, zoom: READABLE_ZOOM })
  })

  it('is "the same view" only within a few pixels and 1 % of zoom', () => {
    const v = { x: 10, y: 20, zoom: 0.8 }
    expect(sameView(v, { x: 8.1, y: 19.4, zoom: 0.807 })).toBe(true) // a 2 px pan: not worth 450 ms of repaints
    expect(sameView(v, { x: 10 + NEAR_PX, y: 20, zoom: 0.8 })).toBe(false)
    expect(sameView(v, { x: 10, y: 20 - NEAR_PX - 1, zoom: 0.8 })).toBe(false)
    expect(sameView(v, { x: 10, y: 20, zoom: 0.81 })).toBe(false)
  })

  it('goes to the whole cluster when it is readable, else to a readable path, and stays where it is already', () => {
    const pane = { width: 600, height: 500 }
    const small = { x: 0, y: 0, width: 500, height: 300 }
    const fitSmall = viewportFor(small, pane.width, pane.height, 0.06)
    const dot = { x: 0, y: 0, width: 50, height: 50 }
    expect(cameraPlan({ x: 0, y: 0, zoom: 1 }, small, dot, pane.width, pane.height)).toEqual({ goal: fitSmall, follow: false })
    expect(cameraPlan(fitSmall, small, dot, pane.width, pane.height)).toEqual({ goal: null, follow: false })

    const big = { x: 0, y: 0, width: 5000, height: 3000 }
    const path = { x: 1000, y: 1000, width: 400, height: 300 }
    const onPath = cameraPlan(viewportFor(big, pane.width, pane.height, 0.06), big, path, pane.width, pane.height)
    expect(onPath).toEqual({ goal: viewportFor(path, pane.width, pane.height, 0.12), follow: false })
    expect(cameraPlan(onPath.goal!, big, path, pane.width, pane.height)).toEqual({ goal: null, follow: false })
  })

  it('follows the packet when the path is too long to read in one view', () => {
    const pane = { width: 600, height: 500 }
    const huge = { x: 0, y: 0, width: 20000, height: 12000 }
    const across = { x: 10, y: 5, width: 19990, height: 11990 }
    expect(cameraPlan(firstView(huge, pane.width, pane.height), huge, across, pane.width, pane.height)).toEqual({ goal: null, follow: true })
    // An element off screen is centred, readable; one well inside the view leaves the camera still.
    const here = { x: 0, y: 0, zoom: 0.1 }
    const pod = { x: 9000, y: 6000, width: 228, height: 66 }
    const goal = followGoal(here, pod, pane.width, pane.height)!
    expect(goal.zoom).toBe(READABLE_ZOOM)
    expect(pod.x * goal.zoom + goal.x + (pod.width * goal.zoom) / 2).toBeCloseTo(pane.width / 2)
    expect(pod.y * goal.zoom + goal.y + (pod.height * goal.zoom) / 2).toBeCloseTo(pane.height / 2)
    expect(followGoal(goal, pod, pane.width, pane.height)).toBeNull()
    const close = { x: 0, y: 0, zoom: 1 }
    expect(followGoal(close, { x: 100, y: 100, width: 200, height: 60 }, pane.width, pane.height)).toBeNull()
    // Too close to the edge (under FOLLOW_MARGIN_PX): centred, at the zoom the user chose.
    const edge = followGoal(close, { x: 580 - FOLLOW_MARGIN_PX, y: 100, width: 200, height: 60 }, pane.width, pane.height)!
    expect(edge.zoom).toBe(1)
  })
})
