import { useEffect, useState } from 'react'
import type { ClauseHistory } from '../../../shared/api'
import { errorMessage } from '../api/http'
import { revisionsApi } from '../api/revisions'
import { endpointLabel } from './endpoints'
import { SuggestionNotes, goneSuggestions } from './SuggestionNotes'
import { InlineOps, ParagraphOps } from './WordOps'

/** The revisions in which one clause changed, newest first, each with its inline diff. */
export function ClauseHistoryPanel({ draftId, clauseId, title }: { draftId: string; clauseId: string; title: string }) {
  const [history, setHistory] = useState<ClauseHistory | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    revisionsApi.clauseHistory(draftId, clauseId).then(setHistory, (e: unknown) => setError(errorMessage(e, 'Could not load the history.')))
  }, [draftId, clauseId])

  return (
    <section className="clause-history" aria-label={`History of ${title}`}>
      <h3 className="outline-title">History of {title}</h3>
      {error && <p className="error" role="alert">{error}</p>}
      {!history && !error && <p className="muted">Loading…</p>}
      {history?.entries.length === 0 && <p className="muted">This clause has not changed between revisions.</p>}
      <ol className="clause-history-list">
        {[...(history?.entries ?? [])].reverse().map((entry, i) => (
          <li key={i} className="clause-history-entry">
            <p className="clause-history-when">
              <strong>{endpointLabel(entry.from)}</strong> → <strong>{endpointLabel(entry.to)}</strong>
              <span className="muted"> · {entry.diff.changes.join(', ')}</span>
            </p>
            {entry.diff.changes.includes('status') && (
              <p className="diff-status">
                Status: <del className="diff-del">{entry.diff.statusBefore}</del> → <ins className="diff-ins">{entry.diff.statusAfter}</ins>
              </p>
            )}
            {entry.diff.kind === 'article' && (
              <p className="diff-heading">
                <InlineOps ops={entry.diff.heading} />
              </p>
            )}
            <div className="diff-body">
              <ParagraphOps ops={entry.diff.body} />
            </div>
            <SuggestionNotes suggestions={entry.diff.suggestionsAfter} other={entry.diff.suggestionsBefore} gone={goneSuggestions(entry.diff.suggestionsBefore, entry.diff.suggestionsAfter)} />
          </li>
        ))}
      </ol>
    </section>
  )
}
