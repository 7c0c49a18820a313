import { afterEach, beforeEach } from 'vitest'
import * as Y from 'yjs'
import { newId } from '../../shared/ids'
import { type StoredDoc, applyStoredDoc } from './docs'
import type { Draft, NewUser, Storage, User, WorkingGroup } from './Storage'

/** A fresh, empty storage and how to dispose of it. */
export type StorageFactory = () => Promise<{ storage: Storage; cleanup: () => Promise<void> }>

/** Gives each case of the enclosing describe a fresh storage from `factory` (`use` receives it), cleaned up after it. */
export function eachCaseStorage(factory: StorageFactory, use: (storage: Storage) => void): void {
  let cleanup: (() => Promise<void>) | null = null
  beforeEach(async () => {
    const made = await factory()
    use(made.storage)
    cleanup = made.cleanup
  })
  afterEach(async () => {
    await cleanup?.()
    cleanup = null
  })
}

// Plain builders: each test states the fields it cares about and leaves the rest unique.
export const newGroup = (overrides: Partial<Omit<WorkingGroup, 'id' | 'createdAt'>> = {}): Omit<WorkingGroup, 'id' | 'createdAt'> => {
  const slug = overrides.slug ?? `wg-${newId(8)}`
  return { slug, name: `Working group ${slug}`, mandate: 'Model provisions on the subject.', ...overrides }
}

export const newUser = (overrides: Partial<NewUser> = {}): NewUser => {
  const username = overrides.username ?? `user-${newId(8)}`
  return {
    username,
    displayName: `User ${username}`,
    role: 'rapporteur',
    stateCode: null,
    passwordHash: `scrypt$${newId(16)}`,
    ...overrides,
  }
}

/** A fresh Y.Doc holding `text`, and its full state as the initial state of a draft. */
export function initialDoc(text: string): { doc: Y.Doc; state: Uint8Array } {
  const doc = new Y.Doc()
  doc.getMap('draft').set('title', 'Model provisions')
  doc.getText('body').insert(0, text)
  return { doc, state: Y.encodeStateAsUpdate(doc) }
}

/** The incremental update produced by `edit`, exactly what a client would send. */
export function updateFrom(doc: Y.Doc, edit: (body: Y.Text) => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  edit(doc.getText('body'))
  return Y.encodeStateAsUpdate(doc, before)
}

export function docFrom(stored: StoredDoc): Y.Doc {
  const doc = new Y.Doc()
  applyStoredDoc(doc, stored)
  return doc
}

export const textOf = (stored: StoredDoc): string => docFrom(stored).getText('body').toString()

// Implementations may hand back Buffers or views; the contract is about the bytes.
export const plain = (bytes: Uint8Array | null): number[] | null => (bytes ? Array.from(bytes) : null)

/** A group and a member who may own drafts: the minimum a draft needs to exist. */
export async function seedOwner(storage: Storage): Promise<{ group: WorkingGroup; user: User }> {
  const group = await storage.createGroup(newGroup())
  const user = await storage.createUser(newUser())
  await storage.addMember(group.id, user.id)
  return { group, user }
}

/** A draft whose document holds `text` in its body, with that document and its initial state. */
export async function seedDraft(storage: Storage, text = 'Article 1. Scope.'): Promise<{ draft: Draft; doc: Y.Doc; state: Uint8Array }> {
  const { group, user } = await seedOwner(storage)
  const { doc, state } = initialDoc(text)
  const draft = await storage.createDraft({ id: newId(), groupId: group.id, title: 'Model provisions', createdBy: user.id }, state)
  return { draft, doc, state }
}
