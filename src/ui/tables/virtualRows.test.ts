import { describe, expect, it } from 'vitest'
import { columnWidths, visibleRows } from './virtualRows'

describe('the rows of a long table near the view', () => {
  const base = { viewHeight: 200, rowPx: 20, total: 5000, overscan: 5 }

  it('are the first screenful (plus the margin) before any scrolling', () => {
    expect(visibleRows({ ...base, bodyTop: 40 })).toEqual({ first: 0, last: 8 + 5 }) // rows 0..7 fit below the heading
  })

  it('follow the scroll position, with the margin on both sides', () => {
    // Scrolled so that the body started 1,000 px above the view: rows 50..59 are in view.
    expect(visibleRows({ ...base, bodyTop: -1000 })).toEqual({ first: 45, last: 65 })
  })

  it('stop at the table\'s ends', () => {
    expect(visibleRows({ ...base, bodyTop: -20 * 4995 })).toEqual({ first: 4990, last: 5000 })
    expect(visibleRows({ ...base, bodyTop: -20 * 6000 })).toEqual({ first: 5000, last: 5000 })
    expect(visibleRows({ ...base, bodyTop: 5000 })).toEqual({ first: 0, last: 5 }) // the body is below the view
  })

  it('are a first guess while the row height is not measured yet', () => {
    expect(visibleRows({ ...base, rowPx: 0, bodyTop: 0 })).toEqual({ first: 0, last: 10 })
    expect(visibleRows({ ...base, total: 3, rowPx: 0, bodyTop: 0 })).toEqual({ first: 0, last: 3 })
  })
})

describe('the columns of a long table', () => {
  it('are as wide as their longest cell or heading, in characters', () => {
    expect(columnWidths(['NAME', 'IP'], [['a', '10.244.1.2'], ['kubia-7dccf74c4c-8dlqr', '']])).toEqual([22, 10])
    expect(columnWidths(['NAMESPACE'], [])).toEqual([9])
  })
})
