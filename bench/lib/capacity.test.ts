import { describe, expect, it } from 'vitest'
import { capacityOf, ladderSteps } from './capacity'

describe('capacity ladder', () => {
  it('is the highest rung climbed from the bottom with p99 below the limit', () => {
    expect(capacityOf([{ delegates: 100, p99Ms: 8 }, { delegates: 200, p99Ms: 12 }, { delegates: 400, p99Ms: 61 }], 50)).toBe(200)
    expect(capacityOf([{ delegates: 400, p99Ms: 20 }, { delegates: 100, p99Ms: 5 }, { delegates: 200, p99Ms: 9 }], 50)).toBe(400)
  })

  it('stops at the first miss, even when a higher rung passed', () => {
    expect(capacityOf([{ delegates: 100, p99Ms: 10 }, { delegates: 200, p99Ms: 55 }, { delegates: 400, p99Ms: 30 }], 50)).toBe(100)
  })

  it('is 0 when the lowest rung misses, and a p99 of exactly the limit misses (p99 < 50 ms)', () => {
    expect(capacityOf([{ delegates: 100, p99Ms: 50 }], 50)).toBe(0)
    expect(capacityOf([], 50)).toBe(0)
    expect(capacityOf([{ delegates: 100, p99Ms: Number.NaN }], 50)).toBe(0)
  })

  it('reads the steps from the environment, sorted, ignoring what is not a positive whole number', () => {
    expect(ladderSteps('400, 100,x,-5,200', [1])).toEqual([100, 200, 400])
    expect(ladderSteps(undefined, [100, 200])).toEqual([100, 200])
    expect(ladderSteps('', [100])).toEqual([100])
  })
})
