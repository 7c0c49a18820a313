import { useCallback, useEffect, useMemo, useState } from 'react'
import type { DraftDiff } from '../../../shared/api'
import type { ChangeKind, ClauseDiff, DiffSummary } from '../../../shared/diff/types'
import { ClauseHistoryPanel } from './ClauseHistoryPanel'
import { SuggestionNotes, goneSuggestions } from './SuggestionNotes'
import { InlineOps, ParagraphOps } from './WordOps'

export type ViewMode = 'inline' | 'side-by-side'

const KIND_TEXT: Record<ChangeKind, string> = {
  added: 'Added',
  removed: 'Removed',
  moved: 'Moved',
  renumbered: 'Renumbered',
  status: 'Status changed',
  heading: 'Heading changed',
  body: 'Text changed',
  suggestions: 'Suggestions changed',
}

export function clauseTitle(c: ClauseDiff): string {
  if (c.labelBefore && c.labelAfter && c.labelBefore !== c.labelAfter) return `${c.labelBefore} → ${c.labelAfter}`
  return c.labelAfter ?? c.labelBefore ?? ''
}

const words = (n: number) => `${n} word${n === 1 ? '' : 's'}`

/** "3 of 12 clauses changed: 1 added · …; 15 words inserted, 4 deleted". */
export function SummaryLine({ summary }: { summary: DiffSummary }) {
  const parts = (
    [
      ['added', summary.added],
      ['removed', summary.removed],
      ['moved', summary.moved],
      ['renumbered', summary.renumbered],
      ['status', summary.status],
      ['heading', summary.heading],
      ['body', summary.body],
      ['suggestions', summary.suggestions],
    ] as const
  ).filter(([, n]) => n > 0)
  return (
    <p className="diff-summary" aria-label="Summary of changes">
      <strong>
        {summary.changed} of {summary.clauses} clauses changed
      </strong>
      {parts.length > 0 && ': '}
      {parts.map(([kind, n], i) => (
        <span key={kind} className="diff-count" data-kind={kind}>
          {i > 0 && ' · '}
          {n} {kind === 'suggestions' ? 'with changed suggestions' : KIND_TEXT[kind].toLowerCase()}
        </span>
      ))}
      {(summary.wordsInserted > 0 || summary.wordsDeleted > 0) && (
        <span className="diff-words">
          {' — '}
          {summary.wordsInserted > 0 && <ins className="diff-ins">{words(summary.wordsInserted)} inserted</ins>}
          {summary.wordsInserted > 0 && summary.wordsDeleted > 0 && ', '}
          {summary.wordsDeleted > 0 && <del className="diff-del">{words(summary.wordsDeleted)} deleted</del>}
        </span>
      )}
    </p>
  )
}

function Badges({ clause }: { clause: ClauseDiff }) {
  return (
    <span className="diff-badges">
      {clause.changes.map((kind) => (
        <span key={kind} className={`diff-badge diff-badge-${kind}`}>
          {KIND_TEXT[kind]}
        </span>
      ))}
      {clause.bracketsChanged && <span className="diff-badge diff-badge-flag">Brackets changed</span>}
      {clause.optionsChanged && <span className="diff-badge diff-badge-flag">Options changed</span>}
    </span>
  )
}

function StatusChange({ clause }: { clause: ClauseDiff }) {
  if (!clause.changes.includes('status')) return null
  return (
    <p className="diff-status">
      Status: <del className="diff-del">{clause.statusBefore}</del> → <ins className="diff-ins">{clause.statusAfter}</ins>
    </p>
  )
}

interface ClauseActionsProps {
  readonly clause: ClauseDiff
  readonly draftId: string
  readonly restoreFrom: number | null
  readonly onRestoreClause?: ((clauseId: string) => Promise<void>) | undefined
  readonly withHistory: boolean
}

