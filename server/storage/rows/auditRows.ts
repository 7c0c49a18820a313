import type { AuditEntry } from '../Storage'

/** An `audit_log` row: `data` is JSON text on SQLite, already parsed (jsonb) on PostgreSQL. */
export interface AuditRow {
  readonly id: number
  readonly at: string
  readonly action: string
  readonly group_id: string | null
  readonly actor_id: string | null
  readonly actor_name: string | null
  readonly target: string | null
  readonly address: string | null
  readonly data: string | Record<string, unknown>
}

export const AUDIT_COLUMNS = 'id, at, action, group_id, actor_id, actor_name, target, address, data'

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  action: r.action,
  groupId: r.group_id,
  actorId: r.actor_id,
  actorName: r.actor_name,
  target: r.target,
  address: r.address,
  data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
})
