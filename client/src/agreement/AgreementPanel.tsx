import { useCallback, useEffect, useState } from 'react'
import { STATEMENT_KINDS, STATEMENT_LABELS, SILENCE_DEFAULT_HOURS, SILENCE_MIN_HOURS, type SilenceView, type StatementKind, type StatementView } from '../../../shared/agreementApi'
import type { MeResponse } from '../../../shared/api'
import { formatDeadline } from '../../../shared/permissions'
import { agreementApi } from '../api/agreement'
import { errorMessage } from '../api/http'
import { sessionApi } from '../api/session'

/** The silence banner and actions, and the statements on record (issue 16, points 3 and 4). */
export function AgreementPanel({ draftId }: { draftId: string }) {
  const [me, setMe] = useState<MeResponse | null>(null)
  const [silence, setSilence] = useState<SilenceView | null>(null)
  const [statements, setStatements] = useState<StatementView[]>([])
  const [clauses, setClauses] = useState<{ id: string; label: string }[]>([])
  const [error, setError] = useState<string | null>(null)
  const [hours, setHours] = useState(SILENCE_DEFAULT_HOURS)
  const [reason, setReason] = useState('')
  const [kind, setKind] = useState<StatementKind>('explanation')
  const [clauseId, setClauseId] = useState('')
  const [text, setText] = useState('')

  const load = useCallback(async () => {
    const [current, listed] = await Promise.all([agreementApi.silence(draftId), agreementApi.statements(draftId)])
    setSilence(current.current)
    setStatements(listed)
  }, [draftId])

  useEffect(() => {
    void sessionApi.current().then(setMe).catch(() => setMe(null))
    void agreementApi.content(draftId).then((c) => setClauses(c.clauses.map((cl) => ({ id: cl.id, label: cl.label })))).catch(() => setClauses([]))
    void load().catch((e: unknown) => setError(errorMessage(e, 'Could not read the silence procedure.')))
  }, [draftId, load])

  const act = async (work: () => Promise<unknown>, fallback: string) => {
    setError(null)
    try {
      await work()
      await load()
    } catch (e) {
      setError(errorMessage(e, fallback))
    }
  }
  const role = me?.user.role
  const myState = me?.user.state?.code ?? null
  const labelOf = (id: string | null) => (id ? (clauses.find((c) => c.id === id)?.label ?? 'a clause since removed') : 'the whole draft')

  return (
    <section className="agreement-panel" aria-label="Silence procedure and statements">
      {silence && (
        <p className="readonly-banner silence-banner" role="status">
          Under silence until {formatDeadline(silence.deadline)} (revision {silence.revision}): the text is frozen for everyone.
          {silence.breaks.length > 0 && ` Broken by ${silence.breaks.map((b) => b.stateCode).join(', ')}.`}
        </p>
      )}
      {role === 'secretariat' && !silence && (
        <form className="silence-start" onSubmit={(e) => { e.preventDefault(); void act(() => agreementApi.start(draftId, hours), 'Could not start the silence procedure.') }}>
          <label>
            Hours of silence <input type="number" min={SILENCE_MIN_HOURS} value={hours} onChange={(e) => setHours(Number(e.target.value))} />
          </label>
          <button type="submit">Circulate under silence</button>
        </form>
      )}
      {role === 'delegate' && silence && myState && !silence.breaks.some((b) => b.stateCode === myState) && (
        <form className="silence-break" onSubmit={(e) => { e.preventDefault(); void act(() => agreementApi.breakSilence(draftId, reason), 'Could not break silence.') }}>
          <label>
            Reason for breaking silence <textarea value={reason} required onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit">Break silence</button>
        </form>
      )}
      {role === 'delegate' && (
        <form className="statement-form" onSubmit={(e) => { e.preventDefault(); void act(async () => { await agreementApi.record(draftId, kind, clauseId || null, text); setText('') }, 'Could not record the statement.') }}>
          <label>
            Statement <select aria-label="Kind of statement" value={kind} onChange={(e) => setKind(e.target.value as StatementKind)}>{STATEMENT_KINDS.map((k) => <option key={k} value={k}>{STATEMENT_LABELS[k]}</option>)}</select>
          </label>
          <label>
            On <select aria-label="Statement on" value={clauseId} onChange={(e) => setClauseId(e.target.value)}><option value="">the whole draft</option>{clauses.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}</select>
          </label>
          <label>
            Text of the statement <textarea value={text} required onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit">Put on record</button>
        </form>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      {statements.length > 0 && (
        <ul className="statements" aria-label="Statements on record">
          {statements.map((s) => (
            <li key={s.id}>{STATEMENT_LABELS[s.kind]} by {s.stateCode} on {labelOf(s.clauseId)}: {s.text}</li>
          ))}
        </ul>
      )}
    </section>
  )
}
