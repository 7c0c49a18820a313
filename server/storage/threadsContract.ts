import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../../shared/ids'
import type { Draft, Storage, User } from './Storage'
import type { CommentRecord, CommentRound, NewEvent, ThreadRecord } from './threads'

/** A fresh, empty storage; the suite closes it after each case. */
export type ThreadStorageFactory = () => Promise<Storage>

/**
 * The behaviour every ThreadStore must have (same pattern as storageContract.ts): each case gets a
 * fresh storage from `factory`; every change comes back with its event, in one history.
 */
export function threadStoreContractSuite(name: string, factory: ThreadStorageFactory): void {
  describe(`thread store contract: ${name}`, () => {
    let storage: Storage
    let draft: Draft
    let kenya: User
    let rapporteur: User
    // Distinct, increasing timestamps: ordering by time never depends on a tie.
    let tick = 0
    const at = (): string => new Date(Date.UTC(2031, 0, 1, 9, 0, tick++)).toISOString()

    beforeEach(async () => {
      storage = await factory()
      tick = 0
      await storage.upsertMemberStates([
        { code: 'KEN', name: 'Kenya' },
        { code: 'JPN', name: 'Japan' },
      ])
      const group = await storage.createGroup({ slug: `wg-${newId(8)}`, name: 'Working group', mandate: '' })
      kenya = await storage.createUser({ username: `ken-${newId(6)}`, displayName: 'Kenya delegate', role: 'delegate', stateCode: 'KEN', passwordHash: 'x' })
      rapporteur = await storage.createUser({ username: `rap-${newId(6)}`, displayName: 'Rapporteur', role: 'rapporteur', stateCode: null, passwordHash: 'x' })
      await storage.addMember(group.id, kenya.id)
      await storage.addMember(group.id, rapporteur.id)
      draft = await storage.createDraft({ id: newId(), groupId: group.id, title: 'Model provisions', createdBy: rapporteur.id }, new Uint8Array([0, 0]))
    })

    afterEach(async () => {
      await storage.close()
    })

    const event = (type: NewEvent['type'], by: User, overrides: Partial<NewEvent> = {}): NewEvent => ({
      draftId: draft.id,
      type,
      at: at(),
      actorId: by.id,
      actorState: by.stateCode,
      clauseId: null,
      threadId: null,
      commentId: null,
      roundId: null,
      data: {},
      ...overrides,
    })

    const round = (overrides: Partial<CommentRound> = {}): CommentRound => ({
      id: newId(),
      draftId: draft.id,
      name: 'First reading',
      deadline: '2031-02-01T17:00:00.000Z',
      status: 'open',
      openedBy: rapporteur.id,
      openedAt: at(),
      closedAt: null,
      ...overrides,
    })

    const thread = (overrides: Partial<ThreadRecord> = {}): ThreadRecord => ({
      id: newId(),
      draftId: draft.id,
      clauseId: 'clause-1',
      anchorStart: null,
      anchorEnd: null,
      quote: null,
      status: 'open',
      authorId: kenya.id,
      authorState: 'KEN',
      roundId: null,
      createdAt: at(),
      resolvedBy: null,
      resolvedAt: null,
      proposal: null,
      ...overrides,
    })

    const comment = (threadId: string, overrides: Partial<CommentRecord> = {}): CommentRecord => ({
      id: newId(),
      threadId,
      authorId: kenya.id,
      authorState: 'KEN',
      body: 'Kenya proposes to delete "promptly".',
      createdAt: at(),
      editedAt: null,
      deletedAt: null,
      ...overrides,
    })

    /** A thread with its first comment, as the API creates it. */
    async function openThread(overrides: Partial<ThreadRecord> = {}): Promise<{ thread: ThreadRecord; first: CommentRecord }> {
      const t = thread(overrides)
      const first = comment(t.id, { authorId: t.authorId, authorState: t.authorState })
      await storage.threads.createThread(t, first, event('thread.created', kenya, { clauseId: t.clauseId, threadId: t.id, commentId: first.id }))
      return { thread: t, first }
    }

    it('opens, lists and updates comment rounds, each change with its event', async () => {
      const first = round()
      const opened = await storage.threads.openRound(first, event('round.opened', rapporteur, { roundId: first.id, data: { name: first.name } }))
      expect(opened).toMatchObject({ type: 'round.opened', roundId: first.id, data: { name: 'First reading' } })
      expect(opened.id).toBeGreaterThan(0)
      expect(await storage.threads.getRound(first.id)).toEqual(first)
      const second = round({ name: 'Second reading' })
      await storage.threads.openRound(second, event('round.opened', rapporteur, { roundId: second.id }))
      expect((await storage.threads.listRounds(draft.id)).map((r) => r.name)).toEqual(['First reading', 'Second reading'])

      const closedAt = at()
      const closed = await storage.threads.updateRound(first.id, { status: 'closed', deadline: first.deadline, closedAt }, event('round.closed', rapporteur, { roundId: first.id }))
      expect(closed.id).toBeGreaterThan(opened.id)
      expect(await storage.threads.getRound(first.id)).toEqual({ ...first, status: 'closed', closedAt })
      expect(await storage.threads.getRound('no-such-round')).toBeNull()
      expect(await storage.threads.listRounds('no-such-draft')).toEqual([])
    })

    it('keeps a thread with its anchors, quote and proposal as given, and its first comment', async () => {
      const anchorStart = new Uint8Array([1, 2, 3, 250])
      const anchorEnd = new Uint8Array([4, 5, 6])
      const proposal = { text: 'States shall cooperate.', base: 'States shall [promptly] cooperate.', status: 'pending' as const, decidedBy: null, decidedAt: null, reason: null }
      const { thread: t, first } = await openThread({ anchorStart, anchorEnd, quote: 'promptly', proposal })
      const stored = await storage.threads.getThread(t.id)
      expect(stored).toEqual(t)
      expect(stored?.anchorStart).toBeInstanceOf(Uint8Array)
      expect(await storage.threads.getComment(first.id)).toEqual(first)
      expect(await storage.threads.getThread('no-such-thread')).toBeNull()
      expect(await storage.threads.getComment('no-such-comment')).toBeNull()
    })

    it('lists a draft\'s threads in creation order, by clause, State, status and round', async () => {
      const r = round()
      await storage.threads.openRound(r, event('round.opened', rapporteur, { roundId: r.id }))
      const a = await openThread({ clauseId: 'clause-1' })
      const b = await openThread({ clauseId: 'clause-2', roundId: r.id })
      const c = await openThread({ clauseId: 'clause-1', authorId: rapporteur.id, authorState: null })
      await storage.threads.setThreadStatus(c.thread.id, 'resolved', rapporteur.id, at(), event('thread.resolved', rapporteur, { threadId: c.thread.id }))
      const ids = async (filter?: Parameters<Storage['threads']['listThreads']>[1]) => (await storage.threads.listThreads(draft.id, filter)).map((t) => t.id)
      expect(await ids()).toEqual([a.thread.id, b.thread.id, c.thread.id])
      expect(await ids({ clauseId: 'clause-1' })).toEqual([a.thread.id, c.thread.id])
      expect(await ids({ authorState: 'KEN' })).toEqual([a.thread.id, b.thread.id])
      expect(await ids({ status: 'resolved' })).toEqual([c.thread.id])
      expect(await ids({ roundId: r.id })).toEqual([b.thread.id])
      expect(await ids({ clauseId: 'clause-1', status: 'open' })).toEqual([a.thread.id])
      expect(await storage.threads.listThreads('no-such-draft')).toEqual([])
    })

    it('resolves and reopens a thread, and decides its proposal', async () => {
      const proposal = { text: 'New wording.', base: null, status: 'pending' as const, decidedBy: null, decidedAt: null, reason: null }
      const { thread: t } = await openThread({ proposal })
      const resolvedAt = at()
      await storage.threads.setThreadStatus(t.id, 'resolved', rapporteur.id, resolvedAt, event('thread.resolved', rapporteur, { threadId: t.id }))
      expect(await storage.threads.getThread(t.id)).toMatchObject({ status: 'resolved', resolvedBy: rapporteur.id, resolvedAt })
      await storage.threads.setThreadStatus(t.id, 'open', null, null, event('thread.reopened', rapporteur, { threadId: t.id }))
      expect(await storage.threads.getThread(t.id)).toMatchObject({ status: 'open', resolvedBy: null, resolvedAt: null })

      const decidedAt = at()
      await storage.threads.decideProposal(t.id, { status: 'declined', decidedBy: rapporteur.id, decidedAt, reason: 'Outside the mandate.' }, event('proposal.declined', rapporteur, { threadId: t.id }))
      expect((await storage.threads.getThread(t.id))?.proposal).toEqual({ ...proposal, status: 'declined', decidedBy: rapporteur.id, decidedAt, reason: 'Outside the mandate.' })
    })

    it('adds, edits and deletes comments, keeping every earlier body as a version', async () => {
      const { thread: t, first } = await openThread()
      const other = await openThread({ clauseId: 'clause-2' })
      const reply = comment(t.id, { authorId: rapporteur.id, authorState: null, body: 'Noted.' })
      const added = await storage.threads.addComment(reply, event('comment.replied', rapporteur, { threadId: t.id, commentId: reply.id }))
      expect(added).toMatchObject({ type: 'comment.replied', commentId: reply.id })
      expect((await storage.threads.listComments([t.id])).map((c) => c.id)).toEqual([first.id, reply.id])
      expect((await storage.threads.listComments([t.id, other.thread.id])).map((c) => c.id)).toEqual([first.id, other.first.id, reply.id])
      expect(await storage.threads.listComments([])).toEqual([])

      const editedAt = at()
      await storage.threads.editComment(first.id, 'Kenya proposes to delete "promptly" and "fully".', editedAt, event('comment.edited', kenya, { threadId: t.id, commentId: first.id }))
      expect(await storage.threads.getComment(first.id)).toMatchObject({ body: 'Kenya proposes to delete "promptly" and "fully".', editedAt, deletedAt: null })
      const deletedAt = at()
      await storage.threads.deleteComment(first.id, deletedAt, event('comment.deleted', kenya, { threadId: t.id, commentId: first.id }))
      expect(await storage.threads.getComment(first.id)).toMatchObject({ body: '', deletedAt, authorId: kenya.id })
      expect(await storage.threads.listCommentVersions([first.id, reply.id])).toEqual([
        { commentId: first.id, body: first.body, replacedAt: editedAt },
        { commentId: first.id, body: 'Kenya proposes to delete "promptly" and "fully".', replacedAt: deletedAt },
      ])
      expect(await storage.threads.listCommentVersions([])).toEqual([])
    })

    it('keeps every position and tells the newest of each State on each clause', async () => {
      const position = (clauseId: string, stateCode: string, stance: 'support' | 'reservation' | 'objection', statement: string | null = null) => ({
        draftId: draft.id,
        clauseId,
        stateCode,
        stance,
        statement,
        authorId: kenya.id,
        roundId: null,
        createdAt: at(),
      })
      const record = (p: ReturnType<typeof position>) => storage.threads.recordPosition(p, event('position.recorded', kenya, { clauseId: p.clauseId, data: { stance: p.stance } }))
      await record(position('clause-1', 'KEN', 'reservation', 'Pending consultation with the capital.'))
      await record(position('clause-1', 'JPN', 'support'))
      await record(position('clause-1', 'KEN', 'support'))
      await record(position('clause-2', 'KEN', 'objection'))
      const current = await storage.threads.currentPositions(draft.id)
      expect(current.map((p) => [p.clauseId, p.stateCode, p.stance])).toEqual([
        ['clause-1', 'JPN', 'support'],
        ['clause-1', 'KEN', 'support'],
        ['clause-2', 'KEN', 'objection'],
      ])
      const history = await storage.threads.positionHistory(draft.id)
      expect(history.map((p) => p.stance)).toEqual(['reservation', 'support', 'support', 'objection'])
      expect(history[0]).toMatchObject({ statement: 'Pending consultation with the capital.', authorId: kenya.id, roundId: null })
      expect(history.every((p, i) => i === 0 || p.id > (history[i - 1]?.id ?? 0))).toBe(true)
      expect((await storage.threads.positionHistory(draft.id, 'clause-2')).map((p) => p.stance)).toEqual(['objection'])
      expect(await storage.threads.currentPositions('no-such-draft')).toEqual([])
    })

    it('lists the draft\'s events in order, with their data, filtered by clause, actor, State, round and thread status', async () => {
      const r = round()
      await storage.threads.openRound(r, event('round.opened', rapporteur, { roundId: r.id, data: { name: r.name, deadline: r.deadline } }))
      const a = await openThread({ clauseId: 'clause-1', roundId: r.id })
      const b = await openThread({ clauseId: 'clause-2' })
      await storage.threads.setThreadStatus(b.thread.id, 'resolved', rapporteur.id, at(), event('thread.resolved', rapporteur, { clauseId: 'clause-2', threadId: b.thread.id }))
      const all = await storage.threads.listEvents(draft.id)
      expect(all.map((e) => e.type)).toEqual(['round.opened', 'thread.created', 'thread.created', 'thread.resolved'])
      expect(all[0]?.data).toEqual({ name: r.name, deadline: r.deadline })
      expect(all.every((e, i) => i === 0 || e.id > (all[i - 1]?.id ?? 0))).toBe(true)
      const types = async (filter: Parameters<Storage['threads']['listEvents']>[1]) => (await storage.threads.listEvents(draft.id, filter)).map((e) => e.type)
      expect(await types({ clauseId: 'clause-2' })).toEqual(['thread.created', 'thread.resolved'])
      expect(await types({ actorState: 'KEN' })).toEqual(['thread.created', 'thread.created'])
      expect(await types({ actorId: rapporteur.id })).toEqual(['round.opened', 'thread.resolved'])
      expect(await types({ roundId: r.id })).toEqual(['round.opened'])
      expect((await storage.threads.listEvents(draft.id, { threadStatus: 'open' })).map((e) => e.threadId)).toEqual([a.thread.id])
      expect(await types({ threadStatus: 'resolved' })).toEqual(['thread.created', 'thread.resolved'])
      expect(await storage.threads.listEvents('no-such-draft')).toEqual([])
    })

    it("keeps one clause.edited per actor and clause within the merge window; other types, actors and clauses are written", async () => {
      const window = 10 * 60_000
      const edited = (by: User, clauseId: string, when: string) => event('clause.edited', by, { clauseId, at: when, data: { fields: ['body'] } })
      const first = await storage.threads.recordClauseEvent(edited(kenya, 'clause-1', '2031-01-01T09:00:00.000Z'), window)
      expect(first).toMatchObject({ type: 'clause.edited', clauseId: 'clause-1', actorId: kenya.id, actorState: 'KEN', data: { fields: ['body'] } })
      expect(await storage.threads.recordClauseEvent(edited(kenya, 'clause-1', '2031-01-01T09:09:59.000Z'), window)).toBeNull()
      expect(await storage.threads.recordClauseEvent(edited(rapporteur, 'clause-1', '2031-01-01T09:05:00.000Z'), window)).not.toBeNull()
      expect(await storage.threads.recordClauseEvent(edited(kenya, 'clause-2', '2031-01-01T09:05:00.000Z'), window)).not.toBeNull()
      expect(await storage.threads.recordClauseEvent(edited(kenya, 'clause-1', '2031-01-01T09:10:01.000Z'), window)).not.toBeNull()
      const deleted = () => event('clause.deleted', kenya, { clauseId: 'clause-3', at: '2031-01-01T09:11:00.000Z' })
      expect(await storage.threads.recordClauseEvent(deleted(), 0)).not.toBeNull()
      expect(await storage.threads.recordClauseEvent(deleted(), 0)).not.toBeNull()
      const all = await storage.threads.listEvents(draft.id)
      expect(all.map((e) => [e.type, e.clauseId, e.actorId])).toEqual([
        ['clause.edited', 'clause-1', kenya.id],
        ['clause.edited', 'clause-1', rapporteur.id],
        ['clause.edited', 'clause-2', kenya.id],
        ['clause.edited', 'clause-1', kenya.id],
        ['clause.deleted', 'clause-3', kenya.id],
        ['clause.deleted', 'clause-3', kenya.id],
      ])
      expect(all[0]?.id).toBe(first?.id)
    })
  })
}
