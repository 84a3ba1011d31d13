/** The cluster as a React Flow graph: Services, nodes with their pods, endpoint edges. */
import { useCallback, useMemo } from 'react'
import { Background, Controls, MiniMap, ReactFlow, type NodeMouseHandler } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { buildGraphModel } from '../../engine'
import { useAppStore } from '../../store'
import { selectIsStale, selectRevealLine, selectSelect, selectSelection, selectShownSim } from '../../store/selectors'
import { nodeTypes } from './nodeTypes'
import { toFlow } from './toFlow'

export default function ClusterGraph() {
  const sim = useAppStore(selectShownSim)
  const stale = useAppStore(selectIsStale)
  const selection = useAppStore(selectSelection)
  const select = useAppStore(selectSelect)
  const revealLine = useAppStore(selectRevealLine)
  const model = useMemo(() => buildGraphModel(sim), [sim])
  const { nodes, edges } = useMemo(() => toFlow(model, selection), [model, selection])

  const onNodeClick: NodeMouseHandler = useCallback(
    (_event, node) => {
      select(node.id)
      const found = model.nodes.find((n) => n.id === node.id)
      const docIndex = found?.kind === 'pod' ? found.pod.docIndex : found?.kind === 'service' ? found.service.docIndex : -1
      const doc = docIndex >= 0 ? sim.documents[docIndex] : undefined
      if (doc) revealLine(doc.line)
    },
    [model, select, revealLine, sim],
  )

  return (
    <div className={`graph${stale ? ' stale' : ''}`} data-testid="cluster-graph" aria-label="Cluster graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={() => select(null)}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1.1 }}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elevateNodesOnSelect={false}
        proOptions={{ hideAttribution: false }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="Minimap" style={{ width: 140, height: 90 }} />
      </ReactFlow>
      {stale && (
        <div className="stale-banner" role="status" data-testid="stale-banner">
          The YAML has errors: showing the last valid cluster.
        </div>
      )}
    </div>
  )
}
