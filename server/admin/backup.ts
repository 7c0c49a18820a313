import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { SqliteStorage } from '../storage/sqlite/SqliteStorage'

/** A consistent copy of the live database (SQLite's online backup: the server may keep running). */
export async function backupDatabase(storage: SqliteStorage, file: string): Promise<number> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  await storage.db.backup(file)
  return fs.statSync(file).size
}

/** Checks that a file is an intact Provisio database before anything is replaced with it. */
export function checkBackup(file: string): void {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`)
  let db: Database.Database | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new Error(`The backup is damaged: ${String(integrity)}`)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migrations', 'drafts', 'users')").all()
    if (tables.length !== 3) throw new Error('This file is not a Provisio database.')
  } catch (error) {
    if (error instanceof Error && /file is not a database|malformed/i.test(error.message)) throw new Error('This file is not a SQLite database.', { cause: error })
    throw error
  } finally {
    db?.close()
  }
}

/**
 * Replaces the database with a backup. Run it with the server stopped: the copy is written beside
 * the database and renamed over it, and the old write-ahead log is removed.
 */
export function restoreDatabase(file: string, databaseFile: string): void {
  checkBackup(file)
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true })
  const temporary = `${databaseFile}.restoring`
  fs.copyFileSync(file, temporary)
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true })
  fs.renameSync(temporary, databaseFile)
}
