import type { DraftDetail, DraftSummary } from '../../../shared/api'
import { api } from './http'

export const listDrafts = () => api<{ drafts: DraftSummary[] }>('/api/drafts').then((r) => r.drafts)
export const getDraft = (id: string) => api<{ draft: DraftDetail }>(`/api/drafts/${encodeURIComponent(id)}`).then((r) => r.draft)
