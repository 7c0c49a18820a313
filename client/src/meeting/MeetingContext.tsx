import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { MeResponse } from '../../../shared/api'
import type { MeetingView } from '../../../shared/meetingApi'
import { type Phase, can } from '../../../shared/permissions'
import type { HistoryEvent } from '../../../shared/threadsApi'
import { errorMessage } from '../api/http'
import { meetingApi } from './api'
import { scrollToClauseWhenShown } from './scroll'
import { useMeetingSignals } from './useMeetingSignals'

/** What each role may do in a meeting (the server checks the same, and answers 403 otherwise). */
export interface MeetingRights {
  readonly open: boolean
  readonly screen: boolean
  readonly askFloor: boolean
  readonly giveFloor: boolean
  readonly decide: boolean
  readonly correctAttendance: boolean
  readonly close: boolean
}

export function meetingRights(me: MeResponse, phase: Phase): MeetingRights {
  const role = me.user.role
  const presides = can(role, 'meeting.present', phase)
  return {
    open: can(role, 'meeting.open', phase),
    screen: presides,
    askFloor: can(role, 'meeting.askFloor', phase) && me.user.state !== null,
    giveFloor: presides,
    decide: can(role, 'meeting.decide', phase),
    correctAttendance: can(role, 'meeting.attendance', phase),
    close: can(role, 'meeting.close', phase),
  }
}

/** What the meeting needs of a clause: its id and label ("Article 4"). */
export interface MeetingClause {
  readonly id: string
  readonly label: string
}

export interface MeetingState {
  readonly draftId: string
  readonly clauses: readonly MeetingClause[]
  /** The clause's current label, or a word for one since removed. */
  readonly labelOf: (clauseId: string) => string
  readonly me: MeResponse
  readonly rights: MeetingRights
  /** The draft's open meeting, as last read (null: none open). */
  readonly meeting: MeetingView | null
  /** Closed meetings, newest first. */
  readonly past: readonly MeetingView[]
  /** Follows the clause on screen (the default while a meeting is open). */
  readonly following: boolean
  readonly setFollowing: (following: boolean) => void
  readonly error: string | null
  readonly clearError: () => void
  /** Runs a meeting action; its answer (the meeting as it now stands, or null: read it again) is shown at once. False when refused. */
  readonly run: (work: () => Promise<MeetingView | null>, fallback: string) => Promise<boolean>
}

const MeetingContext = createContext<MeetingState | null>(null)

/** The clause on screen, for every clause card: kept apart so only a change of screen re-renders them. */
interface ScreenState {
  readonly clauseId: string | null
  /** Puts a clause on screen (the chair), else null. */
  readonly put: ((clauseId: string) => void) | null
}

const ScreenContext = createContext<ScreenState>({ clauseId: null, put: null })

export function useMeeting(): MeetingState | null {
  return useContext(MeetingContext)
}

export function useScreen(): ScreenState {
  return useContext(ScreenContext)
}

interface Props {
  readonly draftId: string
  readonly me: MeResponse
  /** The draft's phase: a closed draft's meetings are read, not run. */
  readonly phase: Phase
  readonly version: number
  readonly latest: HistoryEvent | null
  readonly clauses: readonly MeetingClause[]
  /** Whether the clauses are shown (the text view): following scrolls only there. */
  readonly textShown: boolean
  readonly children: ReactNode
}

/** The draft's meeting, read again on meeting events, and what following it does to the text. */
export function MeetingProvider({ draftId, me, phase, version, latest, clauses, textShown, children }: Props) {
  const signals = useMeetingSignals(version, latest)
  const [meetings, setMeetings] = useState<readonly MeetingView[]>([])
  const [listNonce, setListNonce] = useState(0)
  const [meetingNonce, setMeetingNonce] = useState(0)
  const [meeting, setMeeting] = useState<MeetingView | null>(null)
  const [stoppedIn, setStoppedIn] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const rights = useMemo(() => meetingRights(me, phase), [me, phase])

  useEffect(() => {
    let live = true
    meetingApi.list(draftId).then(
      (list) => live && setMeetings(list),
      () => undefined, // a server without meetings (or a blip): nothing to show, the next event tries again
    )
    return () => {
      live = false
    }
  }, [draftId, signals.list, listNonce])

  const openId = meetings.find((m) => m.status === 'open')?.id ?? null
  useEffect(() => {
    if (!openId) return
    let live = true
    meetingApi.get(openId).then(
      (view) => live && setMeeting(view),
      (e: unknown) => live && setError(errorMessage(e, 'Could not read the meeting.')),
    )
    return () => {
      live = false
    }
  }, [openId, signals.meeting, meetingNonce])

  const current = meeting && meeting.id === openId && meeting.status === 'open' ? meeting : null
  const following = current !== null && stoppedIn !== current.id
  const setFollowing = useCallback((follow: boolean) => setStoppedIn(follow ? null : openId), [openId])

  const run = useCallback(async (work: () => Promise<MeetingView | null>, fallback: string) => {
    setError(null)
    try {
      const view = await work()
      if (view) setMeeting(view)
      else setMeetingNonce((n) => n + 1) // the answer is not the meeting (a decision): read it
      // Opened or closed here: the list says which meeting is open.
      if (view && (view.status === 'closed' || view.id !== openId)) setListNonce((n) => n + 1)
      return true
    } catch (e) {
      setError(errorMessage(e, fallback))
      return false
    }
  }, [openId])

  // Following: the clause on screen scrolls into view when it changes, on load, and on "Follow again".
  const screenClause = current?.screen?.clauseId ?? null
  const screenSince = current?.screen?.since ?? null
  useEffect(() => {
    if (!following || !textShown || !screenClause) return
    return scrollToClauseWhenShown(screenClause)
  }, [following, textShown, screenClause, screenSince])

  const labelOf = useCallback((clauseId: string) => clauses.find((c) => c.id === clauseId)?.label ?? 'a clause since removed', [clauses])
  const state = useMemo<MeetingState>(
    () => ({
      draftId,
      clauses,
      labelOf,
      me,
      rights,
      meeting: current,
      past: meetings.filter((m) => m.status === 'closed'),
      following,
      setFollowing,
      error,
      clearError: () => setError(null),
      run,
    }),
    [draftId, clauses, labelOf, me, rights, current, meetings, following, setFollowing, error, run],
  )
  const currentId = current?.id ?? null
  const put = useMemo(() => (rights.screen && currentId ? (clauseId: string) => void run(() => meetingApi.screen(currentId, clauseId), 'Could not put the clause on screen.') : null), [rights.screen, currentId, run])
  const screen = useMemo<ScreenState>(() => ({ clauseId: screenClause, put }), [screenClause, put])
  return (
    <MeetingContext.Provider value={state}>
      <ScreenContext.Provider value={screen}>{children}</ScreenContext.Provider>
    </MeetingContext.Provider>
  )
}
