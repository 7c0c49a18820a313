import { useEffect, useState } from 'react'
import type { DraftSummary, MeResponse } from '../../../shared/api'
import { formatDate } from '../../../shared/dates'
import { draftsApi } from '../api/drafts'
import { navigate } from '../router'
import { can } from '../../../shared/permissions'
import { ImportWordForm } from './ImportWordForm'
import { NewDraftForm } from './NewDraftForm'

const PHASE_LABEL = { drafting: 'Drafting', consultation: 'Consultation', closed: 'Closed' } as const

/** The drafts of the user's working group(s). */
export function DraftList({ me }: { me: MeResponse }) {
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const [importing, setImporting] = useState(false)
  const mayCreate = can(me.user.role, 'draft.create')

  useEffect(() => {
    draftsApi.list().then(
      setDrafts,
      (e: unknown) => setError(e instanceof Error ? e.message : 'Could not load drafts.'),
    )
  }, [])

  return (
    <section aria-labelledby="drafts-title">
      <div className="row page-title">
        <h1 id="drafts-title">Drafts</h1>
        {mayCreate && !creating && !importing && <button type="button" onClick={() => setCreating(true)}>New draft</button>}
        {mayCreate && !creating && !importing && <button type="button" className="ghost" onClick={() => setImporting(true)}>Import from Word</button>}
      </div>
      {creating && <NewDraftForm onCancel={() => setCreating(false)} />}
      {importing && <ImportWordForm onCancel={() => setImporting(false)} />}
      <p className="muted">{me.groups.map((g) => g.name).join(' · ') || 'You belong to no working group yet.'}</p>
      {error && <p className="error" role="alert">{error}</p>}
      {drafts === null && !error && <p className="muted">Loading drafts…</p>}
      {drafts?.length === 0 && <p className="muted">No drafts yet.</p>}
      <ul className="draft-list">
        {drafts?.map((d) => (
          <li key={d.id} className="draft-item">
            <a
              className="draft-title"
              href={`/drafts/${d.id}`}
              onClick={(e) => {
                e.preventDefault()
                navigate(`/drafts/${d.id}`)
              }}
            >
              {d.title}
            </a>
            <span className={`phase phase-${d.phase}`}>{PHASE_LABEL[d.phase]}</span>
            <span className="muted">updated {formatDate(d.updatedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
