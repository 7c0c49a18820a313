import type { RevisionSummary } from '../../../shared/api'
import { defaultCompareTo } from '../../../shared/report/defaults'
import type { RoundView } from '../../../shared/threadsApi'
import type { ReportBody } from '../api/reports'

/** The builder's fields as the form holds them (strings, as inputs give them). */
export interface FormState {
  readonly title: string
  readonly session: string
  readonly place: string
  readonly date: string
  /** '' = the automatic symbol. */
  readonly symbol: string
  readonly sections: readonly { readonly heading: string; readonly body: string }[]
  readonly baseRevision: number | null
  /** '' = the default (the round's opening revision, else the one before); 'none' = no comparison; else a revision number. */
  readonly compareTo: string
  readonly rounds: readonly string[]
}

export const EMPTY_FORM: FormState = {
  title: 'Report of the Rapporteur',
  session: '',
  place: '',
  date: '',
  symbol: '',
  sections: [{ heading: 'Introduction', body: '' }],
  baseRevision: null,
  compareTo: '',
  rounds: [],
}

/** The API body for the form, or null while it cannot be sent (no base revision, no title). */
export function formBody(form: FormState): ReportBody | null {
  if (form.baseRevision === null || form.title.trim() === '') return null
  return {
    title: form.title,
    ...(form.session.trim() && { session: form.session }),
    ...(form.place.trim() && { place: form.place }),
    ...(form.date && { date: form.date }),
    ...(form.symbol.trim() && { symbol: form.symbol }),
    sections: form.sections.filter((s) => s.heading.trim() !== ''),
    baseRevision: form.baseRevision,
    ...(form.compareTo === 'none' ? { compareTo: null } : form.compareTo ? { compareTo: Number(form.compareTo) } : {}),
    ...(form.rounds.length > 0 && { rounds: form.rounds }),
  }
}

interface Props {
  readonly form: FormState
  readonly revisions: readonly RevisionSummary[]
  readonly rounds: readonly RoundView[]
  readonly onChange: (form: FormState) => void
}

/** Title, occasion, free sections, the revisions compared and the rounds included. */
export function ReportForm({ form, revisions, rounds, onChange }: Props) {
  const set = (patch: Partial<FormState>) => onChange({ ...form, ...patch })
  const setSection = (i: number, patch: Partial<FormState['sections'][number]>) => set({ sections: form.sections.map((s, k) => (k === i ? { ...s, ...patch } : s)) })
  const earlier = revisions.filter((r) => form.baseRevision !== null && r.number < form.baseRevision)
  // Said in the option, so the rapporteur knows which revision the server will count from.
  const fallback = form.baseRevision === null ? null : defaultCompareTo(revisions, rounds, form.baseRevision, form.rounds.length ? form.rounds : null)
  const fallbackRevision = revisions.find((r) => r.number === fallback)
  return (
    <div className="report-form">
      <label>
        Title
        <input value={form.title} onChange={(e) => set({ title: e.target.value })} maxLength={300} required />
      </label>
      <div className="report-form-row">
        <label>
          Session
          <input value={form.session} onChange={(e) => set({ session: e.target.value })} placeholder="e.g. 57th session" maxLength={200} />
        </label>
        <label>
          Place
          <input value={form.place} onChange={(e) => set({ place: e.target.value })} placeholder="e.g. Tokyo" maxLength={200} />
        </label>
        <label>
          Date
          <input type="date" value={form.date} onChange={(e) => set({ date: e.target.value })} />
        </label>
      </div>
      <div className="report-field">
        <label>
          Document symbol
          <input value={form.symbol} onChange={(e) => set({ symbol: e.target.value })} placeholder="Automatic (shown in the preview)" maxLength={120} aria-describedby="report-symbol-hint" />
        </label>
        <p id="report-symbol-hint" className="muted report-hint">Left empty: organisation/working group/year/R.1, R.2 … and /Rev.1, /Rev.2 … for a revised version. Printed on the first page with “Original: English”.</p>
      </div>
      <div className="report-form-row">
        <label>
          Provisions as of
          <select value={form.baseRevision ?? ''} onChange={(e) => set({ baseRevision: e.target.value ? Number(e.target.value) : null, compareTo: '' })}>
            {form.baseRevision === null && <option value="">Choose a revision…</option>}
            {revisions.map((r) => (
              <option key={r.number} value={r.number}>Revision {r.number}: {r.label}</option>
            ))}
          </select>
        </label>
        <label>
          Changes since
          <select value={form.compareTo} onChange={(e) => set({ compareTo: e.target.value })}>
            <option value="">{fallbackRevision ? `Default: revision ${fallbackRevision.number} (${fallbackRevision.label})` : 'Default: none'}</option>
            <option value="none">No comparison</option>
            {earlier.map((r) => (
              <option key={r.number} value={String(r.number)}>Revision {r.number}: {r.label}</option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="report-rounds">
        <legend>Comments of the rounds</legend>
        {rounds.length === 0 && <p className="muted">No comment round yet: every comment made up to the chosen revision is included.</p>}
        {rounds.map((r) => (
          <label key={r.id} className="report-check">
            <input
              type="checkbox"
              checked={form.rounds.includes(r.id)}
              onChange={(e) => set({ rounds: e.target.checked ? [...form.rounds, r.id] : form.rounds.filter((id) => id !== r.id) })}
            />
            {r.name}
          </label>
        ))}
        {rounds.length > 0 && form.rounds.length === 0 && <p className="muted">None ticked: every comment made up to the chosen revision is included.</p>}
      </fieldset>
      <fieldset className="report-sections">
        <legend>Sections</legend>
        <p className="muted report-hint">Paragraphs are separated by a blank line; **bold** and *italic* are kept.</p>
        {form.sections.map((s, i) => (
          <div key={i} className="report-section" role="group" aria-label={`Section ${i + 1}`}>
            <input aria-label={`Heading of section ${i + 1}`} value={s.heading} onChange={(e) => setSection(i, { heading: e.target.value })} placeholder="Heading" maxLength={300} />
            <textarea aria-label={`Text of section ${i + 1}`} value={s.body} onChange={(e) => setSection(i, { body: e.target.value })} rows={5} />
            <button type="button" className="small ghost" onClick={() => set({ sections: form.sections.filter((_, k) => k !== i) })}>
              Remove section {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className="small ghost" onClick={() => set({ sections: [...form.sections, { heading: '', body: '' }] })}>
          Add a section
        </button>
      </fieldset>
    </div>
  )
}
