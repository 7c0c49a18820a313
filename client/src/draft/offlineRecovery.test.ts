import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addClauseAt, deleteClause } from '../../../shared/draft/clauseOps'
import { ClauseKey } from '../../../shared/draft/format'
import { buildDraftDoc, clausesMap, readClauses } from '../../../shared/draft/ydoc'
import { type RecoveryOutcome, keepingThreads, keptNote, listLabels, recoveryNotice, refusedChanges, refusedChangesOf } from './offlineRecovery'

const CLAUSES = [
  { kind: 'preamble' as const, heading: 'Preamble', text: 'The States Parties to this Convention,' },
  { kind: 'article' as const, heading: 'Use of terms', text: 'For the purposes of this Convention, terms mean what they say.' },
  { kind: 'article' as const, heading: 'Scope', text: 'This Convention applies to offences established under it.' },
  { kind: 'article' as const, heading: 'Illegal access', text: 'Each State Party shall adopt measures against illegal access.' },
]

/** The server's document and a device's copy of it (what y-indexeddb keeps), as after a sync. */
function serverAndCopy() {
  const server = buildDraftDoc('Convention', CLAUSES)
  const local = new Y.Doc()
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server))
  return { server, local }
}

const idOf = (doc: Y.Doc, label: string) => {
  const found = readClauses(doc).find((c) => c.label === label)
  if (!found) throw new Error(`no ${label}`)
  return found.id
}

/** The first text run of the clause's body (its first paragraph's). */
function firstRun(doc: Y.Doc, label: string): Y.XmlText {
  const body = clausesMap(doc).get(idOf(doc, label))?.get(ClauseKey.body)
  const paragraph = body instanceof Y.XmlFragment ? body.get(0) : null
  const run = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  if (!(run instanceof Y.XmlText)) throw new Error(`no text in ${label}`)
  return run
}

function heading(doc: Y.Doc, label: string): Y.Text {
  const text = clausesMap(doc).get(idOf(doc, label))?.get(ClauseKey.heading)
  if (!(text instanceof Y.Text)) throw new Error(`no heading in ${label}`)
  return text
}

describe('offline recovery: what the refused copy changed, clause by clause', () => {
  it('finds the clauses whose text or heading the user changed, with the local wording, and nothing else', () => {
    const { server, local } = serverAndCopy()
    firstRun(local, 'Article 1').insert(0, 'Offline: ')
    const scope = heading(local, 'Article 2')
    scope.insert(scope.length, ' of application')
    const changes = refusedChangesOf(local, server)
    expect(changes).toEqual([
      { kind: 'changed', clauseId: idOf(server, 'Article 1'), label: 'Article 1', heading: null, text: `Offline: ${CLAUSES[1]!.text}` },
      { kind: 'changed', clauseId: idOf(server, 'Article 2'), label: 'Article 2', heading: 'Scope of application', text: null },
    ])
  })

  it('does not take what others changed meanwhile on the server (and this copy has not seen) for the user’s change', () => {
    const { server, local } = serverAndCopy()
    firstRun(server, 'Article 3').insert(0, 'Online: ')
    firstRun(local, 'Article 1').insert(0, 'Offline: ')
    const changes = refusedChangesOf(local, server)
    expect(changes.map((c) => (c.kind === 'changed' ? c.label : c.kind))).toEqual(['Article 1'])
  })

  it('a copy with nothing of its own beyond the server’s state has no change', () => {
    const { server, local } = serverAndCopy()
    firstRun(server, 'Article 2').insert(0, 'Online: ')
    expect(refusedChangesOf(local, server)).toEqual([])
  })

  it('an open suggestion is not a direct change: the base text is compared', () => {
    const { server, local } = serverAndCopy()
    const attrs = { id: 'sugg0000000000000001', user: 'u1', name: 'Achieng Odhiambo', state: 'KEN', at: '2026-12-02T06:00:00.000Z' }
    firstRun(local, 'Article 1').insert(0, 'Suggested: ', { insertion: attrs })
    expect(refusedChangesOf(local, server)).toEqual([])
  })

  it('a clause added here is placed by its nearest existing clause before it (after it when it comes first); a deleted one is reported', () => {
    const { server, local } = serverAndCopy()
    deleteClause(local, idOf(local, 'Article 3'))
    addClauseAt(local, 2, { kind: 'article', heading: 'Definitions', text: 'New wording.' })
    addClauseAt(local, 0, { kind: 'article', heading: 'First', text: 'Before everything.' })
    addClauseAt(local, 1, { kind: 'article', heading: '', text: '' }) // empty: nothing to keep
    expect(refusedChangesOf(local, server)).toEqual([
      { kind: 'added', nearClauseId: idOf(server, 'Preamble'), nearLabel: 'Preamble', after: false, heading: 'First', text: 'Before everything.' },
      { kind: 'added', nearClauseId: idOf(server, 'Article 1'), nearLabel: 'Article 1', after: true, heading: 'Definitions', text: 'New wording.' },
      { kind: 'deleted', clauseId: idOf(server, 'Article 3'), label: 'Article 3' },
    ])
  })

  it('labels are the server’s (numbers may differ in the local copy)', () => {
    const server = [{ id: 'a', label: 'Article 3', heading: 'H', text: 'one' }]
    const local = [{ id: 'a', label: 'Article 4', heading: 'H', text: 'two' }]
    expect(refusedChanges(local, server)).toEqual([{ kind: 'changed', clauseId: 'a', label: 'Article 3', heading: null, text: 'two' }])
  })
})

