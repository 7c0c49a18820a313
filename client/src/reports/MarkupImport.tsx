import { useEffect, useState } from 'react'
import type { MeResponse } from '../../../shared/api'
import type { MarkupClausePreview, MarkupImported, MarkupPreview } from '../../../shared/wordImport'
import { errorMessage } from '../api/http'
import { markupApi } from '../api/imports'
import { type MemberState, statesApi } from '../api/states'

const OUTCOME: Record<MarkupClausePreview['outcome'], string> = {
  suggestions: 'becomes suggestions in the text',
  rebased: 'changed since the export: rebased onto the text as it is now',
  proposal: 'changed since the export: offered as a proposal',
  'comments-only': 'comments only',
  'not-found': 'no such clause in the draft any more: left out',
}

/** "A marked-up export back in": a delegate's Word file (or the secretariat's, naming the State) previewed, then imported. */
export function MarkupImport({ draftId, me }: { draftId: string; me: MeResponse }) {
  const isSecretariat = me.user.role === 'secretariat'
  const [states, setStates] = useState<MemberState[]>([])
  const [state, setState] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<MarkupPreview | null>(null)
  const [done, setDone] = useState<MarkupImported | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (isSecretariat) statesApi.list().then(setStates, () => setStates([]))
  }, [isSecretariat])

  if (!isSecretariat && me.user.role !== 'delegate') return null
  const named = isSecretariat ? state || undefined : undefined

  const read = async (chosen: File | null) => {
    setFile(chosen)
    setPreview(null)
    setDone(null)
    setError(null)
    if (!chosen) return
    setBusy(true)
    try {
      setPreview(await markupApi.preview(draftId, chosen, named))
    } catch (e) {
      setError(errorMessage(e, 'Could not read the file.'))
    } finally {
      setBusy(false)
    }
  }

  const apply = async () => {
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      setDone(await markupApi.apply(draftId, file, named))
      setPreview(null)
    } catch (e) {
      setError(errorMessage(e, 'Could not import the file.'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="markup-import" aria-label="Marked-up Word file">
      <h2 className="outline-title">A marked-up export back in</h2>
      <p className="muted">A DOCX export of this draft with tracked changes and comments: they become {isSecretariat ? 'that State’s' : 'your State’s'} suggestions and threads.</p>
      {isSecretariat && (
        <label className="field">
          From the State
          <select value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">Choose…</option>
            {states.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
          </select>
        </label>
      )}
      <label className="field">
        Word file (.docx)
        <input type="file" accept=".docx" disabled={isSecretariat && !state} onChange={(e) => void read(e.target.files?.[0] ?? null)} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      {preview && (
        <div aria-label="Where each change lands" role="region">
          {preview.clauses.length === 0 && <p className="muted">The file holds no tracked change and no comment of its reader.</p>}
          <ul className="markup-clauses">
            {preview.clauses.map((c, i) => (
              <li key={i}>
                <strong>{c.label ?? c.title}</strong> <span className={c.changedSinceExport ? 'markup-flag' : 'muted'}>{OUTCOME[c.outcome]}</span>
                <ul>
                  {c.changes.map((ch, k) => <li key={`c${k}`}>{ch.author || preview.state}: {ch.kind === 'insert' ? 'insert' : 'strike'} “{ch.text}”</li>)}
                  {c.comments.map((cm, k) => <li key={`m${k}`}>{cm.author || preview.state} comments{cm.quote ? ` on “${cm.quote}”` : ''}: {cm.text}</li>)}
                </ul>
              </li>
            ))}
          </ul>
          {preview.clauses.length > 0 && <button type="button" disabled={busy} onClick={() => void apply()}>Import as {preview.state}</button>}
        </div>
      )}
      {done && <p role="status">Imported as {done.state}: {done.suggestions.length} suggestion{done.suggestions.length === 1 ? '' : 's'} and {done.threads.length} thread{done.threads.length === 1 ? '' : 's'}.</p>}
    </section>
  )
}
