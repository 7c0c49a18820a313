import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { ClauseHistory, DraftDiff, SeenResponse } from '../../../../shared/api'
import { addClauseAt, applyTextEdit, moveClause, setClauseStatus } from '../../../../shared/draft/clauseOps'
import { clausesMap, readClauses } from '../../../../shared/draft/ydoc'
import { textAfter, textBefore } from '../../../../shared/diff/words'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

type ErrorBody = { error: { code: string; message: string } }

async function setup() {
  const t = await newServerWithGroup()
  const draft = await buildDraft(t.storage, t.users.rapporteur)
  const tokens = {
    rapporteur: await tokenFor(t.storage, t.users.rapporteur),
    kenya: await tokenFor(t.storage, t.users.kenya),
    japan: await tokenFor(t.storage, t.users.japan),
    observer: await tokenFor(t.storage, t.users.observer),
    outsider: await tokenFor(t.storage, t.users.outsider),
  }
  const base = `${t.url}/api/drafts/${draft.id}`
  const edit = (change: (doc: Y.Doc) => void) => t.server.ctx.collab.withDoc(draft.id, change)
  const save = (label: string) => request(`${base}/revisions`, { method: 'POST', token: tokens.rapporteur, body: { label } })
  const diff = (query: string, token = tokens.observer) => request<DraftDiff>(`${base}/diff?${query}`, { token })
  return { ...t, draft, tokens, base, edit, save, diff }
}

const bodyOf = (doc: Y.Doc, id: string) => clausesMap(doc).get(id)?.get('body') as Y.XmlFragment
const firstText = (doc: Y.Doc, id: string) => ((bodyOf(doc, id).get(0) as Y.XmlElement).get(0) as Y.XmlText)

describe('diff API', () => {
  it('compares a revision with the live draft: per clause its id, change kinds, numbers before and after, word ops', async () => {
    const t = await setup()
    await t.save('one')
    let ids: string[] = []
    await t.edit((doc) => {
      ids = readClauses(doc).map((c) => c.id)
      moveClause(doc, ids[2] as string, 1) // Article 2 becomes Article 1
      firstText(doc, ids[2] as string).insert(0, 'Moreover, ')
      setClauseStatus(doc, ids[1] as string, 'agreed')
      addClauseAt(doc, 3, { kind: 'article', heading: 'Final clause', text: 'New text.' })
    })
    const res = await t.diff('from=1&to=current')
    expect(res.status).toBe(200)
    expect(res.body.from).toMatchObject({ kind: 'revision', number: 1, label: 'one' })
    expect(res.body.to.kind).toBe('current')
    const rows = res.body.clauses.map((c) => [c.labelBefore, c.labelAfter, c.changes])
    expect(rows).toEqual([
      ['Preamble', 'Preamble', []],
      ['Article 2', 'Article 1', ['moved', 'renumbered', 'body']],
      ['Article 1', 'Article 2', ['renumbered', 'status']],
      [null, 'Article 3', ['added']],
    ])
    const moved = res.body.clauses[1]
    expect(moved).toMatchObject({ id: ids[2], numberBefore: 2, numberAfter: 1, statusBefore: 'proposed', statusAfter: 'proposed' })
    expect(moved?.body.slice(0, 2)).toEqual([{ op: 'insert', text: 'Moreover, ' }, { op: 'equal', text: 'Each State shall take the measures set out in this provision 2.' }])
    expect(moved?.heading).toEqual([{ op: 'equal', text: 'Test provision 2' }])
    expect(textBefore(moved?.body ?? [])).toBe('Each State shall take the measures set out in this provision 2.\n(a) first measure;\n(b) second measure.')
    expect(textAfter(moved?.body ?? [])).toMatch(/^Moreover, Each State/)
    expect(res.body.summary).toMatchObject({ clauses: 4, changed: 3, unchanged: 1, added: 1, moved: 1, renumbered: 2, status: 1, body: 1, wordsInserted: 1 + 4 })

    const only = await t.diff('from=1&changesOnly=true')
    expect(only.body.clauses.map((c) => c.id)).toEqual(res.body.clauses.slice(1).map((c) => c.id))
    expect(only.body.summary).toEqual(res.body.summary)
  })

  it('compares two revisions, in either direction', async () => {
    const t = await setup()
    await t.save('one')
    await t.edit((doc) => {
      const id = readClauses(doc)[1]?.id ?? ''
      applyTextEdit(clausesMap(doc).get(id)?.get('heading') as Y.Text, 'Renamed [provision]')
    })
    await t.save('two')
    const forward = await t.diff('from=1&to=2')
    expect(forward.body.to).toMatchObject({ kind: 'revision', number: 2, label: 'two' })
    expect(forward.body.clauses[1]?.changes).toEqual(['heading'])
    expect(forward.body.clauses[1]?.bracketsChanged).toBe(true)
    expect(forward.body.clauses[1]?.heading).toEqual([
      { op: 'delete', text: 'Test ' },
      { op: 'insert', text: 'Renamed [' },
      { op: 'equal', text: 'provision' },
      { op: 'delete', text: ' 1' },
      { op: 'insert', text: ']' },
    ])
    const backward = await t.diff('from=2&to=1')
    expect(textAfter(backward.body.clauses[1]?.heading ?? [])).toBe('Test provision 1')
    expect((await t.diff('from=2&to=2')).body.summary.changed).toBe(0)
  })

  it('validates the query with 400 naming the parameter, and answers 401 and 404 like drafts', async () => {
    const t = await setup()
    await t.save('one')
    for (const [query, field] of [['', 'from'], ['from=abc', 'from'], ['from=0', 'from'], ['from=current', 'from'], ['from=1&to=seen', 'to'], ['from=1&to=x', 'to'], ['from=1&changesOnly=yes', 'changesOnly']] as const) {
      const res = await request<ErrorBody>(`${t.base}/diff?${query}`, { token: t.tokens.kenya })
      expect({ query, status: res.status, code: res.body.error.code }).toEqual({ query, status: 400, code: 'validation_failed' })
      expect(res.body.error.message).toContain(field)
    }
    expect((await request(`${t.base}/diff?from=1`)).status).toBe(401)
    const missing = await request<ErrorBody>(`${t.base}/diff?from=1&to=5`, { token: t.tokens.kenya })
    expect([missing.status, missing.body.error.message]).toEqual([404, 'Revision not found.'])
    const other = await buildGroup(t.storage)
    const stranger = await tokenFor(t.storage, await buildUser(t.storage, { role: 'rapporteur', group: other }))
    for (const token of [t.tokens.outsider, stranger]) {
      for (const path of ['/diff?from=1', '/seen', '/clauses/x/history']) {
        const res = await request<ErrorBody>(`${t.base}${path}`, { token, method: path === '/seen' ? 'POST' : 'GET' })
        expect({ path, status: res.status, message: res.body.error.message }).toEqual({ path, status: 404, message: 'Draft not found.' })
      }
    }
  })
})

