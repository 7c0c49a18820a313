import { describe, expect, it } from 'vitest'
import { automaticSymbol, defaultCompareTo, revisedSymbol, revisionAtRoundOpening, roundRevisionLabel } from './defaults'

const rev = (number: number, label: string, createdAt: string) => ({ number, label, createdAt })
const REVISIONS = [
  rev(1, 'Rapporteur’s draft', '2026-04-05T09:00:00.000Z'),
  rev(2, roundRevisionLabel('First reading', 'opened'), '2026-05-01T09:00:00.010Z'),
  rev(3, 'Rapporteur mid-round', '2026-05-10T09:00:00.000Z'),
  rev(4, roundRevisionLabel('First reading', 'closed'), '2026-06-01T09:00:00.000Z'),
  rev(5, 'After the round', '2026-06-05T09:00:00.000Z'),
]
const ROUNDS = [{ id: 'r1', name: 'First reading', openedAt: '2026-05-01T09:00:00.000Z' }]

describe('the default "changes since"', () => {
  it('is the revision saved when the round opened, so what was applied during the round is counted', () => {
    expect(revisionAtRoundOpening(REVISIONS, ROUNDS[0]!)?.number).toBe(2)
    expect(defaultCompareTo(REVISIONS, ROUNDS, 4, ['r1'])).toBe(2)
    // No round chosen: the last round opened before the base revision.
    expect(defaultCompareTo(REVISIONS, ROUNDS, 5, null)).toBe(2)
  })

  it('falls back to the revision before the base one when no round fits', () => {
    expect(defaultCompareTo(REVISIONS, [], 4, null)).toBe(3)
    // The round opened with the base revision itself: nothing earlier to count from but the one before.
    expect(defaultCompareTo(REVISIONS, ROUNDS, 2, null)).toBe(1)
    expect(defaultCompareTo(REVISIONS, ROUNDS, 1, null)).toBeNull()
    // A round whose opening revision is missing (renamed label): the one before.
    expect(defaultCompareTo(REVISIONS, [{ id: 'r2', name: 'Other', openedAt: '2026-05-01T00:00:00.000Z' }], 4, ['r2'])).toBe(3)
  })
})

describe('document symbols', () => {
  it('reads organisation / group / year / R.n, and adds /Rev.n to revised versions', () => {
    expect(automaticSymbol('owg-cyberspace', '2026', 1)).toBe('AALCO/OWG-CYBERSPACE/2026/R.1')
    expect(automaticSymbol('a b_c', '2027', 3)).toBe('AALCO/A-B-C/2027/R.3')
    expect(revisedSymbol('AALCO/OWG-CYBERSPACE/2026/R.1', 1)).toBe('AALCO/OWG-CYBERSPACE/2026/R.1')
    expect(revisedSymbol('AALCO/OWG-CYBERSPACE/2026/R.1', 3)).toBe('AALCO/OWG-CYBERSPACE/2026/R.1/Rev.2')
    expect(revisedSymbol('X/Rev.1', 3)).toBe('X/Rev.2')
  })
})
