/**
 * A marked-up DOCX export back in (`POST /api/drafts/:id/import-markup`): the reader's tracked
 * changes become suggestions of their State on the matching clauses, their Word comments threads
 * anchored on the text they cover, authored as that State. A clause edited since the export gets
 * its changes rebased line by line where the exported line is still the live one, else the
 * whole wording is offered as a proposal (a thread) for the rapporteur to weigh.
 */
import * as Y from 'yjs'
import { textToBlocks, blocksToText } from '../../shared/draft/blocks'
import { type Suggester, suggestBody } from '../../shared/draft/wordingSuggestions'
import { type ClauseView, clausesMap, readClauses } from '../../shared/draft/ydoc'
import { anchorInText, encodeRelative } from '../../shared/threads/anchor'
import type { MarkupClausePreview, MarkupImported, MarkupOutcome, MarkupPreview } from '../../shared/wordImport'
import type { AppContext } from '../context'
import type { Draft, User } from '../storage/Storage'
import { type Markup, type MarkupClause, headingOfTitle } from '../word/markup'
import { audit } from './audit'
import { readDoc } from './drafts'
import { createThread } from './threads'
import { refuseUnderSilence } from './silence'
import { refuseLocked } from './clauseLocks'

interface Planned {
  readonly preview: MarkupClausePreview
  readonly source: MarkupClause
}

const norm = (text: string) => text.replace(/\s+/g, ' ').trim()
const asText = (lines: readonly string[]) => blocksToText(textToBlocks(lines.join('\n')))

function match(source: MarkupClause, live: readonly ClauseView[]): { clause: ClauseView; by: 'id' | 'heading' } | null {
  const byId = source.clauseId ? live.find((c) => c.id === source.clauseId) : undefined
  if (byId) return { clause: byId, by: 'id' }
  const heading = norm(headingOfTitle(source.title)).toLowerCase()
  const byHeading = heading ? live.find((c) => norm(c.heading).toLowerCase() === heading) : source.title === 'Preamble' ? live.find((c) => c.kind === 'preamble') : undefined
  return byHeading ? { clause: byHeading, by: 'heading' } : null
}

/** The live text with each line the reader changed replaced, where the live line is still the exported one. */
function rebase(source: MarkupClause, liveLines: readonly string[]): { text: string; clean: boolean } {
  const out = [...liveLines]
  let clean = liveLines.length === source.exported.length
  source.exported.forEach((exported, i) => {
    const proposed = source.proposed[i] ?? ''
    if (exported === proposed) return
    if (clean && norm(liveLines[i] ?? '') === norm(exported)) out[i] = proposed
    else clean = false
  })
  return { text: clean ? out.join('\n') : asText(source.proposed), clean }
}

function plan(markup: Markup, live: readonly ClauseView[]): Planned[] {
  return markup.clauses
    .filter((c) => c.changes.length > 0 || c.comments.length > 0)
    .map((source) => {
      const found = match(source, live)
      const changed = source.changes.length > 0
      const exportedText = asText(source.exported)
      const liveText = found ? found.clause.text : ''
      const since = found !== null && norm(exportedText) !== norm(liveText)
      let outcome: MarkupOutcome = !found ? 'not-found' : !changed ? 'comments-only' : 'suggestions'
      let proposed = asText(source.proposed)
      if (found && changed && since) {
        // The live text form has one line per paragraph, sub-paragraph and option, as the export wrote them.
        const rebased = rebase(source, liveText.split('\n'))
        outcome = rebased.clean ? 'rebased' : 'proposal'
        proposed = rebased.text
      }
      const preview: MarkupClausePreview = {
        clauseId: found?.clause.id ?? null,
        title: source.title,
        label: found?.clause.label ?? null,
        matchedBy: found?.by ?? null,
        changedSinceExport: since,
        outcome,
        changes: source.changes.map((c) => ({ kind: c.kind === 'ins' ? 'insert' : 'delete', text: c.text, author: c.author })),
        comments: source.comments.map((c) => ({ author: c.author, text: c.text, quote: c.quote })),
        proposed,
      }
      return { preview, source }
    })
}

export async function previewMarkup(ctx: AppContext, draft: Draft, markup: Markup, state: string): Promise<MarkupPreview> {
  const live = await readDoc(ctx, draft.id, readClauses)
  return { draftId: draft.id, revision: markup.revision, state, clauses: plan(markup, live).map((p) => p.preview) }
}

