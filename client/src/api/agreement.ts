import type { SilenceView, StatementKind, StatementView } from '../../../shared/agreementApi'
import type { DraftContent } from '../../../shared/api'
import { api, draftUrl } from './http'

/** Silence procedure and statements on record (README "Silence procedure and statements on record"). */
export const agreementApi = {
  silence: (draftId: string) => api<{ current: SilenceView | null; silences: SilenceView[] }>(`${draftUrl(draftId)}/silence`),
  start: (draftId: string, hours: number) => api<SilenceView>(`${draftUrl(draftId)}/silence`, { method: 'POST', body: { hours } }),
  breakSilence: (draftId: string, reason: string) => api<SilenceView>(`${draftUrl(draftId)}/silence/break`, { method: 'POST', body: { reason } }),
  statements: (draftId: string) => api<{ statements: StatementView[] }>(`${draftUrl(draftId)}/statements`).then((r) => r.statements),
  record: (draftId: string, kind: StatementKind, clauseId: string | null, text: string) =>
    api<StatementView>(`${draftUrl(draftId)}/statements`, { method: 'POST', body: { kind, clauseId, text } }),
  content: (draftId: string) => api<DraftContent>(`${draftUrl(draftId)}/content`),
}
