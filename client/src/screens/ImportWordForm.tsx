import { useState } from 'react'
import type { ImportPreview } from '../../../shared/wordImport'
import { errorMessage } from '../api/http'
import { importsApi } from '../api/imports'
import { navigate } from '../router'
import './importWord.css'

/** "Preamble", "Article 1" … as the draft will number them. */
function clauseLabels(clauses: ImportPreview['clauses']): string[] {
  let n = 0
  return clauses.map((c) => (c.kind === 'preamble' ? 'Preamble' : `Article ${++n}`))
}

/** "Import from Word": choose a .docx, read the preview (the split and its warnings), then create the draft. */
export function ImportWordForm({ onCancel }: { onCancel: () => void }) {
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const choose = async (chosen: File | null) => {
    setFile(chosen)
    setPreview(null)
    setError(null)
    if (!chosen) return
    setBusy(true)
    try {
      const split = await importsApi.preview(chosen)
      setPreview(split)
      setTitle(split.title)
    } catch (e) {
      setError(errorMessage(e, 'Could not read the file.'))
    } finally {
      setBusy(false)
    }
  }

  const create = async () => {
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      const created = await importsApi.create(file, title.trim() || undefined)
      navigate(`/drafts/${created.id}`)
    } catch (e) {
      setError(errorMessage(e, 'Could not create the draft.'))
      setBusy(false)
    }
  }

  const labels = preview ? clauseLabels(preview.clauses) : []
  return (
    <form className="card import-word" aria-label="Import from Word" onSubmit={(e) => { e.preventDefault(); void create() }}>
      <label className="field">
        Word document (.docx)
        <input type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" onChange={(e) => void choose(e.target.files?.[0] ?? null)} />
      </label>
      {busy && !preview && <p className="muted" role="status">Reading {file?.name}…</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {preview && (
        <section aria-label="Preview" className="import-preview">
          <label className="field">
            Title
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
          </label>
          <p role="status">
            {preview.counts.articles} article{preview.counts.articles === 1 ? '' : 's'}
            {preview.clauses[0]?.kind === 'preamble' ? ' and a preamble' : ''}, {preview.counts.words.toLocaleString('en')} words
            {preview.counts.footnotes ? `, ${preview.counts.footnotes} footnote${preview.counts.footnotes === 1 ? '' : 's'}` : ''}
          </p>
          {preview.warnings.length > 0 && (
            <div className="import-warnings">
              <h3>What will change on the way in</h3>
              <ul aria-label="Warnings">{preview.warnings.map((w, i) => <li key={i}>{w.message}</li>)}</ul>
            </div>
          )}
          <ol className="import-clauses" aria-label="Clauses">
            {preview.clauses.map((c, i) => {
              const firstLine = c.text.split('\n')[0] ?? ''
              return (
                <li key={i}>
                  <strong>{labels[i]}</strong>
                  {c.heading && <span> — {c.heading}</span>}
                  <span className="muted import-first-line">{firstLine.length > 140 ? `${firstLine.slice(0, 140)}…` : firstLine}</span>
                </li>
              )
            })}
          </ol>
        </section>
      )}
      <div className="row">
        <button type="submit" disabled={busy || !preview || title.trim() === ''}>Create draft</button>
        <button type="button" className="ghost" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  )
}
