import { describe, expect, it } from 'vitest'
import { auditCsv } from './filter'

describe('audit CSV', () => {
  it('quotes every field, doubles quotes, and defuses what a spreadsheet would run as a formula', () => {
    const csv = auditCsv([
      { id: 7, at: '2026-03-01T08:00:00.000Z', action: 'session.failed', groupId: null, actorId: null, actorName: '=cmd|"/c calc"!A1', target: null, address: '+1', data: { note: 'a "quote"' } },
    ])
    expect(csv.split('\r\n')).toEqual([
      'id,at,action,actorName,target,address,data',
      `"7","2026-03-01T08:00:00.000Z","session.failed","'=cmd|""/c calc""!A1","","'+1","{""note"":""a \\""quote\\""""}"`,
      '',
    ])
  })
})
