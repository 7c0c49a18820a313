import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS, migrate } from '../storage/sqlite/migrate'
import { acquireLock } from '../storage/sqlite/serverLock'
import type { SqliteStorage } from '../storage/sqlite/SqliteStorage'

/** A consistent copy of the live database (SQLite's online backup: the server may keep running). */
export async function backupDatabase(storage: SqliteStorage, file: string): Promise<number> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  await storage.db.backup(file)
  return fs.statSync(file).size
}

interface Schema {
  /** Table name → its column names, in order. */
  readonly tables: ReadonlyMap<string, readonly string[]>
  readonly triggers: ReadonlySet<string>
  readonly versions: readonly number[]
}

function readSchema(db: Database.Database): Schema {
  const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite_%'").all() as { type: string; name: string }[]
  const tables = new Map<string, string[]>()
  const triggers = new Set<string>()
  for (const { type, name } of objects) {
    if (type === 'trigger') triggers.add(name)
    else tables.set(name, (db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]).map((c) => c.name))
  }
  const versions = tables.has('schema_migrations')
    ? (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version)
    : []
  return { tables, triggers, versions }
}

let expectedSchema: Schema | null = null
/** The schema this version of Provisio makes: every migration applied to an empty database. */
function expected(): Schema {
  if (expectedSchema) return expectedSchema
  const db = new Database(':memory:')
  try {
    migrate(db)
    expectedSchema = readSchema(db)
    return expectedSchema
  } finally {
    db.close()
  }
}

/**
 * Checks that a file is an intact Provisio database of this version before anything is replaced
 * with it: `PRAGMA integrity_check` ok, the same migrations applied as ours, and every table (with
 * all its columns) and trigger ours has.
 */
export function checkBackup(file: string): void {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`)
  let db: Database.Database | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new Error(`The backup is damaged: ${String(integrity)}`)
    const found = readSchema(db)
    const ours = expected()
    if (!found.tables.has('schema_migrations') || !found.tables.has('drafts') || !found.tables.has('users')) throw new Error('This file is not a Provisio database.')
    const latest = MIGRATIONS.at(-1)?.version ?? 0
    const theirs = found.versions.at(-1) ?? 0
    if (found.versions.join(',') !== ours.versions.join(',')) {
      throw new Error(
        theirs > latest
          ? `The backup is from a newer Provisio (schema version ${theirs}; this one knows up to ${latest}).`
          : `The backup's schema version is ${theirs} (migrations ${found.versions.join(', ') || 'none'}), this Provisio's is ${latest}: it is not a complete Provisio database of this version.`,
      )
    }
    for (const [table, columns] of ours.tables) {
      const present = found.tables.get(table)
      if (!present) throw new Error(`The backup has no table ${table}: it is not a complete Provisio database.`)
      const missing = columns.filter((c) => !present.includes(c))
      if (missing.length > 0) throw new Error(`The backup's table ${table} lacks the column(s) ${missing.join(', ')}.`)
    }
    const triggers = [...ours.triggers].filter((t) => !found.triggers.has(t))
    if (triggers.length > 0) throw new Error(`The backup lacks the trigger(s) ${triggers.join(', ')}.`)
  } catch (error) {
    if (error instanceof Error && /file is not a database|malformed/i.test(error.message)) throw new Error('This file is not a SQLite database.', { cause: error })
    throw error
  } finally {
    db?.close()
  }
}

export interface RestoreOutcome {
  /** Where the database that was replaced now is (`provisio.sqlite.replaced-<time>`), or null if there was none. */
  readonly replaced: string | null
}

/** `2030-01-02T03-04-05-678Z`: an ISO time usable in a file name everywhere. */
const fileTime = (now: Date): string => now.toISOString().replace(/[:.]/g, '-')

/**
 * Replaces the database with a backup. Refused (LockHeldError) while a server holds the data
 * folder's lock; the restore holds it itself meanwhile, so no server starts half way. The old
 * database is checkpointed (its write-ahead log folded in) and kept as
 * `provisio.sqlite.replaced-<time>` beside the new one.
 */
export function restoreDatabase(file: string, databaseFile: string, now = new Date()): RestoreOutcome {
  checkBackup(file)
  const dataDir = path.dirname(databaseFile)
  const lock = acquireLock(dataDir)
  try {
    const temporary = `${databaseFile}.restoring`
    fs.copyFileSync(file, temporary)
    let replaced: string | null = null
    if (fs.existsSync(databaseFile)) {
      const old = new Database(databaseFile, { fileMustExist: true })
      try {
        old.pragma('wal_checkpoint(TRUNCATE)')
      } finally {
        old.close()
      }
      replaced = `${databaseFile}.replaced-${fileTime(now)}`
      fs.renameSync(databaseFile, replaced)
    }
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true })
    fs.renameSync(temporary, databaseFile)
    return { replaced }
  } finally {
    lock.release()
  }
}
