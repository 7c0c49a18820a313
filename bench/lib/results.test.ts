import { describe, expect, it } from 'vitest'
import { type Row, figures, hocuspocusRatioOf, table, verdict } from './results'

const row = (ours: number, reference: number, hocuspocus?: number): Row => ({
  label: 'fan-out N=100: latency p99',
  unit: 'ms',
  ours: { name: 'fanout.n100.p99_ms.ours', value: ours },
  reference: { name: 'fanout.n100.p99_ms.reference', value: reference },
  ...(hocuspocus !== undefined ? { hocuspocus: { name: 'fanout.n100.p99_ms.hocuspocus', value: hocuspocus } } : {}),
  target: { on: 'ratio', op: '<=', value: 1.5 },
  hocuspocusTarget: { op: '<=', value: 0.7 },
})

describe('bench results with a second peer', () => {
  it('passes only when both the reference ratio and the Hocuspocus ratio meet their targets', () => {
    expect(verdict(row(6, 5, 10))).toBe('PASS')
    expect(verdict(row(8, 5, 10))).toBe('MISS') // 1.6 × the reference
    expect(verdict(row(6, 5, 8))).toBe('MISS') // 0.75 × Hocuspocus
    expect(verdict(row(6, 5))).toBe('MISS') // no Hocuspocus figure to hold the target against
    expect(hocuspocusRatioOf(row(6, 5, 12))).toBe(0.5)
  })

  it('names the figures in --json like the reference ones, `.hocuspocus` for `.reference`', () => {
    expect(figures([row(6, 5, 12)]).map((f) => [f.name, f.unit])).toEqual([
      ['fanout.n100.p99_ms.ours', 'ms'],
      ['fanout.n100.p99_ms.reference', 'ms'],
      ['fanout.n100.p99_ms.ratio', 'ours/reference'],
      ['fanout.n100.p99_ms.hocuspocus', 'ms'],
      ['fanout.n100.p99_ms.ratio_hocuspocus', 'ours/hocuspocus'],
    ])
  })

  it('prints a Hocuspocus column and its ratio', () => {
    const printed = table([row(6, 5, 12)])
    expect(printed.split('\n')[0]).toContain('hocuspocus')
    expect(printed).toContain('0.50')
  })

  it('holds a strict target strictly (cold open < 200 ms) and a capacity at least Hocuspocus\'s', () => {
    const cold = (value: number): Row => ({ label: 'cold open', unit: 'ms', ours: { name: 'coldopen.ms', value }, target: { on: 'ours', op: '<', value: 200 } })
    expect(verdict(cold(199.9))).toBe('PASS')
    expect(verdict(cold(200))).toBe('MISS')
    expect(table([cold(150)])).toContain('ours < 200')
    const capacity = (ours: number, hocuspocus: number): Row => ({
      label: 'capacity', unit: 'delegates', ours: { name: 'capacity.delegates.ours', value: ours }, hocuspocus: { name: 'capacity.delegates.hocuspocus', value: hocuspocus }, hocuspocusTarget: { op: '>=', value: 1 },
    })
    expect(verdict(capacity(800, 400))).toBe('PASS')
    expect(verdict(capacity(400, 800))).toBe('MISS')
    expect(verdict(capacity(100, 0))).toBe('PASS') // Hocuspocus missed the lowest rung
    expect(table([capacity(800, 400)])).toContain('vs hp ≥ 1')
  })
})
