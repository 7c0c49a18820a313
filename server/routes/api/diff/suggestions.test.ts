import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { OpenSuggestion } from '../../../../shared/draft/suggestions'
import { clausesMap, readClauses } from '../../../../shared/draft/ydoc'
import type { ClauseHistory, DraftDiff, RevisionDetail } from '../../../../shared/revisions'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

const bodyOf = (doc: Y.Doc, id: string) => clausesMap(doc).get(id)?.get('body') as Y.XmlFragment
const firstText = (doc: Y.Doc, id: string) => (bodyOf(doc, id).get(0) as Y.XmlElement).get(0) as Y.XmlText
const brief = (list: readonly OpenSuggestion[] | undefined) => (list ?? []).map((s) => [s.state, s.kind, s.inserted, s.deleted])

describe('open suggestions in revisions and diffs', () => {
  it('keeps the marks in a saved revision and shows each side’s suggestions, never as accepted text', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const rapporteur = await tokenFor(t.storage, t.users.rapporteur)
    const observer = await tokenFor(t.storage, t.users.observer)
    const base = `${t.url}/api/drafts/${draft.id}`
    const mark = (user: { id: string; displayName: string }, state: string, id: string) => ({ id, user: user.id, name: user.displayName, state, at: '2026-12-01T10:00:00.000Z' })
    const kenya = mark(t.users.kenya, 'KEN', 'sugKenya000001')
    const japan = mark(t.users.japan, 'JPN', 'sugJapan000001')
    let id = ''
    let plain = ''
    await t.server.ctx.collab.withDoc(draft.id, (doc) => {
      id = readClauses(doc)[1]?.id ?? ''
      const text = firstText(doc, id)
      plain = text.toString()
      text.insert(plain.indexOf(' the measures'), ' promptly', { insertion: kenya })
    })
    expect((await request(`${base}/revisions`, { method: 'POST', token: rapporteur, body: { label: 'one' } })).status).toBe(201)

    // The revision's stored Y.Doc holds the mark; its clauses show base text and the suggestion.
    const state = await t.storage.revisions.revisionState(draft.id, 1)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, state ?? new Uint8Array())
    expect(brief(readClauses(copy)[1]?.suggestions)).toEqual([['KEN', 'insert', ' promptly', '']])
    const detail = await request<RevisionDetail>(`${base}/revisions/1`, { token: observer })
    expect(detail.body.clauses[1]?.text.split('\n')[0]).toBe(plain)
    expect(brief(detail.body.clauses[1]?.suggestions)).toEqual([['KEN', 'insert', ' promptly', '']])
    expect(detail.body.clauses[0]?.suggestions).toBeUndefined()

    // Kenya's insertion accepted (mark removed), Japan suggests striking "Each ".
    await t.server.ctx.collab.withDoc(draft.id, (doc) => {
      const text = firstText(doc, id)
      text.format(plain.indexOf(' the measures'), ' promptly'.length, { insertion: null })
      text.format(0, 'Each '.length, { deletion: japan })
    })
    const diff = await request<DraftDiff>(`${base}/diff?from=1&to=current&changesOnly=true`, { token: observer })
    expect(diff.status).toBe(200)
    const [clause] = diff.body.clauses
    expect(diff.body.clauses).toHaveLength(1)
    expect(clause?.changes).toEqual(['body', 'suggestions'])
    expect(clause?.body.filter((o) => o.op !== 'equal').map((o) => [o.op, o.text.trim()])).toEqual([['insert', 'promptly']])
    expect(brief(clause?.suggestionsBefore)).toEqual([['KEN', 'insert', ' promptly', '']])
    expect(brief(clause?.suggestionsAfter)).toEqual([['JPN', 'delete', '', 'Each ']])
    expect(diff.body.summary).toMatchObject({ changed: 1, body: 1, suggestions: 1 })

    const history = await request<ClauseHistory>(`${base}/clauses/${id}/history`, { token: observer })
    // Revision 1 → the live draft: the clause history reads the revision's suggestions too.
    expect(history.body.entries.map((e) => [e.diff.changes, brief(e.diff.suggestionsBefore), brief(e.diff.suggestionsAfter)])).toEqual([
      [['body', 'suggestions'], [['KEN', 'insert', ' promptly', '']], [['JPN', 'delete', '', 'Each ']]],
    ])
  })
})
