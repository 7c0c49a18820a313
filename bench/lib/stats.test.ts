import { describe, expect, it } from 'vitest'
import { percentile, summarize } from './stats'

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const samples = [15, 20, 35, 40, 50]
    expect(percentile(samples, 5)).toBe(15)
    expect(percentile(samples, 30)).toBe(20)
    expect(percentile(samples, 40)).toBe(20)
    expect(percentile(samples, 50)).toBe(35)
    expect(percentile(samples, 100)).toBe(50)
  })

  it('does not depend on the order of the samples and leaves them unchanged', () => {
    const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10]
    expect(percentile(samples, 90)).toBe(9)
    expect(percentile(samples, 0)).toBe(1)
    expect(samples[0]).toBe(9)
  })

  it('sorts numerically, not as strings', () => {
    expect(percentile([100, 9, 20], 50)).toBe(20)
  })

  it('is NaN without samples and refuses a p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN()
    expect(() => percentile([1], 101)).toThrow(RangeError)
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError)
  })
})

describe('summarize', () => {
  it('agrees with percentile', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000)
    const s = summarize(samples)
    expect(s).toEqual({ count: 1000, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: 999 })
    expect(s.p99).toBe(989)
  })

  it('is empty without samples', () => {
    expect(summarize([]).count).toBe(0)
    expect(summarize([]).p99).toBeNaN()
  })
})
