/**
 * An edge with its port label (e.g. 8080) drawn as SVG text on a box sized
 * from the text itself. React Flow's own edge label measures its text with
 * getBBox after mounting, which forces a layout per label: bringing a part
 * of a large cluster on screen mounted a hundred labels and spent most of its
 * time in those layouts. The label is monospace, so its width is known.
 */
import { memo } from 'react'
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react'

/** The label's font size (px) and the width of one monospace character in em (wide fonts' value, so the box never clips). */
const FONT_PX = 11
const CHAR_EM = 0.62
const PAD_X = 4
const PAD_Y = 2

/** The label box's size for `text`, in graph units. */
export function labelBox(text: string): { width: number; height: number } {
  return { width: Math.ceil(text.length * CHAR_EM * FONT_PX) + 2 * PAD_X, height: Math.ceil(FONT_PX * 1.3) + 2 * PAD_Y }
}

function PortEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, markerEnd, style, interactionWidth }: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })
  const text = typeof label === 'string' || typeof label === 'number' ? String(label) : ''
  const box = labelBox(text)
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      {text && (
        <g className="react-flow__edge-textwrapper" transform={`translate(${labelX - box.width / 2} ${labelY - box.height / 2})`}>
          <rect className="react-flow__edge-textbg" width={box.width} height={box.height} rx={2} ry={2} />
          <text className="react-flow__edge-text" x={box.width / 2} y={box.height / 2} dy="0.35em" textAnchor="middle">{text}</text>
        </g>
      )}
    </>
  )
}

export default memo(PortEdge)
