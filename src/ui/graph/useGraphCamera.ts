/**
 * The graph's camera (viewport.ts decides, this hook moves it): the first
 * view of the cluster, set before the first paint; for a new request, its
 * path brought into view, or, when the path is too long to read in one view,
 * the packet followed from element to element as the player steps (a cut to
 * each step's element when it is off screen).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { getNodesBounds, useReactFlow, useStore, useStoreApi, type Node, type Rect } from '@xyflow/react'
import { elementForStep, type GraphModel, type ServiceInfo, type Trace } from '../../engine'
import { highlightFor } from '../trace/activeElements'
import { cameraPlan, firstView, followGoal } from './viewport'

const MOVE_MS = 450

/** Returns true while the camera moves (the graph is composited as one layer then: see styles.css). */
export function useGraphCamera(model: GraphModel, services: ServiceInfo[], nodes: Node[], trace: Trace | undefined, current: string | undefined): boolean {
  const rf = useReactFlow()
  const flowStore = useStoreApi()
  const paneSized = useStore((s) => s.width > 0 && s.height > 0)
  const placed = useRef(false)
  const following = useRef(false)
  const [moving, setMoving] = useState(false)

  // The first view, before the first paint: the whole cluster, or its start when it is too big.
  useLayoutEffect(() => {
    if (placed.current || !paneSized || nodes.length === 0) return
    placed.current = true
    const { width, height } = flowStore.getState()
    void rf.setViewport(firstView(getNodesBounds(nodes.filter((n) => !n.parentId)), width, height))
  }, [paneSized, nodes])

  // A new request: its whole path into view (the packet's route is the lesson), or follow the packet.
  useEffect(() => {
    following.current = false
    if (!trace) return
    const ids = new Set<string>()
    for (const s of trace.steps) {
      const el = elementForStep(model, s.at)
      if (!el) continue
      ids.add(el)
      const parent = model.nodes.find((n) => n.id === el)
      if (parent && 'parent' in parent) ids.add(parent.parent)
    }
    const all = highlightFor(model, services, trace.steps, trace.steps.length)
    if (all.target) ids.add(all.target)
    const { width, height } = flowStore.getState()
    if (ids.size === 0 || width === 0 || height === 0) return
    const plan = cameraPlan(rf.getViewport(), rf.getNodesBounds(rf.getNodes()), rf.getNodesBounds([...ids]), width, height)
    following.current = plan.follow
    if (!plan.goal) return // already there (or following): an animation would only repaint the graph
    const goal = plan.goal
    const duration = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : MOVE_MS
    const timer = setTimeout(() => {
      if (duration > 0) setMoving(true)
      void rf.setViewport(goal, { duration }).finally(() => setMoving(false))
    }, 30)
    return () => clearTimeout(timer)
  }, [trace])

  // Following: each step's element comes on screen, readable.
  useEffect(() => {
    if (!following.current || !current) return
    const node = rf.getInternalNode(current)
    if (!node) return
    const { width, height } = flowStore.getState()
    const box: Rect = { ...node.internals.positionAbsolute, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 }
    // A cut, not a pan: panning across a large cluster mounts the elements it passes in every frame
    // (at 500 pods 25-90 ms frames), which is neither smooth nor readable.
    const goal = followGoal(rf.getViewport(), box, width, height)
    if (goal) void rf.setViewport(goal)
  }, [current])

  return moving
}
