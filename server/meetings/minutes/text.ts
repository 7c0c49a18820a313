/**
 * The minutes' text at the close (revision `closeRevision`, or the live draft while the meeting is
 * open) and the changes made during the meeting: the report's clause-aware diff (changesSince)
 * between the revision the meeting opened on and that text.
 */
import * as Y from 'yjs'
import { clauseSnapshots } from '../../../shared/diff/snapshot'
import type { ClauseSnapshot } from '../../../shared/diff/types'
import type { MeetingView } from '../../../shared/meetingApi'
import type { Minutes, MinutesRevision, MinutesTextClause } from '../../../shared/meetingMinutes'
import type { AppContext } from '../../context'
import { notFound } from '../../errors'
import { changesSince } from '../../report/sections/changes'
import type { PeopleBook } from '../../report/sections/people'
import type { Revision } from '../../report/sections/sources'
import { openInRevision } from '../../report/sections/suggestions'
import { readDoc } from '../../services/drafts'
import { revisionRefTexts, withRefText } from '../../services/revisionReferences'
import { type Found, revisionSuggestions, suggestionsOfState } from '../../services/revisionSuggestions'
import type { RevisionMeta } from '../../storage/revisions'
import type { Draft } from '../../storage/Storage'

interface Side {
  readonly revision: Revision
  readonly found: Found
}

const ref = (meta: RevisionMeta): MinutesRevision => ({ number: meta.number, label: meta.label, createdAt: meta.createdAt })

// The diff compares texts: open suggestions are shown in the text, not counted as changes.
const withoutSuggestions = ({ suggestions: _s, ...c }: ClauseSnapshot): ClauseSnapshot => c

/** A side that is no saved revision (none yet, or the live draft): changesSince reads only its time and clauses. */
function unsaved(draft: Draft, label: string, at: string, clauses: ClauseSnapshot[]): Revision {
  return { meta: { draftId: draft.id, number: 0, label, title: draft.title, createdBy: '', createdByName: '', createdAt: at, clauseCount: clauses.length }, clauses }
}

async function savedSide(ctx: AppContext, draft: Draft, number: number): Promise<Side> {
  const store = ctx.storage.revisions
  const [meta, clauses, refTexts, found] = await Promise.all([store.getRevision(draft.id, number), store.revisionClauses(draft.id, number), revisionRefTexts(store, draft.id, number), revisionSuggestions(store, draft.id, number)])
  if (!meta || !clauses) throw notFound(`Revision ${number}`)
  return { revision: { meta, clauses: clauses.map((c) => withoutSuggestions(withRefText(c, refTexts))) }, found }
}

async function liveSide(ctx: AppContext, draft: Draft, at: string): Promise<Side> {
  const { clauses, found } = await readDoc(ctx, draft.id, (doc) => ({ clauses: clauseSnapshots(doc), found: suggestionsOfState(Y.encodeStateAsUpdate(doc)) }))
  return { revision: unsaved(draft, 'The live draft', at, clauses.map(withoutSuggestions)), found }
}

export interface TextAndChanges {
  readonly text: Minutes['text']
  readonly changes: Minutes['changes']
  /** The clauses at the open (empty when the draft had no revision), for labelling clauses removed since. */
  readonly openClauses: readonly ClauseSnapshot[]
}

export async function textAndChanges(ctx: AppContext, draft: Draft, meeting: MeetingView, people: PeopleBook, assembledAt: string): Promise<TextAndChanges> {
  const close = meeting.closeRevision === null ? await liveSide(ctx, draft, assembledAt) : await savedSide(ctx, draft, meeting.closeRevision)
  const open = meeting.openRevision > 0 ? (await savedSide(ctx, draft, meeting.openRevision)).revision : unsaved(draft, 'No revision', meeting.openedAt, [])
  const [events, threads] = await Promise.all([ctx.storage.threads.listEvents(draft.id), ctx.storage.threads.listThreads(draft.id)])
  const changes = changesSince(open, close.revision, events, threads, people)
  const runs = openInRevision(close.found, people).runs
  const clauses: MinutesTextClause[] = close.revision.clauses.map(({ id, kind, number, label, heading, status, text }) => {
    const suggested = runs.get(id)
    return { id, kind, number, label, heading, status, text, ...(suggested ? { suggested } : {}) }
  })
  const closeRef = meeting.closeRevision === null ? null : ref(close.revision.meta)
  return {
    text: { revision: closeRef, clauses },
    changes: { from: meeting.openRevision > 0 ? ref(open.meta) : null, to: closeRef, summary: changes.summary, clauses: changes.clauses },
    openClauses: open.clauses,
  }
}
