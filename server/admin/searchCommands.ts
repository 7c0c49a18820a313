import pino from 'pino'
import { SearchIndexer } from '../search/indexer'
import { audit } from '../services/audit'
import { loadStoredDoc } from '../services/drafts'
import { searchStoreOf } from '../storage/searchStore'
import type { Storage } from '../storage/Storage'

/** A refusal of the command line (exit code 2). */
export class SearchUsageError extends Error {}

/**
 * `search rebuild [DRAFT_ID]`: the search index built again from what is stored (every draft, the
 * index emptied first; or one draft). Safe while servers run: they keep indexing what changes.
 */
export async function searchRebuild(storage: Storage, positionals: readonly string[]): Promise<string[]> {
  const [draftId, ...extra] = positionals
  if (extra.length > 0) throw new SearchUsageError('Usage: search rebuild [DRAFT_ID]')
  if (draftId && !(await storage.getDraft(draftId))) throw new SearchUsageError(`Unknown draft "${draftId}".`)
  const drafts = draftId ? [draftId] : (await Promise.all((await storage.listGroups()).map((g) => storage.listDrafts(g.id)))).flat().map((d) => d.id)
  const indexer = new SearchIndexer(storage, searchStoreOf(storage), async (id, read) => {
    const doc = await loadStoredDoc(storage, id)
    try {
      return read(doc)
    } finally {
      doc.destroy()
    }
  }, pino({ level: 'silent' }))
  const started = performance.now()
  const size = await indexer.rebuild(drafts, !draftId)
  await audit(storage, new Date(), { action: 'search.rebuilt', actorName: 'admin-cli', target: draftId ?? null, data: { drafts: drafts.length, entries: size.entries } })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  return [`Indexed ${drafts.length} draft(s) in ${seconds} s: the index holds ${size.entries} entries (${(size.bytes / 1024).toFixed(0)} KiB).`]
}
