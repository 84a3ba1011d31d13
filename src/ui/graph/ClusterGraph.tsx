/**
 * The cluster as a React Flow graph in lanes, with the request's packet
 * drawn on top: the element where the current step happens is lit, the
 * elements it went through stay marked.
 */
import { useCallback, useLayoutEffect, useMemo } from 'react'
import { Background, Controls, MiniMap, Panel, ReactFlow, type NodeMouseHandler } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useTranslation } from '../../i18n/useTranslation'
import { buildGraphModel } from '../../engine'
import { useAppStore } from '../../store'
import {
  selectIsStale, selectRevealLine, selectSelect, selectSelection, selectShownSim, selectShownTrace, selectSpeed, selectStepCount,
} from '../../store/selectors'
import PacketToken from '../trace/PacketToken'
import { highlightFor } from '../trace/activeElements'
import { exportGraph } from './exportImage'
import { showHighlight } from './highlightStore'
import { edgeTypes, nodeTypes } from './nodeTypes'
import { identityOf, jsonKey, useStabilizer } from './stableElements'
import { toFlow, type FlowNode } from './toFlow'
import { useGraphCamera } from './useGraphCamera'
import { FIT_MAX_ZOOM, MAX_ZOOM, MIN_ZOOM } from './viewport'
import type { Edge } from '@xyflow/react'

/** Elements after the highlight: unchanged when their base element, class and texts are (see stableElements.ts). */
const baseOf = new WeakMap<object, object>()
function decorated<T extends object>(item: T, base: object): T {
  baseOf.set(item, base)
  return item
}
const edgeTexts = new WeakMap<Edge, { t: unknown; edge: Edge }>()
const decoratedNodeKey = (n: FlowNode) => `${identityOf(baseOf.get(n) ?? n)}|${n.domAttributes?.['aria-roledescription'] ?? ''}`

/** The controls' fit button: the whole graph, never closer than the fit zoom cap. */
const FIT_BUTTON = { padding: 0.06, maxZoom: FIT_MAX_ZOOM }

export default function ClusterGraph() {
  const { t } = useTranslation()
  const sim = useAppStore(selectShownSim)
  const stale = useAppStore(selectIsStale)
  const selection = useAppStore(selectSelection)
  const select = useAppStore(selectSelect)
  const revealLine = useAppStore(selectRevealLine)
  const trace = useAppStore(selectShownTrace)
  const stepCount = useAppStore(selectStepCount)
  const speed = useAppStore(selectSpeed)
  const model = useMemo(() => buildGraphModel(sim), [sim])
  // Each engine run builds new objects for every element: keep the old ones where nothing changed.
  const stableNodes = useStabilizer<FlowNode>(jsonKey)
  const stableEdges = useStabilizer<Edge>(jsonKey)
  const flow = useMemo(() => {
    const f = toFlow(model, selection)
    return { nodes: stableNodes(f.nodes), edges: stableEdges(f.edges) }
  }, [model, selection])
  const stableDecoratedNodes = useStabilizer<FlowNode>(decoratedNodeKey)
  // Decorated edges are already kept per edge (edgeTexts): an edge is unchanged when it is the same object.
  const stableDecoratedEdges = useStabilizer<Edge>((e) => e)
  const highlight = useMemo(() => highlightFor(model, sim.services, trace?.steps ?? [], stepCount), [model, sim.services, trace, stepCount])
  // What screen readers call the graph's elements (React Flow says "node" and "edge" in English otherwise).
  const nodeRole = t('graph.flow.nodeRole')
  // Each node reads its own highlight (highlightStore.ts): a trace step does not touch React Flow's nodes.
  const nodes = useMemo(
    () => stableDecoratedNodes(flow.nodes.map((n) => decorated({ ...n, domAttributes: { 'aria-roledescription': nodeRole } }, n))),
    [flow.nodes, nodeRole],
  )
  useLayoutEffect(() => showHighlight(highlight), [highlight])
  // An edge's screen-reader texts are made once per edge object and language (flow.edges keeps unchanged edges' objects).
  const edges = useMemo(
    () => stableDecoratedEdges(flow.edges.map((e) => {
      const hit = edgeTexts.get(e)
      if (hit && hit.t === t) return hit.edge
      const edge = decorated({
        ...e,
        ariaLabel: t('graph.flow.edge', { source: e.source, target: e.target }),
        domAttributes: { 'aria-roledescription': t('graph.flow.edgeRole') },
      }, e)
      edgeTexts.set(e, { t, edge })
      return edge
    })),
    [flow.edges, t],
  )

  const onNodeClick: NodeMouseHandler = useCallback(
    (_event, node) => {
      select(node.id)
      const found = model.nodes.find((n) => n.id === node.id)
      const docIndex = found?.kind === 'pod' ? found.pod.docIndex : found?.kind === 'service' || found?.kind === 'loadbalancer' ? found.service.docIndex : found?.kind === 'ingress' ? found.ingress.docIndex : -1
      const doc = docIndex >= 0 ? sim.documents[docIndex] : undefined
      if (doc) revealLine(doc.line)
    },
    [model, select, revealLine, sim],
  )
  const current = trace?.steps[stepCount - 1]
  // React Flow's own screen-reader texts, in the UI language (nodes cannot be moved or deleted here).
  const ariaLabelConfig = useMemo(() => ({
    'node.a11yDescription.default': t('graph.flow.nodeHelp'),
    'node.a11yDescription.keyboardDisabled': t('graph.flow.nodeHelp'),
    'edge.a11yDescription.default': t('graph.flow.edgeHelp'),
    'controls.ariaLabel': t('graph.flow.controls'),
    'controls.zoomIn.ariaLabel': t('graph.flow.zoomIn'),
    'controls.zoomOut.ariaLabel': t('graph.flow.zoomOut'),
    'controls.fitView.ariaLabel': t('graph.flow.fitView'),
    'controls.interactive.ariaLabel': t('graph.flow.interactive'),
    'minimap.ariaLabel': t('graph.flow.minimap'),
    'handle.ariaLabel': t('graph.flow.handle'),
  }), [t])
  const cameraMoving = useGraphCamera(model, sim.services, nodes, trace, highlight.current)

  return (
    <div className={`graph${stale ? ' stale' : ''}${cameraMoving ? ' camera-moving' : ''}`} data-testid="cluster-graph" aria-label={t('graph.label')}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={() => select(null)}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        nodesDraggable={false}
        nodesConnectable={false}
        elevateNodesOnSelect={false}
        onlyRenderVisibleElements
        ariaLabelConfig={ariaLabelConfig}
      >
        <Background gap={24} />
        <Controls showInteractive={false} fitViewOptions={FIT_BUTTON} />
        <MiniMap pannable zoomable ariaLabel={t('graph.flow.minimap')} style={{ width: 140, height: 90 }} />
        <Panel position="top-right" className="export-buttons">
          <button type="button" onClick={() => void exportGraph(nodes, 'png')} title={t('graph.exportPng')} data-testid="export-png">{t('graph.png')}</button>
          <button type="button" onClick={() => void exportGraph(nodes, 'svg')} title={t('graph.exportSvg')} data-testid="export-svg">{t('graph.svg')}</button>
        </Panel>
        <PacketToken element={highlight.current} kind={current?.kind} failed={highlight.failed} speed={speed} />
      </ReactFlow>
      {stale && (
        <div className="stale-banner" role="status" data-testid="stale-banner">
          {t('graph.stale')}
        </div>
      )}
    </div>
  )
}
