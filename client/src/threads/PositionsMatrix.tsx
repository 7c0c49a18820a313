import type { PositionsResponse } from '../../../shared/threadsApi'
import type { ClauseSummary } from '../draft/hooks'
import { threadsApi } from '../api/threads'
import { STANCE_LABEL } from './PositionControl'
import { useLiveResource } from '../draft/useDraftEvents'

/** States × clauses, coloured by stance (with a letter too, for print and colour-blind readers). */
export function PositionsMatrix({ draftId, clauses, version }: { draftId: string; clauses: readonly ClauseSummary[]; version: number }) {
  const { data, error } = useLiveResource<PositionsResponse>(() => threadsApi.positions(draftId), version, [draftId])
  if (error) return <p className="error" role="alert">{error}</p>
  if (!data) return <p className="muted">Loading positions…</p>
  const states = [...new Set(data.positions.map((p) => p.state))].sort()
  const cell = (clauseId: string, state: string) => data.positions.find((p) => p.clauseId === clauseId && p.state === state)
  return (
    <section className="page" aria-labelledby="positions-title">
      <h1 id="positions-title">Positions</h1>
      <p className="legend">
        {(Object.keys(STANCE_LABEL) as (keyof typeof STANCE_LABEL)[]).map((s) => (
          <span key={s} className={`stance stance-${s}`}>{STANCE_LABEL[s]}</span>
        ))}
      </p>
      {states.length === 0 ? (
        <p className="muted">No State has recorded a position yet.</p>
      ) : (
        <div className="matrix-scroll">
          <table className="matrix">
            <thead>
              <tr>
                <th scope="col">Clause</th>
                {states.map((s) => <th key={s} scope="col">{s}</th>)}
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {clauses.map((clause) => (
                <tr key={clause.id}>
                  <th scope="row">{clause.label}</th>
                  {states.map((state) => {
                    const p = cell(clause.id, state)
                    return (
                      <td key={state} className={p ? `stance stance-${p.stance}` : 'stance-empty'} title={p ? `${state}: ${STANCE_LABEL[p.stance]}${p.statement ? ` — ${p.statement}` : ''}` : `${state}: no position`}>
                        {p ? STANCE_LABEL[p.stance][0] : ''}
                      </td>
                    )
                  })}
                  <td className="summary">{data.consensus.find((c) => c.clauseId === clause.id)?.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