describe('offline recovery: the threads that keep it and the notice', () => {
  const changed = { kind: 'changed' as const, clauseId: 'c3', label: 'Article 3', heading: null, text: 'Typed wording.' }
  const renamed = { kind: 'changed' as const, clauseId: 'c5', label: 'Article 5', heading: 'New heading', text: 'Other wording.' }
  const emptied = { kind: 'changed' as const, clauseId: 'c6', label: 'Article 6', heading: null, text: '' }
  const added = { kind: 'added' as const, nearClauseId: 'c3', nearLabel: 'Article 3', after: true, heading: 'Extra', text: 'Added text.' }
  const deleted = { kind: 'deleted' as const, clauseId: 'c7', label: 'Article 7' }

  it('a proposal with the local wording on each changed clause; a comment when there is no wording or for an added clause; nothing for a deletion', () => {
    const threads = keepingThreads([changed, renamed, emptied, added, deleted], true).map((t) => t.thread)
    expect(keptNote(true)).toBe('Typed offline while the text could not be changed directly; kept as a proposal.')
    expect(threads).toEqual([
      { clauseId: 'c3', body: keptNote(true), proposal: { text: 'Typed wording.' } },
      { clauseId: 'c5', body: `${keptNote(true)}\n\nHeading typed: “New heading”`, proposal: { text: 'Other wording.' } },
      { clauseId: 'c6', body: 'Typed offline while the text could not be changed directly; kept as a comment.\n\nThe text was deleted.' },
      { clauseId: 'c3', body: 'A new clause after Article 3, typed offline while the text could not be changed directly; kept as a comment.\n\nHeading: “Extra”\n\nAdded text.' },
    ])
  })

  it('an online change refused in a race with a mode change is not called offline', () => {
    expect(keepingThreads([changed, added], false).map((t) => t.thread.body)).toEqual([
      'Typed while the text could not be changed directly; kept as a proposal.',
      'A new clause after Article 3, typed while the text could not be changed directly; kept as a comment.\n\nHeading: “Extra”\n\nAdded text.',
    ])
  })

  it('lists labels as a sentence does', () => {
    expect(listLabels([])).toBe('')
    expect(listLabels(['Article 3'])).toBe('Article 3')
    expect(listLabels(['Article 3', 'Article 5'])).toBe('Article 3 and Article 5')
    expect(listLabels(['Preamble', 'Article 3', 'Article 3', 'Article 5'])).toBe('Preamble, Article 3 and Article 5')
  })

  const suggestDraft = { phase: 'drafting' as const, textMode: 'suggest' as const, access: { canEdit: false, canSuggest: true, canDecide: false, readOnlyReason: 'x' } }
  const outcome = (o: Partial<RecoveryOutcome>): RecoveryOutcome => ({ changes: [], kept: [], canPropose: true, offline: true, draft: suggestDraft, ...o })

  it('says which clauses, why, and where they are kept', () => {
    const other = { ...changed, clauseId: 'c5', label: 'Article 5' }
    expect(recoveryNotice(outcome({ changes: [changed, other], kept: [changed, other] }))).toBe(
      'Your offline changes to Article 3 and Article 5 could not be applied: the draft is now in suggest mode. They are kept as proposals in the comment threads.',
    )
    expect(recoveryNotice(outcome({ changes: [changed, deleted], kept: [changed], offline: false, draft: { ...suggestDraft, phase: 'consultation', textMode: 'edit' } }))).toBe(
      'Your latest changes to Article 3 and Article 7 could not be applied: the draft is now in a comment round. Article 3: kept in the comment threads. Article 7: a deletion cannot be kept as a proposal.',
    )
    expect(recoveryNotice(outcome({ changes: [changed], kept: [], canPropose: false, draft: { ...suggestDraft, phase: 'closed' } }))).toBe(
      'Your offline changes to Article 3 could not be applied: the draft is now closed. Article 3: could not be kept, as you may not propose wording now.',
    )
    expect(recoveryNotice(outcome({ changes: [added], kept: [added] }))).toBe(
      'Your offline changes to a new clause after Article 3 could not be applied: the draft is now in suggest mode. They are kept in the comment threads.',
    )
    expect(recoveryNotice(outcome({}))).toBe('Your offline changes could not be applied: the draft is now in suggest mode. The draft now shows the saved text.')
  })
})
