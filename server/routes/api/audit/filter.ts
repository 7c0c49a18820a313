import type { AppContext } from '../../../context'
import type { AuditEntry } from '../../../storage/Storage'
import type { AuditQuery } from './schema'

const PAGE = 1000
/** At most this many entries are read for one filtered answer (the newest first). */
const MAX_SCANNED = 50_000

/** The reader's scoped audit entries matching who, what and when, newest first, at most `query.limit`. */
export async function filteredAudit(ctx: AppContext, groupIds: readonly string[], query: AuditQuery): Promise<AuditEntry[]> {
  const actor = query.actor?.toLowerCase()
  const simple = !actor && !query.from && !query.to
  const found: AuditEntry[] = []
  let before = query.before
  for (let scanned = 0; scanned < MAX_SCANNED; scanned += PAGE) {
    const page = await ctx.storage.access.listScopedAudit({ groupIds, limit: simple ? query.limit : PAGE, ...(query.action && { action: query.action }), ...(before && { before }) })
    if (simple) return page
    for (const entry of page) {
      if (query.from && entry.at < query.from) return found
      if (query.to && entry.at >= query.to) continue
      if (actor && entry.actorName?.toLowerCase() !== actor) continue
      found.push(entry)
      if (found.length >= query.limit) return found
    }
    if (page.length < PAGE) return found
    before = page.at(-1)?.id
  }
  return found
}

const CSV_COLUMNS = ['id', 'at', 'action', 'actorName', 'target', 'address', 'data'] as const

/** One CSV field: quoted, quotes doubled; a leading = + - @ is prefixed with ' so spreadsheets never run it as a formula. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return `"${safe.replace(/"/g, '""')}"`
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => CSV_COLUMNS.map((c) => field(c === 'data' ? JSON.stringify(e.data) : String(e[c] ?? ''))).join(','))
  return `${CSV_COLUMNS.join(',')}\r\n${rows.map((r) => `${r}\r\n`).join('')}`
}
