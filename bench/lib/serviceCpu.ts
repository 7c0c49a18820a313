import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

/**
 * A diagnostic: the CPU time of the local PostgreSQL and Redis processes (every process named
 * `postgres` or `redis-server` on this machine, from /proc), so that a scenario can say what the
 * database and the bus cost beside our servers. Null where /proc is not there. It counts whatever
 * else those servers do meanwhile (another test run's queries too), and nothing of remote servers.
 */
const NAMES = new Set(['postgres', 'redis-server'])

let ticksPerSecond: number | null = null
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** CPU time so far (user + system, µs) of each local database and Redis process, by pid; null without /proc. */
export function serviceCpu(): Map<number, number> | null {
  let entries: string[]
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))
  } catch {
    return null
  }
  const perTick = 1e6 / clockTicks()
  const cpu = new Map<number, number>()
  for (const pid of entries) {
    let stat: string
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue // exited meanwhile
    }
    // pid (comm) state ppid … utime stime: fields 14 and 15, counted after the closing parenthesis.
    const open = stat.indexOf('(')
    const close = stat.lastIndexOf(')')
    if (!NAMES.has(stat.slice(open + 1, close))) continue
    const fields = stat.slice(close + 2).split(' ')
    cpu.set(Number(pid), (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * perTick)
  }
  return cpu
}

/**
 * The CPU those processes spent since `before` (µs): per pid, so that a connection's backend that
 * ended meanwhile takes nothing away (what it spent in the window is lost: a slight undercount).
 */
export function serviceCpuSince(before: Map<number, number> | null): number | null {
  const after = serviceCpu()
  if (!before || !after) return null
  let sum = 0
  for (const [pid, us] of after) sum += us - (before.get(pid) ?? 0)
  return sum
}
