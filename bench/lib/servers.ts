import fs from 'node:fs'
import path from 'node:path'
import type { ClauseInput } from '../../shared/draft/ydoc'
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../../server/testing/factories'
import type { Processes, ServerChild } from './processes'

export type ServerKind = 'ours' | 'reference' | 'hocuspocus'

/** One running server under test and how a client reaches a draft on it. */
export interface Target {
  readonly kind: ServerKind
  readonly server: ServerChild
  /** Base URL and query parameters for y-websocket's WebsocketProvider (room = draft id). */
  providerUrl(client: number): { readonly serverUrl: string; readonly params: Record<string, string> }
  /** The full websocket URL of a draft for client number `client` (raw clients). */
  url(draftId: string, client: number): string
  /** The token client number `client` authenticates with (Hocuspocus sends it in a message). */
  token(client: number): string
}

export interface BenchDraft {
  readonly id: string
  /** The draft's stored Y.Doc state (a Yjs update), identical on both servers. */
  readonly state: Uint8Array
}

export interface Pair {
  readonly ours: Target
  readonly reference: Target
  /** Hocuspocus with its database extension, when asked for (startPair's `withHocuspocus`). */
  readonly hocuspocus: Target | null
  readonly drafts: readonly BenchDraft[]
  stop(): Promise<void>
}

const DELEGATES = 4

/**
 * Seeds a temporary DATA_DIR (a working group, a rapporteur, delegates, one token per client, the
 * drafts) and starts our server on it; the reference server gets the same drafts in memory.
 */
export async function startPair(processes: Processes, drafts: readonly (readonly ClauseInput[])[], clients: number, withHocuspocus = false): Promise<Pair> {
  const dataDir = processes.tempDir('data')
  const seedDir = processes.tempDir('seed')
  // Seeding only: NORMAL spares an fsync per token; the server opens the file with its own settings.
  const storage = new SqliteStorage(path.join(dataDir, 'provisio.sqlite'), { synchronous: 'NORMAL' })
  const tokens: string[] = []
  const seeded: BenchDraft[] = []
  try {
    const group = await buildGroup(storage, { name: 'Benchmark Working Group' })
    const rapporteur = await buildUser(storage, { role: 'rapporteur', group })
    const delegates = []
    for (let i = 0; i < DELEGATES; i++) delegates.push(await buildUser(storage, { role: 'delegate', group }))
    for (let i = 0; i < clients; i++) tokens.push(await tokenFor(storage, delegates[i % DELEGATES] ?? rapporteur))
    for (const [i, clauses] of drafts.entries()) {
      const draft = await buildDraft(storage, rapporteur, { title: `Benchmark draft ${i + 1}`, clauses: [...clauses] })
      const state = (await storage.docs.load(draft.id)).snapshot
      if (!state) throw new Error('the seeded draft has no snapshot')
      seeded.push({ id: draft.id, state })
      fs.writeFileSync(path.join(seedDir, `${draft.id}.bin`), state)
    }
  } finally {
    await storage.close()
  }
  const token = (client: number) => tokens[client % tokens.length] ?? ''
  const hocuspocusDir = processes.tempDir('hocuspocus')
  const tokensFile = path.join(hocuspocusDir, 'tokens.txt')
  fs.writeFileSync(tokensFile, tokens.join('\n'))
  const [oursChild, referenceChild, hocuspocusChild] = await Promise.all([
    processes.start('ours', 'bench/lib/oursServer.ts', { DATA_DIR: dataDir }),
    processes.start('reference', 'bench/referenceServer.ts', { BENCH_SEED_DIR: seedDir }),
    withHocuspocus ? processes.start('hocuspocus', 'bench/hocuspocusServer.ts', { BENCH_SEED_DIR: seedDir, BENCH_DATA_DIR: hocuspocusDir, BENCH_TOKENS_FILE: tokensFile }) : null,
  ])
  const base = (port: number) => `ws://127.0.0.1:${port}`
  const ours: Target = {
    kind: 'ours',
    server: oursChild,
    providerUrl: (client) => ({ serverUrl: `${base(oursChild.port)}/collab`, params: { token: token(client) } }),
    url: (draftId, client) => `${base(oursChild.port)}/collab/${draftId}?token=${encodeURIComponent(token(client))}`,
    token,
  }
  const reference: Target = {
    kind: 'reference',
    server: referenceChild,
    providerUrl: () => ({ serverUrl: base(referenceChild.port), params: {} }),
    url: (draftId) => `${base(referenceChild.port)}/${draftId}`,
    token: () => '',
  }
  // Hocuspocus names the document inside each message: every client uses the server's root URL.
  const hocuspocus: Target | null = hocuspocusChild
    ? { kind: 'hocuspocus', server: hocuspocusChild, providerUrl: () => ({ serverUrl: base(hocuspocusChild.port), params: {} }), url: () => base(hocuspocusChild.port), token }
    : null
  return {
    ours,
    reference,
    hocuspocus,
    drafts: seeded,
    async stop() {
      await Promise.all([oursChild.stop(), referenceChild.stop(), hocuspocusChild?.stop()])
      processes.removeDir(hocuspocusDir)
      processes.removeDir(dataDir)
      processes.removeDir(seedDir)
    },
  }
}
