import { STATEMENT_LABELS } from '../../../shared/agreementApi'
import type { ReportStatement } from '../../../shared/report/types'
import type { Storage } from '../../storage/Storage'
import type { PeopleBook } from './people'

/** The statements on record (issue 16, point 4) as of the report version, each with its clause's label (null: the whole draft). */
export async function reportStatements(storage: Storage, draftId: string, upTo: string, clauseLabel: (id: string) => string | null, people: PeopleBook): Promise<ReportStatement[]> {
  const all = await storage.agreement.listStatements(draftId)
  return all
    .filter((s) => s.at <= upTo)
    .map((s) => ({
      id: s.id,
      clauseId: s.clauseId,
      clauseLabel: s.clauseId ? (clauseLabel(s.clauseId) ?? 'A provision since removed') : null,
      kind: s.kind,
      kindLabel: STATEMENT_LABELS[s.kind],
      state: s.stateCode,
      stateName: people.stateName(s.stateCode),
      text: s.text,
      at: s.at,
    }))
}