/** The first place the quote reads in the clause body, preferring the paragraph it started in. */
function quoteAnchor(doc: Y.Doc, clauseId: string, quote: string, line: number): { start: string; end: string } | undefined {
  const body = clausesMap(doc).get(clauseId)?.get('body')
  if (!(body instanceof Y.XmlFragment) || !quote) return undefined
  const texts: Y.XmlText[] = []
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child)
      else if (child instanceof Y.XmlElement) walk(child)
    }
  }
  walk(body)
  const plain = (t: Y.XmlText) => (t.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
  const order = [...texts.keys()].sort((a, b) => Math.abs(a - line) - Math.abs(b - line))
  for (const i of order) {
    const text = texts[i]
    const at = text ? plain(text).indexOf(quote) : -1
    if (text && at >= 0) {
      const anchor = anchorInText(text, at, at + quote.length)
      return { start: encodeRelative(anchor.start), end: encodeRelative(anchor.end) }
    }
  }
  return undefined
}

/** Writes the plan: threads for the comments (anchored first, on the text as it is), then the suggestions or proposals. */
export async function applyMarkup(ctx: AppContext, draft: Draft, user: User, markup: Markup, state: string, fileName: string): Promise<MarkupImported> {
  await refuseUnderSilence(ctx, draft.id)
  const live = await readDoc(ctx, draft.id, readClauses)
  const planned = plan(markup, live)
  const as: User = { ...user, stateCode: state }
  const threads: string[] = []
  const suggestions: string[] = []
  for (const { preview, source } of planned) {
    const clauseId = preview.clauseId
    if (!clauseId) continue
    for (const comment of source.comments) {
      const anchor = await readDoc(ctx, draft.id, (doc) => quoteAnchor(doc, clauseId, comment.quote, comment.line))
      const body = comment.text || '(an empty Word comment)'
      const thread = await createThread(ctx, draft, as, { clauseId, body: `${body}\n\n— Word comment by ${comment.author || state}, from ${fileName}`, ...(anchor ? { anchor, quote: comment.quote } : {}) })
      threads.push(thread.id)
    }
  }
  const by: Suggester = { user: user.id, name: user.displayName, state, at: ctx.now().toISOString() }
  const proposals: { clauseId: string; text: string }[] = []
  // Agreed language takes no suggestions: refused whole before any clause is written.
  await ctx.collab.readDoc(draft.id, (doc) => refuseLocked(doc, planned.flatMap(({ preview }) => (preview.clauseId && (preview.outcome === 'suggestions' || preview.outcome === 'rebased') ? [preview.clauseId] : []))))
  for (const { preview } of planned) {
    const clauseId = preview.clauseId
    if (!clauseId || (preview.outcome !== 'suggestions' && preview.outcome !== 'rebased' && preview.outcome !== 'proposal')) continue
    if (preview.outcome === 'proposal') {
      proposals.push({ clauseId, text: preview.proposed })
      continue
    }
    const written = await ctx.collab.withDoc(draft.id, (doc) => {
      refuseLocked(doc, [clauseId])
      const body = clausesMap(doc).get(clauseId)?.get('body')
      return body instanceof Y.XmlFragment ? suggestBody(body, preview.proposed, by) : 'paragraphs'
    }, { id: user.id, stateCode: state })
    if (typeof written === 'string') {
      // Not expressible as suggestions within paragraphs (a paragraph added, brackets moved): a proposal instead.
      if (written !== 'unchanged') proposals.push({ clauseId, text: preview.proposed })
    } else suggestions.push(...written)
  }
  for (const p of proposals) {
    const thread = await createThread(ctx, draft, as, { clauseId: p.clauseId, body: `Tracked changes from the Word file ${fileName} (revision ${markup.revision ?? '?'}); the clause changed since that export, so they are offered as a proposal.`, proposal: { text: p.text } })
    threads.push(thread.id)
  }
  if (suggestions.length) await ctx.clauseHistory.settled(draft.id)
  await audit(ctx.storage, ctx.now(), { action: 'draft.markupImported', groupId: draft.groupId, actor: user, target: draft.id, data: { fileName, state, suggestions: suggestions.length, threads: threads.length } })
  const proposalClauses = new Set(proposals.map((p) => p.clauseId))
  const clauses = planned.map(({ preview }) => (preview.clauseId && proposalClauses.has(preview.clauseId) && preview.outcome !== 'proposal' ? { ...preview, outcome: 'proposal' as const } : preview))
  return { draftId: draft.id, revision: markup.revision, state, clauses, suggestions, threads }
}
