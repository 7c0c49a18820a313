import type { DraftDetail, DraftSummary } from '../../../shared/api'
import { api, draftUrl } from './http'

export interface NewDraft {
  readonly title: string
  readonly clauses: readonly { readonly kind: 'preamble' | 'article'; readonly heading: string; readonly text: string }[]
}

export const draftsApi = {
  list: () => api<{ drafts: DraftSummary[] }>('/api/drafts').then((r) => r.drafts),
  get: (draftId: string) => api<{ draft: DraftDetail }>(draftUrl(draftId)).then((r) => r.draft),
  create: (draft: NewDraft) => api<{ draft: DraftDetail }>('/api/drafts', { method: 'POST', body: draft }).then((r) => r.draft),
}
