/**
 * The first key of our two-key PostgreSQL advisory locks (`pg_advisory_lock(space, key)`): each kind
 * of lock has a space of its own, the second key is `hashtext(draft id)` (or 0), so locks of
 * different kinds never collide. (Migrations use the one-key form, a separate key space.)
 */
export const LockSpace = {
  /** A draft's log: appends hold it shared, a compaction exclusively. */
  logFence: 1,
  /** One compacting process per draft. */
  compaction: 2,
  /** Start-up work such as loading the demo. */
  setup: 3,
} as const
