import { describe, expect, it } from 'vitest'
import type { EventType, HistoryEvent } from '../../../shared/threadsApi'
import { meetingReload } from './useMeetingSignals'

const event = (id: number, type: EventType): HistoryEvent => ({
  id,
  type,
  at: '2026-12-03T10:00:00.000Z',
  actor: { id: 'u1', name: 'Kwabena Owusu-Mensah', role: 'chair', state: null },
  clauseId: null,
  threadId: null,
  commentId: null,
  roundId: null,
  data: { meetingId: 'm1' },
})

describe('meetingReload', () => {
  it('reads the meeting again on a meeting event, and the list too when one opens or closes', () => {
    expect(meetingReload({ version: 3, id: 10 }, 4, event(11, 'meeting.screen'))).toBe('meeting')
    expect(meetingReload({ version: 3, id: 10 }, 4, event(11, 'meeting.floor'))).toBe('meeting')
    expect(meetingReload({ version: 3, id: 10 }, 4, event(11, 'meeting.opened'))).toBe('list')
    expect(meetingReload({ version: 3, id: 10 }, 4, event(11, 'meeting.closed'))).toBe('list')
  })

  it('leaves the meeting alone on an unrelated event, or when nothing moved', () => {
    expect(meetingReload({ version: 3, id: 10 }, 4, event(11, 'comment.edited'))).toBe('none')
    expect(meetingReload({ version: 4, id: 11 }, 4, event(11, 'meeting.screen'))).toBe('none')
  })

  it('reads everything again when events arrived together (one may have been a meeting event) or the stream reconnected', () => {
    expect(meetingReload({ version: 3, id: 10 }, 5, event(12, 'comment.edited'))).toBe('list')
    expect(meetingReload({ version: 3, id: 10 }, 4, event(10, 'comment.edited'))).toBe('list')
  })
})