/** History and restore buttons of one clause, and the history panel when open. */
function ClauseActions({ clause, draftId, restoreFrom, onRestoreClause, withHistory }: ClauseActionsProps) {
  const [history, setHistory] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const title = clauseTitle(clause)
  const canRestore = restoreFrom !== null && onRestoreClause && clause.labelBefore !== null && clause.changes.length > 0
  if (!withHistory && !canRestore) return null
  return (
    <div className="diff-clause-actions">
      {withHistory && (
        <button type="button" className="small ghost" aria-expanded={history} onClick={() => setHistory(!history)} aria-label={`History of ${title}`}>
          History
        </button>
      )}
      {canRestore &&
        (confirming ? (
          <span className="confirm" role="group" aria-label={`Confirm restoring ${title}`}>
            Replace the live {clause.labelAfter ?? 'clause'} with revision {restoreFrom}’s?
            <button
              type="button"
              className="small"
              disabled={busy}
              onClick={() => {
                setBusy(true)
                void onRestoreClause(clause.id).finally(() => {
                  setBusy(false)
                  setConfirming(false)
                })
              }}
            >
              Restore
            </button>
            <button type="button" className="small ghost" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="small ghost" onClick={() => setConfirming(true)} aria-label={`Restore from revision ${restoreFrom}: ${title}`}>
            Restore from revision {restoreFrom}
          </button>
        ))}
      {history && <ClauseHistoryPanel draftId={draftId} clauseId={clause.id} title={title} />}
    </div>
  )
}

const anchorId = (clauseId: string) => `diff-clause-${clauseId}`

function InlineClause(props: ClauseActionsProps) {
  const { clause } = props
  const changed = clause.changes.length > 0
  return (
    <article id={anchorId(clause.id)} tabIndex={-1} className={`diff-clause${changed ? ' changed' : ''}${clause.changes.includes('removed') ? ' removed' : ''}`} aria-label={`Changes in ${clauseTitle(clause)}`} data-clause-id={clause.id}>
      <header className="diff-clause-header">
        <span className="clause-label">{clauseTitle(clause)}</span>
        {clause.kind === 'article' && (
          <span className="diff-heading">
            <InlineOps ops={clause.heading} />
          </span>
        )}
        <Badges clause={clause} />
      </header>
      <StatusChange clause={clause} />
      <div className="diff-body">
        <ParagraphOps ops={clause.body} />
      </div>
      <SuggestionNotes suggestions={clause.suggestionsAfter} other={clause.suggestionsBefore} gone={goneSuggestions(clause.suggestionsBefore, clause.suggestionsAfter)} />
      <ClauseActions {...props} />
    </article>
  )
}

function SideCell({ clause, side }: { clause: ClauseDiff; side: 'before' | 'after' }) {
  const label = side === 'before' ? clause.labelBefore : clause.labelAfter
  if (label === null) return <td className="synoptic-empty muted">{side === 'before' ? '(not in this version: added)' : '(removed)'}</td>
  const status = side === 'before' ? clause.statusBefore : clause.statusAfter
  return (
    <td>
      <div className="diff-clause-header">
        <span className="clause-label">{label}</span>
        {clause.kind === 'article' && (
          <span className="diff-heading">
            <InlineOps ops={clause.heading} side={side} />
          </span>
        )}
        {clause.changes.includes('status') && <span className={`status-badge status-${status}`}>{status}</span>}
      </div>
      <div className="diff-body">
        <ParagraphOps ops={clause.body} side={side} />
      </div>
      {side === 'before' ? <SuggestionNotes suggestions={clause.suggestionsBefore} /> : <SuggestionNotes suggestions={clause.suggestionsAfter} other={clause.suggestionsBefore} />}
    </td>
  )
}

