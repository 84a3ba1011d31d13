/** Export the whole graph (not just what is on screen) as PNG or SVG, for slides and handouts. */
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react'

export async function exportGraph(nodes: Node[], format: 'png' | 'svg'): Promise<void> {
  const viewportEl = document.querySelector<HTMLElement>('[data-testid="cluster-graph"] .react-flow__viewport')
  if (!viewportEl) return
  const bounds = getNodesBounds(nodes)
  const width = Math.ceil(bounds.width + 80)
  const height = Math.ceil(bounds.height + 80)
  const vp = getViewportForBounds(bounds, width, height, 0.1, 2, 40)
  const options = {
    backgroundColor: '#ffffff',
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
  }
  // Loaded on the first export: the first paint does not need it.
  const { toPng, toSvg } = await import('html-to-image')
  const dataUrl = format === 'png' ? await toPng(viewportEl, { ...options, pixelRatio: 2 }) : await toSvg(viewportEl, options)
  const a = document.createElement('a')
  a.href = dataUrl
  a.download = `cluster.${format}`
  a.click()
}
