import fs from 'node:fs'
import path from 'node:path'

/** The file a process holds while it uses the SQLite database of a data folder (its pid inside). */
export const lockFile = (dataDir: string): string => path.join(dataDir, 'provisio.lock')

export class LockHeldError extends Error {
  constructor(
    readonly pid: number,
    file: string,
  ) {
    super(`The database is in use by process ${pid} (${file}): stop the server first.`)
    this.name = 'LockHeldError'
  }
}

export interface ServerLock {
  readonly file: string
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void
}

/** Whether a process with this pid is alive (EPERM: alive, another user's). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10)
    return Number.isNaN(pid) ? null : pid
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** The pid of the live process holding the data folder's lock, or null (no lock, or a stale one). */
export function lockHolder(dataDir: string): number | null {
  const pid = readPid(lockFile(dataDir))
  return pid !== null && processAlive(pid) ? pid : null
}

/**
 * Takes the data folder's lock: creates `provisio.lock` exclusively with this process's pid. A lock
 * left by a dead process (kill -9, power loss) is taken over; one held by a live process (this one
 * included) throws LockHeldError.
 */
export function acquireLock(dataDir: string): ServerLock {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = lockFile(dataDir)
  const mine = String(process.pid)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${mine}\n`, { flag: 'wx' })
      let released = false
      return {
        file,
        release() {
          if (released) return
          released = true
          if (readPid(file) === process.pid) fs.rmSync(file, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const pid = readPid(file)
    if (pid !== null && processAlive(pid)) throw new LockHeldError(pid, file)
    // Stale (or empty, written by a process that died at once): move it aside, then try again.
    const aside = `${file}.stale-${process.pid}`
    try {
      fs.renameSync(file, aside)
      fs.rmSync(aside, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  const pid = readPid(file) ?? 0
  throw new LockHeldError(pid, file)
}
