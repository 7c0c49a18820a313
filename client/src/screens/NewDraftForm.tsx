import { useState } from 'react'
import { errorMessage } from '../api/http'
import { draftsApi } from '../api/drafts'
import { navigate } from '../router'

/** "New draft": a title and how many articles to start with; the draft opens for writing. */
export function NewDraftForm({ onCancel }: { onCancel: () => void }) {
  const [title, setTitle] = useState('')
  const [articles, setArticles] = useState(1)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      const clauses = [
        { kind: 'preamble' as const, heading: '', text: '' },
        ...Array.from({ length: articles }, () => ({ kind: 'article' as const, heading: '', text: '' })),
      ]
      const draft = await draftsApi.create({ title: title.trim(), clauses })
      navigate(`/drafts/${draft.id}`)
    } catch (e) {
      setError(errorMessage(e, 'Could not create the draft.'))
      setBusy(false)
    }
  }

  return (
    <form className="card new-draft" aria-label="New draft" onSubmit={(e) => { e.preventDefault(); void submit() }}>
      <label className="field">
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} autoFocus placeholder="Model provisions on …" />
      </label>
      <label className="field">
        Articles to start with
        <input type="number" min={1} max={100} value={articles} onChange={(e) => setArticles(Math.max(1, Math.min(100, Number(e.target.value) || 1)))} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row">
        <button type="submit" disabled={busy || title.trim() === ''}>Create draft</button>
        <button type="button" className="ghost" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  )
}
