import fs from 'node:fs'
import os from 'node:os'
import { parseArgs } from 'node:util'
import type { Scenario } from './lib/context'
import { Processes } from './lib/processes'
import { type Row, figures, table, verdict } from './lib/results'
import { capacity } from './scenarios/capacity'
import { coldOpen } from './scenarios/coldOpen'
import { diff } from './scenarios/diff'
import { durable } from './scenarios/durable'
import { editorOpen } from './scenarios/editorOpen'
import { fanout } from './scenarios/fanout'
import { floor } from './scenarios/floor'
import { guard } from './scenarios/guard'
import { history } from './scenarios/history'
import { joinStorm } from './scenarios/joinStorm'
import { memory } from './scenarios/memory'
import { presence } from './scenarios/presence'
import { report } from './scenarios/report'
import { scaleout } from './scenarios/scaleout'
import { search } from './scenarios/search'
import { wordImport } from './scenarios/wordImport'

const SCENARIOS: readonly Scenario[] = [floor, fanout, presence, joinStorm, coldOpen, durable, capacity, memory, scaleout, diff, history, search, report, editorOpen, guard, wordImport]

const USAGE = `npm run bench -- [--quick] [--json FILE] [--only NAME[,NAME…]]
  --quick   shorter windows (and fewer cold-open updates); finishes within a minute
  --json    also write every figure as [{name, value, unit}] to FILE
  --only    run only these scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}`

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${os.availableParallelism()} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`
}

// Other work on the machine shows in every figure: the load average is printed with them.
const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ')

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, json: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', default: false } },
    strict: true,
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean)
  const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? []
  if (unknown.length > 0) {
    console.error(`unknown scenario: ${unknown.join(', ')}\n${USAGE}`)
    return 2
  }
  const selected = SCENARIOS.filter((s) => !only || only.includes(s.name))
  const processes = new Processes()
  const stopNow = (signal: string) => {
    processes.cleanup()
    console.error(`\n${signal}: stopped`)
    process.exit(130)
  }
  process.on('SIGINT', () => stopNow('SIGINT'))
  process.on('SIGTERM', () => stopNow('SIGTERM'))
  process.on('exit', () => processes.cleanup())

  const started = performance.now()
  const ctx = { processes, quick: values.quick, log: (m: string) => console.error(`  [${((performance.now() - started) / 1000).toFixed(1)}s] ${m}`) }
  const loadBefore = load()
  console.error(`Provisio benchmarks${values.quick ? ' (--quick)' : ''}: ${machine()}; load average ${loadBefore}`)
  const rows: Row[] = []
  const failures: string[] = []
  for (const scenario of selected) {
    try {
      rows.push(...(await scenario.run(ctx)))
    } catch (error) {
      failures.push(`${scenario.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      console.error(`scenario ${scenario.name} failed:`, error)
    } finally {
      processes.cleanup()
    }
  }
  const seconds = (performance.now() - started) / 1000
  console.log(`\nProvisio benchmarks — ${new Date().toISOString()}${values.quick ? ' — --quick: shorter windows, one round, a 10,000-update cold-open log' : ''}`)
  console.log(`machine: ${machine()}`)
  console.log(`load average (1, 5, 15 min): ${loadBefore} at the start, ${load()} at the end\n`)
  console.log(table(rows))
  const missed = rows.filter((r) => verdict(r) === 'MISS').length
  const passed = rows.filter((r) => verdict(r) === 'PASS').length
  console.log(`\ntargets: ${passed} pass, ${missed} miss; ${seconds.toFixed(1)} s`)
  if (values.json) {
    fs.writeFileSync(values.json, `${JSON.stringify(figures(rows), null, 2)}\n`)
    console.log(`figures written to ${values.json}`)
  }
  for (const f of failures) console.error(`FAILED ${f}`)
  return failures.length > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
