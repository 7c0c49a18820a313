import type Database from 'better-sqlite3'
import { fts5Match, fts5Phrase } from '../../search/query'
import { type SearchEntry, type SearchHit, type SearchIndexSize, type SearchQuery, type SearchStore, indexWords } from '../search'
import { INSERT_COLUMNS, SEARCH_COLUMNS, type SearchRow, entryValues, toSearchHit } from '../rows/searchRows'

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

/** The index on FTS5 (contentless, words computed by the server); bm25 ranks, the text weighing more than who. */
export class SqliteSearchStore implements SearchStore {
  private readonly stmt

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      remove: db.prepare('DELETE FROM search_entries WHERE draft_id = ? AND key = ?'),
      insert: db.prepare(`INSERT INTO search_entries (${INSERT_COLUMNS}) VALUES (${placeholders(14)})`),
      insertWords: db.prepare('INSERT INTO search_fts (rowid, words, who_words) VALUES (?, ?, ?)'),
      relabel: db.prepare("UPDATE search_entries SET label = ? WHERE draft_id = ? AND clause_id = ? AND source <> 'revision' AND label <> ?"),
      removeDraft: db.prepare('DELETE FROM search_entries WHERE draft_id = ?'),
      mark: db.prepare('INSERT INTO search_drafts (draft_id, indexed_at) VALUES (?, ?) ON CONFLICT(draft_id) DO UPDATE SET indexed_at = excluded.indexed_at'),
      marked: db.prepare('SELECT draft_id FROM search_drafts'),
      count: db.prepare('SELECT COUNT(*) AS n FROM search_entries'),
    }
  }

  private putOne(entry: SearchEntry, replacing = true): void {
    if (replacing) this.stmt.remove.run(entry.draftId, entry.key)
    const { lastInsertRowid } = this.stmt.insert.run(...entryValues(entry))
    const words = indexWords(entry)
    this.stmt.insertWords.run(lastInsertRowid, words.text, words.who)
  }

  async put(entries: readonly SearchEntry[]): Promise<void> {
    this.db.transaction(() => {
      for (const entry of entries) this.putOne(entry)
    })()
  }

  async remove(draftId: string, keys: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      for (const key of keys) this.stmt.remove.run(draftId, key)
    })()
  }

  async relabel(draftId: string, labels: readonly { readonly clauseId: string; readonly label: string }[]): Promise<void> {
    this.db.transaction(() => {
      for (const { clauseId, label } of labels) this.stmt.relabel.run(label, draftId, clauseId, label)
    })()
  }

  async replaceDraft(draftId: string, entries: readonly SearchEntry[]): Promise<void> {
    this.db.transaction(() => {
      this.stmt.removeDraft.run(draftId)
      // Keys repeated in `entries` would break UNIQUE: the last one wins, as in put().
      const byKey = new Map(entries.map((e) => [e.key, e]))
      for (const entry of byKey.values()) this.putOne({ ...entry, draftId }, false)
      this.stmt.mark.run(draftId, new Date().toISOString())
    })()
  }

  async unindexed(draftIds: readonly string[]): Promise<string[]> {
    const marked = new Set((this.stmt.marked.all() as { draft_id: string }[]).map((r) => r.draft_id))
    return draftIds.filter((id) => !marked.has(id))
  }

  async clear(): Promise<void> {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM search_entries; DELETE FROM search_drafts;')
    })()
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    if (query.groupIds.length === 0) return []
    const where: string[] = ['search_fts MATCH ?', `d.group_id IN (${placeholders(query.groupIds.length)})`]
    const params: unknown[] = [fts5Match(query.query), ...query.groupIds]
    if (query.draftId !== undefined) {
      where.push('e.draft_id = ?')
      params.push(query.draftId)
    }
    if (query.kinds && query.kinds.length > 0) {
      where.push(`e.kind IN (${placeholders(query.kinds.length)})`)
      params.push(...query.kinds)
    }
    if (query.stateCode !== undefined) {
      where.push('e.state_code = ?')
      params.push(query.stateCode)
    }
    const phrase = query.query.phrase
    const exact = phrase ? 'e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)' : '0'
    // Ranked and cut to the limit on narrow rows first; only the rows kept are read whole (bodies are long).
    const sql = `WITH top AS (
        SELECT e.id AS id, ${exact} AS exact, bm25(search_fts, 1.0, 0.3) AS r, e.at AS at
        FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid JOIN drafts d ON d.id = e.draft_id
        WHERE ${where.join(' AND ')}
        ORDER BY exact DESC, r, at DESC, id LIMIT ?)
      SELECT ${SEARCH_COLUMNS}, top.exact AS exact FROM top JOIN search_entries e ON e.id = top.id
      ORDER BY top.exact DESC, top.r, top.at DESC, top.id`
    const rows = this.db.prepare(sql).all(...(phrase ? [fts5Phrase(phrase)] : []), ...params, query.limit) as SearchRow[]
    return rows.map(toSearchHit)
  }

  async size(): Promise<SearchIndexSize> {
    const entries = (this.stmt.count.get() as { n: number }).n
    return { entries, bytes: this.bytes() }
  }

  /** The pages of the index's tables and indexes (dbstat when compiled in, else an estimate from the page count). */
  private bytes(): number {
    try {
      const row = this.db.prepare("SELECT SUM(pgsize) AS b FROM dbstat WHERE name LIKE 'search%' OR name LIKE 'sqlite_autoindex_search%'").get() as { b: number | null }
      return row.b ?? 0
    } catch {
      return 0
    }
  }
}
