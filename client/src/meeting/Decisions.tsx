import { useId, useState } from 'react'
import { DECISION_KINDS, DECISION_LABELS, DECISIONS_NAMING_A_STATE, type DecisionKind, type MeetingView } from '../../../shared/meetingApi'
import { decisionLabel } from './format'
import { meetingApi } from './api'
import { useMeeting } from './MeetingContext'
import { useMemberStates } from './useMemberStates'

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/**
 * The chair (or the secretariat as minute-taker) records a decision in a few clicks: the clause on
 * screen by default, the kind, the State when it names one (the speaker's by default), a note.
 */
export function DecisionForm({ meeting }: { meeting: MeetingView }) {
  const m = useMeeting()
  const states = useMemberStates(true)
  const id = useId()
  // '' follows the clause on screen.
  const [clauseId, setClauseId] = useState('')
  const [kind, setKind] = useState<DecisionKind>('agreed')
  const [state, setState] = useState('')
  const [note, setNote] = useState('')
  const [done, setDone] = useState('')
  if (!m) return null
  const onScreen = meeting.screen?.clauseId ?? null
  const target = clauseId || onScreen || ''
  const namesState = DECISIONS_NAMING_A_STATE.includes(kind)
  const chosenState = state || meeting.speaker?.state || ''
  // The States of the meeting first when the list is not loaded.
  const stateOptions = states.length > 0 ? states : meeting.attendance.map((a) => ({ code: a.state, name: a.state }))
  return (
    <form
      className="decision-form"
      aria-label="Record a decision"
      onSubmit={(e) => {
        e.preventDefault()
        const label = `${m.labelOf(target)}: ${decisionLabel({ kind, state: namesState ? chosenState : null, status: null })}`
        void m
          .run(async () => {
            await meetingApi.decide(meeting.id, { clauseId: target, kind, ...(namesState && { state: chosenState }), ...(note.trim() && { note: note.trim() }) })
            return null
          }, 'Could not record the decision.')
          .then((ok) => {
            setDone(ok ? `Recorded: ${label}.` : '')
            if (!ok) return
            setNote('')
            setState('')
          })
      }}
    >
      <label className="field" htmlFor={`${id}-clause`}>
        Clause
      </label>
      <select id={`${id}-clause`} value={clauseId} onChange={(e) => setClauseId(e.target.value)}>
        <option value="">{onScreen ? `On screen: ${m.labelOf(onScreen)}` : 'Choose a clause'}</option>
        {m.clauses.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <fieldset className="decision-kinds">
        <legend>Decision</legend>
        {DECISION_KINDS.map((k) => (
          <label key={k} className="decision-kind">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
            {DECISION_LABELS[k]}
          </label>
        ))}
      </fieldset>
      {namesState && (
        <>
          <label className="field" htmlFor={`${id}-state`}>
            State
          </label>
          <select id={`${id}-state`} value={chosenState} required onChange={(e) => setState(e.target.value)}>
            <option value="">Choose a State</option>
            {stateOptions.map((s) => (
              <option key={s.code} value={s.code}>
                {s.code === s.name ? s.code : `${s.name} (${s.code})`}
              </option>
            ))}
          </select>
        </>
      )}
      <label className="field">
        Note (optional)
        <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" disabled={!target}>
        Record decision
      </button>
      <p className="panel-notice" role="status">
        {done}
      </p>
    </form>
  )
}

/** The decisions so far, in the order recorded, each with its clause, time and revision. */
export function DecisionLog({ meeting }: { meeting: MeetingView }) {
  if (meeting.decisions.length === 0) return <p className="muted">No decision recorded yet.</p>
  return (
    <ol className="decision-log" aria-label="Decisions so far">
      {meeting.decisions.map((d) => (
        <li key={d.id}>
          <span className="decision-what">
            <strong>{d.clauseLabel}</strong>: {decisionLabel(d)}
          </span>
          {d.note && <span className="decision-note"> — {d.note}</span>}
          <span className="muted small-text">
            {' '}
            {time(d.at)} · {d.by.name} · revision {d.revision}
          </span>
        </li>
      ))}
    </ol>
  )
}
