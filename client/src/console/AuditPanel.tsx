import { useEffect, useState } from 'react'
import { formatDate } from '../../../shared/dates'
import { type AuditFilter, type AuditRow, consoleApi } from '../api/console'
import { errorMessage } from '../api/http'

/** The audit log of the secretariat's groups: who, what, when; and the same as CSV. */
export function AuditPanel() {
  const [filter, setFilter] = useState<AuditFilter>({})
  const [entries, setEntries] = useState<AuditRow[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    consoleApi.audit(filter).then(
      (rows) => {
        setEntries(rows)
        setError(null)
      },
      (e: unknown) => setError(errorMessage(e, 'Could not load the audit log.')),
    )
  }, [filter])
  const set = (key: keyof AuditFilter, value: string) => setFilter({ ...filter, [key]: value || undefined })
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <div className="console-filter" role="search" aria-label="Filter the audit log">
        <label>Who (username) <input value={filter.actor ?? ''} onChange={(e) => set('actor', e.target.value)} /></label>
        <label>What (action) <input value={filter.action ?? ''} placeholder="e.g. user.role" onChange={(e) => set('action', e.target.value)} /></label>
        <label>From <input type="date" value={filter.from?.slice(0, 10) ?? ''} onChange={(e) => set('from', e.target.value)} /></label>
        <label>To <input type="date" value={filter.to?.slice(0, 10) ?? ''} onChange={(e) => set('to', e.target.value)} /></label>
        <a href={consoleApi.auditCsvUrl(filter)} download>Export CSV</a>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <table className="console-table">
        <caption className="visually-hidden">Audit entries, newest first</caption>
        <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Who</th><th scope="col">Details</th></tr></thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}><td>{formatDate(e.at)}</td><td>{e.action}</td><td>{e.actorName ?? '–'}</td><td className="console-data">{JSON.stringify(e.data)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
