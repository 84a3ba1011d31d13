import { describe, expect, it } from 'vitest'
import { labelBox } from './PortEdge'

describe('an edge label box', () => {
  it('is wide enough for the text in any common monospace font (0.6 em a character) plus its padding', () => {
    for (const text of ['80', '8080', '8080,9090', '30080/TCP']) {
      const box = labelBox(text)
      expect(box.width).toBeGreaterThanOrEqual(text.length * 0.6 * 11 + 8)
      expect(box.width).toBeLessThanOrEqual(text.length * 0.7 * 11 + 10) // and not much wider
      expect(box.height).toBeGreaterThanOrEqual(11 + 4)
    }
  })
})
