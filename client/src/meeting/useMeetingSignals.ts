import { useEffect, useRef, useState } from 'react'
import type { HistoryEvent } from '../../../shared/threadsApi'

export interface MeetingSignals {
  /** Changes when the meeting shown may have changed: read it again. */
  readonly meeting: number
  /** Changes when a meeting may have opened or closed: read the draft's meetings again. */
  readonly list: number
}

/** What the stream last showed: the version counter and the latest event's id. */
export interface Seen {
  readonly version: number
  readonly id: number
}

/** What to read again after the stream moved from `before` to (`version`, `latest`): nothing, the meeting, or the list too. */
export function meetingReload(before: Seen, version: number, latest: HistoryEvent | null): 'none' | 'meeting' | 'list' {
  if (version === before.version) return 'none'
  const id = latest?.id ?? 0
  const missed = version - before.version > 1 || id === before.id
  const type: string = latest?.type ?? ''
  if (missed || type === 'meeting.opened' || type === 'meeting.closed') return 'list'
  return type.startsWith('meeting.') ? 'meeting' : 'none'
}

/**
 * Turns the draft's event stream into reload signals for meeting mode: meeting.* events only, so
 * the meeting is not read again on every unrelated event. Events React rendered together (the
 * version jumped by more than one) or a reconnect (the version moved, the event did not) may hide
 * a meeting event: both count as one.
 */
export function useMeetingSignals(version: number, latest: HistoryEvent | null): MeetingSignals {
  const seen = useRef<Seen>({ version, id: latest?.id ?? 0 })
  const [signals, setSignals] = useState<MeetingSignals>({ meeting: 0, list: 0 })
  useEffect(() => {
    const reload = meetingReload(seen.current, version, latest)
    seen.current = { version, id: latest?.id ?? 0 }
    if (reload === 'none') return
    setSignals((s) => ({ meeting: s.meeting + 1, list: reload === 'list' ? s.list + 1 : s.list }))
  }, [version, latest])
  return signals
}
