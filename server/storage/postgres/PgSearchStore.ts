import type { Pool } from 'pg'
import { tsPhrase, tsQuery } from '../../search/query'
import { type SearchEntry, type SearchHit, type SearchIndexSize, type SearchQuery, type SearchStore, indexWords } from '../search'
import { INSERT_COLUMNS, SEARCH_COLUMNS, type SearchRow, entryValues, toSearchHit } from '../rows/searchRows'
import { type Queryable, all, first, run, transaction } from './db'

const COLUMNS = `${INSERT_COLUMNS}, words, who_words`

/** The index on a generated tsvector ('simple') with a GIN index; ts_rank ranks, the text (weight A) above who (B). */
export class PgSearchStore implements SearchStore {
  constructor(private readonly pool: Pool) {}

  private async putAll(client: Queryable, entries: readonly SearchEntry[]): Promise<void> {
    // One statement per 500 entries: a whole draft's rebuild is a few round trips.
    for (let i = 0; i < entries.length; i += 500) {
      const chunk = entries.slice(i, i + 500)
      const params: unknown[] = []
      const rows = chunk.map((entry) => {
        const words = indexWords(entry)
        const values = [...entryValues(entry), words.text, words.who]
        const base = params.length
        params.push(...values)
        return `(${values.map((_, k) => `$${base + k + 1}`).join(', ')})`
      })
      await run(
        client,
        `INSERT INTO search_entries (${COLUMNS}) VALUES ${rows.join(', ')}
         ON CONFLICT (draft_id, key) DO UPDATE SET ${COLUMNS.split(', ').map((c) => `${c} = excluded.${c}`).join(', ')}`,
        params,
      )
    }
  }

  async put(entries: readonly SearchEntry[]): Promise<void> {
    // The same key twice in one statement would be refused by ON CONFLICT: the last one wins, as in SQLite.
    const byKey = new Map(entries.map((e) => [`${e.draftId}\u0000${e.key}`, e]))
    await transaction(this.pool, (client) => this.putAll(client, [...byKey.values()]))
  }

  async remove(draftId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return
    await run(this.pool, 'DELETE FROM search_entries WHERE draft_id = $1 AND key = ANY($2::text[])', [draftId, [...keys]])
  }

  async relabel(draftId: string, labels: readonly { readonly clauseId: string; readonly label: string }[]): Promise<void> {
    if (labels.length === 0) return
    await run(
      this.pool,
      `UPDATE search_entries e SET label = t.label FROM unnest($2::text[], $3::text[]) AS t(clause_id, label)
       WHERE e.draft_id = $1 AND e.clause_id = t.clause_id AND e.source <> 'revision' AND e.label <> t.label`,
      [draftId, labels.map((l) => l.clauseId), labels.map((l) => l.label)],
    )
  }

  async replaceDraft(draftId: string, entries: readonly SearchEntry[]): Promise<void> {
    const byKey = new Map(entries.map((e) => [e.key, { ...e, draftId }]))
    await transaction(this.pool, async (client) => {
      await run(client, 'DELETE FROM search_entries WHERE draft_id = $1', [draftId])
      await this.putAll(client, [...byKey.values()])
      await run(
        client,
        'INSERT INTO search_drafts (draft_id, indexed_at) VALUES ($1, $2) ON CONFLICT (draft_id) DO UPDATE SET indexed_at = excluded.indexed_at',
        [draftId, new Date().toISOString()],
      )
    })
  }

  async unindexed(draftIds: readonly string[]): Promise<string[]> {
    if (draftIds.length === 0) return []
    const marked = await all<{ draft_id: string }>(this.pool, 'SELECT draft_id FROM search_drafts WHERE draft_id = ANY($1::text[])', [[...draftIds]])
    const set = new Set(marked.map((r) => r.draft_id))
    return draftIds.filter((id) => !set.has(id))
  }

  async clear(): Promise<void> {
    await transaction(this.pool, async (client) => {
      await run(client, 'DELETE FROM search_entries')
      await run(client, 'DELETE FROM search_drafts')
    })
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    if (query.groupIds.length === 0) return []
    const params: unknown[] = [tsQuery(query.query), [...query.groupIds]]
    const where: string[] = ['e.tsv @@ q.q', 'd.group_id = ANY($2::text[])']
    const param = (value: unknown): string => {
      params.push(value)
      return `$${params.length}`
    }
    if (query.draftId !== undefined) where.push(`e.draft_id = ${param(query.draftId)}`)
    if (query.kinds && query.kinds.length > 0) where.push(`e.kind = ANY(${param([...query.kinds])}::text[])`)
    if (query.stateCode !== undefined) where.push(`e.state_code = ${param(query.stateCode)}`)
    const phrase = query.query.phrase
    const exact = phrase ? `(e.tsv @@ to_tsquery('simple', ${param(tsPhrase(phrase))}))` : 'false'
    const limit = param(query.limit)
    // Ranked and cut to the limit on narrow rows first; only the rows kept are read whole (bodies are long).
    const sql = `WITH top AS (
        SELECT e.id AS id, ${exact} AS exact, ts_rank(e.tsv, q.q) AS r, e.at AS at
        FROM search_entries e JOIN drafts d ON d.id = e.draft_id, to_tsquery('simple', $1) AS q(q)
        WHERE ${where.join(' AND ')}
        ORDER BY exact DESC, r DESC, at DESC, id LIMIT ${limit})
      SELECT ${SEARCH_COLUMNS}, top.exact AS exact FROM top JOIN search_entries e ON e.id = top.id
      ORDER BY top.exact DESC, top.r DESC, top.at DESC, top.id`
    const rows = await all<SearchRow>(this.pool, sql, params)
    return rows.map(toSearchHit)
  }

  async size(): Promise<SearchIndexSize> {
    const row = await first<{ n: number; b: number }>(
      this.pool,
      "SELECT (SELECT COUNT(*) FROM search_entries) AS n, pg_total_relation_size('search_entries') + pg_total_relation_size('search_drafts') AS b",
    )
    return { entries: row?.n ?? 0, bytes: row?.b ?? 0 }
  }
}
