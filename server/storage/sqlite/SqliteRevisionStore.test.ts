import { describe, expect, it, onTestFinished } from 'vitest'
import { newId } from '../../../shared/ids'
import { SqliteStorage } from './SqliteStorage'

describe('SqliteRevisionStore', () => {
  it('refuses, in the database itself, to change a saved revision or its clauses', async () => {
    const storage = new SqliteStorage(':memory:')
    onTestFinished(() => storage.close())
    const group = await storage.createGroup({ slug: 'wg', name: 'WG', mandate: '' })
    const user = await storage.createUser({ username: 'r', displayName: 'R', role: 'rapporteur', stateCode: null, passwordHash: 'x' })
    const draft = await storage.createDraft({ id: newId(), groupId: group.id, title: 'T', createdBy: user.id }, new Uint8Array([0, 0]))
    await storage.revisions.createRevision({
      draftId: draft.id,
      label: 'one',
      title: 'T',
      createdBy: user.id,
      state: new Uint8Array([0, 0]),
      clauses: [{ id: 'a', kind: 'article', number: 1, label: 'Article 1', heading: 'H', status: 'proposed', text: 'x' }],
    })
    expect(() => storage.db.prepare("UPDATE revisions SET label = 'changed'").run()).toThrow(/revisions never change/)
    expect(() => storage.db.prepare("UPDATE revision_clauses SET text = 'changed'").run()).toThrow(/revisions never change/)
    expect((await storage.revisions.getRevision(draft.id, 1))?.label).toBe('one')
  })
})
