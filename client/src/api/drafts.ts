import type { DraftDetail, DraftSummary } from '../../../shared/api'
import { api } from './http'

export const listDrafts = () => api<{ drafts: DraftSummary[] }>('/api/drafts').then((r) => r.drafts)
export const getDraft = (id: string) => api<{ draft: DraftDetail }>(`/api/drafts/${encodeURIComponent(id)}`).then((r) => r.draft)

export interface NewDraft {
  readonly title: string
  readonly clauses: readonly { readonly kind: 'preamble' | 'article'; readonly heading: string; readonly text: string }[]
}
export const createDraft = (draft: NewDraft) => api<{ draft: DraftDetail }>('/api/drafts', { method: 'POST', body: draft }).then((r) => r.draft)
