import type { DraftHealth } from '../Storage'

/** A `draft_health` row, as both SQLite and PostgreSQL return it. */
export interface DraftHealthRow {
  // bigint columns: PostgreSQL hands them over as strings.
  readonly bytes: number | string
  readonly items: number | string
  readonly measured_at: string | null
  readonly damage: string | null
  readonly damaged_at: string | null
}

export function toDraftHealth(row: DraftHealthRow): DraftHealth {
  return { bytes: Number(row.bytes), items: Number(row.items), measuredAt: row.measured_at, damage: row.damage, damagedAt: row.damaged_at }
}

export const HEALTH_COLUMNS = 'bytes, items, measured_at, damage, damaged_at'