export interface DiffViewProps {
  readonly diff: DraftDiff
  readonly draftId: string
  readonly fromLabel: string
  readonly toLabel: string
  /** The revision the rapporteur may restore from (null: no restore buttons). */
  readonly restoreFrom?: number | null
  readonly onRestoreClause?: (clauseId: string) => Promise<void>
  /** Per-clause history buttons. */
  readonly withHistory?: boolean
  readonly initialMode?: ViewMode
  readonly initialChangesOnly?: boolean
}

/**
 * A comparison: summary counts, inline or side-by-side (synoptic) view, changes only or the whole
 * text, previous/next change.
 */
export function DiffView({ diff, draftId, fromLabel, toLabel, restoreFrom = null, onRestoreClause, withHistory = false, initialMode = 'inline', initialChangesOnly = true }: DiffViewProps) {
  const [mode, setMode] = useState<ViewMode>(initialMode)
  const [changesOnly, setChangesOnly] = useState(initialChangesOnly)
  const [current, setCurrent] = useState(-1)
  const shown = useMemo(() => (changesOnly ? diff.clauses.filter((c) => c.changes.length > 0) : diff.clauses), [diff, changesOnly])
  const changed = useMemo(() => diff.clauses.filter((c) => c.changes.length > 0), [diff])
  useEffect(() => setCurrent(-1), [diff])

  const go = useCallback(
    (index: number) => {
      const target = changed[index]
      if (!target) return
      setCurrent(index)
      const element = document.getElementById(anchorId(target.id))
      element?.scrollIntoView({ block: 'start' })
      element?.focus({ preventScroll: true })
    },
    [changed],
  )

  const actions = { draftId, restoreFrom, onRestoreClause, withHistory }
  return (
    <section className="diff-view" aria-label="Comparison">
      <SummaryLine summary={diff.summary} />
      <div className="diff-toolbar" role="toolbar" aria-label="Comparison view">
        <span className="segmented" role="group" aria-label="View">
          <button type="button" aria-pressed={mode === 'inline'} onClick={() => setMode('inline')}>
            Inline
          </button>
          <button type="button" aria-pressed={mode === 'side-by-side'} onClick={() => setMode('side-by-side')}>
            Side by side
          </button>
        </span>
        <label className="diff-toggle">
          <input type="checkbox" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} /> Changes only
        </label>
        <span className="diff-nav">
          <button type="button" disabled={changed.length === 0 || current <= 0} onClick={() => go(current - 1)}>
            Previous change
          </button>
          <button type="button" disabled={changed.length === 0 || current >= changed.length - 1} onClick={() => go(current + 1)}>
            Next change
          </button>
          <span className="muted" aria-live="polite">
            {changed.length === 0 ? 'No changes' : current < 0 ? `${changed.length} changed clauses` : `Change ${current + 1} of ${changed.length}`}
          </span>
        </span>
      </div>
      <p className="diff-legend muted">
        <ins className="diff-ins">inserted</ins> · <del className="diff-del">deleted</del> · open suggestions are listed under each clause, not applied to its text
      </p>
      {shown.length === 0 && <p className="muted">{changesOnly && diff.clauses.length > 0 ? 'Nothing changed between these versions.' : 'No clauses.'}</p>}
      {mode === 'inline' ? (
        <div className="diff-inline">
          {shown.map((clause) => (
            <InlineClause key={clause.id} clause={clause} {...actions} />
          ))}
        </div>
      ) : (
        shown.length > 0 && (
          <table className="synoptic">
            <thead>
              <tr>
                <th scope="col">{fromLabel}</th>
                <th scope="col">{toLabel}</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((clause) => (
                <tr key={clause.id} id={anchorId(clause.id)} tabIndex={-1} className={clause.changes.length > 0 ? 'changed' : ''} data-clause-id={clause.id} aria-label={`Changes in ${clauseTitle(clause)}`}>
                  <SideCell clause={clause} side="before" />
                  <SideCell clause={clause} side="after" />
                  <td className="synoptic-meta">
                    <Badges clause={clause} />
                    <ClauseActions clause={clause} {...actions} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
    </section>
  )
}