describe('since your last visit', () => {
  it('remembers per user what they last saw, and diffs the live draft against it', async () => {
    const t = await setup()
    const none = await t.diff('from=seen&to=current', t.tokens.kenya)
    expect([none.status, (none.body as unknown as ErrorBody).error.message]).toEqual([404, 'Earlier visit not found.'])

    // GET /seen tells a first visit without an error, so the browser need not ask for a diff that is not there.
    expect((await request<{ seenAt: string | null }>(`${t.base}/seen`, { token: t.tokens.kenya })).body).toEqual({ seenAt: null })
    const seen = await request<SeenResponse>(`${t.base}/seen`, { method: 'POST', token: t.tokens.kenya })
    expect(seen.status).toBe(200)
    expect(Number.isNaN(Date.parse(seen.body.seenAt))).toBe(false)
    expect((await request<{ seenAt: string | null }>(`${t.base}/seen`, { token: t.tokens.kenya })).body).toEqual({ seenAt: seen.body.seenAt })
    expect((await request(`${t.base}/seen`)).status).toBe(401)
    expect((await t.diff('from=seen', t.tokens.kenya)).body.summary.changed).toBe(0)

    await t.edit((doc) => firstText(doc, readClauses(doc)[2]?.id ?? '').insert(0, 'Edited. '))
    const since = await t.diff('from=seen&to=current&changesOnly=1', t.tokens.kenya)
    expect(since.status).toBe(200)
    expect(since.body.from).toEqual({ kind: 'seen', at: seen.body.seenAt })
    expect(since.body.clauses.map((c) => [c.labelAfter, c.changes])).toEqual([['Article 2', ['body']]])
    // Japan never opened the draft; the observer's visit is theirs alone.
    expect((await t.diff('from=seen', t.tokens.japan)).status).toBe(404)

    await request(`${t.base}/seen`, { method: 'POST', token: t.tokens.kenya })
    expect((await t.diff('from=seen', t.tokens.kenya)).body.summary.changed).toBe(0)
  })
})

describe('clause history', () => {
  it('lists the revisions in which a clause changed, each with its diff, then the live draft', async () => {
    const t = await setup()
    let id = ''
    await t.edit((doc) => {
      id = readClauses(doc)[1]?.id ?? ''
    })
    await t.save('one')
    await t.save('two (clause unchanged)')
    await t.edit((doc) => firstText(doc, id).insert(0, 'First change. '))
    await t.save('three')
    await t.edit((doc) => setClauseStatus(doc, id, 'agreed'))
    const res = await request<ClauseHistory>(`${t.base}/clauses/${id}/history`, { token: t.tokens.observer })
    expect(res.status).toBe(200)
    expect(res.body.entries.map((e) => [e.from.kind === 'revision' ? e.from.number : e.from.kind, e.to.kind === 'revision' ? e.to.number : e.to.kind, e.diff.changes])).toEqual([
      [2, 3, ['body']],
      [3, 'current', ['status']],
    ])
    expect(res.body.entries[0]?.diff.body[0]).toEqual({ op: 'insert', text: 'First change. ' })

    const unknown = await request<ErrorBody>(`${t.base}/clauses/nosuchclause/history`, { token: t.tokens.observer })
    expect([unknown.status, unknown.body.error.message]).toEqual([404, 'Clause not found.'])
    expect((await request(`${t.base}/clauses/bad%20id!/history`, { token: t.tokens.observer })).status).toBe(404)
  })

  it('shows a clause added after a revision, and one deleted since', async () => {
    const t = await setup()
    await t.save('one')
    let added = ''
    await t.edit((doc) => {
      added = addClauseAt(doc, 1, { kind: 'article', heading: 'Inserted', text: 'Body.' })
    })
    await t.save('two')
    await t.edit((doc) => clausesMap(doc).delete(added))
    const res = await request<ClauseHistory>(`${t.base}/clauses/${added}/history`, { token: t.tokens.kenya })
    expect(res.body.entries.map((e) => e.diff.changes)).toEqual([['added'], ['removed']])
  })
})
