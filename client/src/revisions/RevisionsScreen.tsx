import { type SubmitEvent, useCallback, useEffect, useState } from 'react'
import type { DraftDiff, MeResponse, RevisionSummary } from '../../../shared/api'
import { can } from '../../../shared/permissions'
import { ApiError, errorMessage as message } from '../api/http'
import { type Side, revisionsApi } from '../api/revisions'
import { DiffView } from './DiffView'
import { endpointLabel, formatWhen } from './endpoints'
import { DraftHeader } from '../draft/DraftHeader'
import { DraftUnavailable, useDraft } from '../draft/useDraft'
import './revisions.css'

function parseSide(value: string | null, word: 'current' | 'seen'): Side | null {
  if (value === word) return word
  if (value && /^[1-9][0-9]*$/.test(value)) return Number(value)
  return null
}

const sideValue = (side: Side | null) => (side === null ? '' : String(side))

/** `/drafts/:id/revisions`: the draft's revisions, saving one, comparing any two, restoring. */
export function RevisionsScreen({ draftId, me }: { draftId: string; me: MeResponse }) {
  const { draft, error: draftError } = useDraft(draftId)
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [label, setLabel] = useState('')
  const [saving, setSaving] = useState(false)
  const initial = new URLSearchParams(window.location.search)
  const [from, setFrom] = useState<Side | null>(() => parseSide(initial.get('from'), 'seen'))
  const [to, setTo] = useState<Side>(() => parseSide(initial.get('to'), 'current') ?? 'current')
  const [diff, setDiff] = useState<DraftDiff | null>(null)
  const [diffError, setDiffError] = useState<string | null>(null)
  const [confirmAll, setConfirmAll] = useState(false)
  const [generation, setGeneration] = useState(0)

  const refreshRevisions = useCallback(async () => {
    const list = await revisionsApi.list(draftId)
    setRevisions(list)
    return list
  }, [draftId])

  useEffect(() => {
    refreshRevisions().then(
      (list) => setFrom((f) => f ?? list.at(-1)?.number ?? null),
      (e: unknown) => setError(message(e, 'Could not load the revisions.')),
    )
  }, [draftId, refreshRevisions])

  useEffect(() => {
    if (from === null) return
    const query = `?from=${from}&to=${to}`
    if (window.location.search !== query) window.history.replaceState(null, '', `${window.location.pathname}${query}`)
    let cancelled = false
    setDiffError(null)
    revisionsApi.diff(draftId, from, to).then(
      (d) => {
        if (!cancelled) setDiff(d)
      },
      (e: unknown) => {
        if (cancelled) return
        setDiff(null)
        setDiffError(e instanceof ApiError && e.status === 404 && from === 'seen' ? 'No earlier visit of yours is recorded for this draft.' : message(e, 'Could not compare.'))
      },
    )
    return () => {
      cancelled = true
    }
  }, [draftId, from, to, generation])

  const unavailable = draftError ?? error
  if (unavailable) return <DraftUnavailable message={unavailable} />
  if (!draft || !revisions) return <p className="content muted">Loading the revisions…</p>

  const role = me.user.role
  const canSave = can(role, 'revision.create')
  const canRestore = can(role, 'revision.restore', draft.phase)
  const restoreFrom = canRestore && typeof from === 'number' ? from : null

  const save = async (event: SubmitEvent) => {
    event.preventDefault()
    setSaving(true)
    setNotice(null)
    try {
      const saved = await revisionsApi.save(draftId, label)
      setLabel('')
      await refreshRevisions()
      setNotice(`Revision ${saved.number} saved.`)
    } catch (e) {
      setNotice(message(e, 'Could not save the revision.'))
    } finally {
      setSaving(false)
    }
  }

  const restored = async (number: number, clauseId?: string) => {
    try {
      const result = await revisionsApi.restore(draftId, number, clauseId)
      const what = clauseId ? 'The clause' : 'The draft'
      setNotice(result.changed.length === 0 ? `${what} already matched revision ${number}.` : `${what} was restored from revision ${number} (${result.changed.length} clause${result.changed.length === 1 ? '' : 's'} changed).`)
      setGeneration((g) => g + 1)
    } catch (e) {
      setNotice(message(e, 'Could not restore.'))
    }
  }

  return (
    <div className="revisions-screen">
      <DraftHeader draft={draft} view="revisions" />
      <div className="revisions-body">
        <aside className="sidebar revisions-sidebar" aria-label="Revisions">
          {canSave && (
            <form className="revision-save" onSubmit={(event) => void save(event)}>
              <label htmlFor="revision-label" className="outline-title">Save the draft as it is now</label>
              <input id="revision-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. Rapporteur’s draft, 5 April 2018" maxLength={200} required />
              <button type="submit" disabled={saving || label.trim() === ''}>Save revision</button>
            </form>
          )}
          {notice && <p className="revision-notice" role="status">{notice}</p>}
          <h2 className="outline-title">Revisions</h2>
          {revisions.length === 0 && <p className="muted">No revisions yet.{canSave ? ' Save one to compare later changes against it.' : ''}</p>}
          <ol className="revision-list" reversed>
            {[...revisions].reverse().map((r) => (
              <li key={r.number} className={`revision-item${from === r.number ? ' selected' : ''}`}>
                <span className="revision-number">Revision {r.number}</span>
                <span className="revision-label">{r.label}</span>
                <span className="muted revision-meta">
                  {r.createdBy.displayName} · {formatWhen(r.createdAt)}
                </span>
                <button type="button" className="small ghost" onClick={() => { setFrom(r.number); setTo('current') }} aria-label={`Compare with current: revision ${r.number}`}>
                  Compare with current
                </button>
              </li>
            ))}
          </ol>
        </aside>
        <main className="revisions-main">
          <div className="compare-pickers">
            <label>
              From{' '}
              <select value={sideValue(from)} onChange={(e) => setFrom(parseSide(e.target.value, 'seen'))}>
                {from === null && <option value="">Choose…</option>}
                {revisions.map((r) => (
                  <option key={r.number} value={r.number}>Revision {r.number}: {r.label}</option>
                ))}
                <option value="seen">Your last visit</option>
              </select>
            </label>
            <label>
              To{' '}
              <select value={sideValue(to)} onChange={(e) => setTo(parseSide(e.target.value, 'current') ?? 'current')}>
                <option value="current">Current draft</option>
                {revisions.map((r) => (
                  <option key={r.number} value={r.number}>Revision {r.number}: {r.label}</option>
                ))}
              </select>
            </label>
            {restoreFrom !== null &&
              (confirmAll ? (
                <span className="confirm" role="group" aria-label="Confirm restoring the whole draft">
                  Make the live draft match revision {restoreFrom}? Others see it at once; it can be undone by restoring again.
                  <button type="button" className="small" onClick={() => { setConfirmAll(false); void restored(restoreFrom) }}>Restore draft</button>
                  <button type="button" className="small ghost" onClick={() => setConfirmAll(false)}>Cancel</button>
                </span>
              ) : (
                <button type="button" className="small ghost" onClick={() => setConfirmAll(true)}>
                  Restore the whole draft from revision {restoreFrom}
                </button>
              ))}
          </div>
          {from === null && revisions.length > 0 && <p className="muted">Choose a revision to compare.</p>}
          {diffError && <p className="error" role="alert">{diffError}</p>}
          {diff && (
            <DiffView
              diff={diff}
              draftId={draftId}
              fromLabel={endpointLabel(diff.from)}
              toLabel={endpointLabel(diff.to)}
              restoreFrom={restoreFrom}
              onRestoreClause={(clauseId) => (restoreFrom === null ? Promise.resolve() : restored(restoreFrom, clauseId))}
              withHistory
            />
          )}
        </main>
      </div>
    </div>
  )
}
