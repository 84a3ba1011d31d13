import { describe, expect, it } from 'vitest'
import { cameraGoal, EDGE_PX, FIT_MAX_ZOOM, MIN_ZOOM, NEAR_PX, sameView, viewportFor } from './viewport'

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

  it('is "the same view" only within a few pixels and 1 % of zoom', () => {
    const v = { x: 10, y: 20, zoom: 0.8 }
    expect(sameView(v, { x: 8.1, y: 19.4, zoom: 0.807 })).toBe(true) // a 2 px pan: not worth 450 ms of repaints
    expect(sameView(v, { x: 10 + NEAR_PX, y: 20, zoom: 0.8 })).toBe(false)
    expect(sameView(v, { x: 10, y: 20 - NEAR_PX - 1, zoom: 0.8 })).toBe(false)
    expect(sameView(v, { x: 10, y: 20, zoom: 0.81 })).toBe(false)
  })

  it('goes to the whole cluster when it is readable, else to the path, and stays where it is already', () => {
    const pane = { width: 600, height: 500 }
    const small = { x: 0, y: 0, width: 500, height: 300 }
    const fitSmall = viewportFor(small, pane.width, pane.height, 0.06)
    expect(cameraGoal({ x: 0, y: 0, zoom: 1 }, small, { x: 0, y: 0, width: 50, height: 50 }, pane.width, pane.height)).toEqual(fitSmall)
    expect(cameraGoal(fitSmall, small, { x: 0, y: 0, width: 50, height: 50 }, pane.width, pane.height)).toBeNull()

    const big = { x: 0, y: 0, width: 5000, height: 3000 }
    const path = { x: 1000, y: 1000, width: 400, height: 300 }
    const onPath = cameraGoal(viewportFor(big, pane.width, pane.height, 0.06), big, path, pane.width, pane.height)
    expect(onPath).toEqual(viewportFor(path, pane.width, pane.height, 0.12))
    expect(cameraGoal(onPath!, big, path, pane.width, pane.height)).toBeNull()

    // A path across the whole of a huge cluster: the fit of the path is the minimum zoom, a pixel or two
    // from the fit of the whole where the camera is; no animation for that.
    const huge = { x: 0, y: 0, width: 20000, height: 12000 }
    const across = { x: 10, y: 5, width: 19990, height: 11990 }
    const here = viewportFor(huge, pane.width, pane.height, 0.06)
    expect(here.zoom).toBe(MIN_ZOOM)
    const there = viewportFor(across, pane.width, pane.height, 0.12)
    expect(there).not.toEqual(here)
    expect(cameraGoal(here, huge, across, pane.width, pane.height)).toBeNull()
  })
})
