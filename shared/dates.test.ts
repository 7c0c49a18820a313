import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatDeadlineLocal, formatUtc } from './dates'

describe('dates', () => {
  const iso = '2026-12-04T15:00:00.000Z'
  it('writes one format: "4 December 2026", with the time where it matters', () => {
    expect(formatDate(iso, 'UTC')).toBe('4 December 2026')
    expect(formatDateTime(iso, 'UTC')).toBe('4 December 2026, 15:00')
    expect(formatUtc(iso)).toBe('4 December 2026, 15:00 UTC')
  })
  it('gives a deadline in the reader’s zone and in UTC', () => {
    expect(formatDeadlineLocal(iso, 'Africa/Nairobi')).toBe('4 December 2026, 18:00 GMT+3 (15:00 UTC)')
    expect(formatDeadlineLocal('2026-12-04T22:30:00.000Z', 'Asia/Tokyo')).toBe('5 December 2026, 07:30 GMT+9 (4 December 2026, 22:30 UTC)')
    expect(formatDeadlineLocal(iso, 'UTC')).toBe('4 December 2026, 15:00 UTC')
  })
})
