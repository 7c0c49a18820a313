import type { DashboardResponseBody } from '../../../shared/dashboardApi'
import { api, draftUrl } from '../api/http'
import { useLiveResource } from '../draft/useDraftEvents'
import { STATUS_LABEL } from '../workspace/StatusControl'
import { BracketChart } from './BracketChart'

/** The negotiation dashboard: clauses (status, brackets, suggestions, holds), who answered each round, brackets over time. */
export function DashboardView({ draftId, version }: { draftId: string; version: number }) {
  const { data, error } = useLiveResource<DashboardResponseBody>(() => api<DashboardResponseBody>(`${draftUrl(draftId)}/dashboard`), version, [draftId])
  if (error) return <p className="error" role="alert">{error}</p>
  if (!data) return <p className="muted">Loading the dashboard…</p>
  const { totals } = data
  return (
    <section className="page dashboard" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Negotiation dashboard</h1>
      <p>
        {totals.agreed} of {totals.clauses} clauses agreed · {totals.brackets} brackets · {totals.openSuggestions} open suggestions · {totals.holds} ad referendum holds
        {totals.overdueHolds > 0 && <strong> ({totals.overdueHolds} overdue)</strong>}
      </p>
      <h2>Clauses</h2>
      <table className="dashboard-clauses">
        <thead>
          <tr><th scope="col">Clause</th><th scope="col">Status</th><th scope="col">Brackets</th><th scope="col">Open suggestions</th><th scope="col">Ad referendum</th></tr>
        </thead>
        <tbody>
          {data.clauses.map((c) => (
            <tr key={c.clauseId}>
              <th scope="row">{c.label}{c.heading && ` — ${c.heading}`}</th>
              <td><span className={`status-badge status-${c.status}`}>{STATUS_LABEL[c.status]}</span>{c.locked && ' 🔒'}</td>
              <td>{c.brackets}</td>
              <td>{c.openSuggestions}</td>
              <td>
                {c.holds.map((h) => (
                  <span key={h.stateCode} className={h.overdue ? 'hold overdue' : 'hold'}>
                    {h.stateCode}{h.expectedBy && ` by ${h.expectedBy}`}{h.overdue && ' (overdue)'}{' '}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Comment rounds</h2>
      {data.rounds.length === 0 && <p className="muted">No comment round yet.</p>}
      {data.rounds.map((r) => (
        <section key={r.id} aria-label={`Responses to ${r.name}`}>
          <h3>{r.name} ({r.status}): {r.responded} responded, {r.silent} did not</h3>
          <details open={r.silent > 0 && r.silent <= 50}>
            <summary>Did not respond ({r.silent})</summary>
            <ul className="silent-states" aria-label={`Did not respond to ${r.name}`}>
              {r.states.filter((s) => !s.responded).map((s) => <li key={s.stateCode}>{s.name}</li>)}
            </ul>
          </details>
          <details>
            <summary>Responded ({r.responded})</summary>
            <ul aria-label={`Responded to ${r.name}`}>
              {r.states.filter((s) => s.responded).map((s) => (
                <li key={s.stateCode}>{s.name}: {s.comments} comments, {s.suggestions} suggestions, {s.positions} positions</li>
              ))}
            </ul>
          </details>
        </section>
      ))}
      <h2>Brackets over time</h2>
      <BracketChart points={data.brackets} />
    </section>
  )
}
