import * as Y from 'yjs'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap, readClauses } from '../../shared/draft/ydoc'
import { loadStoredDoc } from '../services/drafts'
import { PgStorage } from '../storage/postgres/PgStorage'
import { buildDraft, buildGroup, buildUser, tokenFor } from './factories'
import { tempDataDir } from './newServer'
import { type ServerProcess, spawnServer } from './spawnServer'

/** Test helpers for several server processes sharing one PostgreSQL database and one Redis. */

/** The heading of the clause at `index` in a client's document. */
export function headingText(doc: Y.Doc, index: number): Y.Text {
  const text = clausesMap(doc).get(readClauses(doc)[index]?.id ?? '')?.get(ClauseKey.heading)
  if (!(text instanceof Y.Text)) throw new Error('no heading')
  return text
}
export const heading = (doc: Y.Doc, index: number): string => headingText(doc, index).toString()

/** A draft with a writer (Kenya), a reader (Japan) and a rapporteur, seeded through PgStorage. */
export async function seedSharedDraft(databaseUrl: string) {
  const storage = await PgStorage.connect(databaseUrl, { max: 2 })
  try {
    const group = await buildGroup(storage)
    const writer = await buildUser(storage, { group })
    const reader = await buildUser(storage, { group, stateCode: 'JPN' })
    const rapporteur = await buildUser(storage, { group, role: 'rapporteur' })
    const draft = await buildDraft(storage, rapporteur)
    const doc = await loadStoredDoc(storage, draft.id)
    const clauseId = readClauses(doc)[1]?.id ?? ''
    doc.destroy()
    return {
      draft,
      clauseId,
      tokens: { writer: await tokenFor(storage, writer), reader: await tokenFor(storage, reader), rapporteur: await tokenFor(storage, rapporteur) },
    }
  } finally {
    await storage.close()
  }
}

/** The draft as stored in the shared database (snapshot and log), read by a fresh connection. */
export async function storedDoc(databaseUrl: string, draftId: string): Promise<Y.Doc> {
  const storage = await PgStorage.connect(databaseUrl, { max: 1 })
  try {
    return await loadStoredDoc(storage, draftId)
  } finally {
    await storage.close()
  }
}

/** `count` server processes on the same database and Redis (killed when the test finishes). */
export const startProcesses = (count: number, databaseUrl: string, redisUrl: string, env: Record<string, string> = {}): Promise<ServerProcess[]> =>
  Promise.all(Array.from({ length: count }, () => spawnServer(tempDataDir(), { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, ...env })))
