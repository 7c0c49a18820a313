import type { SuggestionStatus, SuggestionView } from '../../../shared/suggestionsApi'
import { api, draftUrl } from './http'

export interface SuggestionFilter {
  readonly state?: string
  readonly clause?: string
  readonly status?: SuggestionStatus
}

const one = (draftId: string, suggestionId: string) => `${draftUrl(draftId)}/suggestions/${encodeURIComponent(suggestionId)}`

export const suggestionsApi = {
  list: (draftId: string, filter: SuggestionFilter = {}) => {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString()
    return api<{ suggestions: SuggestionView[] }>(`${draftUrl(draftId)}/suggestions${query ? `?${query}` : ''}`).then((r) => r.suggestions)
  },
  accept: (draftId: string, suggestionId: string) => api<{ suggestion: SuggestionView }>(`${one(draftId, suggestionId)}/accept`, { method: 'POST', body: {} }).then((r) => r.suggestion),
  reject: (draftId: string, suggestionId: string, reason: string) =>
    api<{ suggestion: SuggestionView }>(`${one(draftId, suggestionId)}/reject`, { method: 'POST', body: reason ? { reason } : {} }).then((r) => r.suggestion),
  /** All open suggestions of a clause, or of one State there. */
  decideClause: (draftId: string, clauseId: string, accept: boolean, state: string | null, reason = '') =>
    api<{ suggestions: SuggestionView[] }>(`${draftUrl(draftId)}/clauses/${encodeURIComponent(clauseId)}/suggestions/${accept ? 'accept' : 'reject'}`, {
      method: 'POST',
      body: { ...(state ? { state } : {}), ...(!accept && reason ? { reason } : {}) },
    }).then((r) => r.suggestions),
  withdraw: (draftId: string, suggestionId: string) => api<{ suggestion: SuggestionView }>(`${one(draftId, suggestionId)}/withdraw`, { method: 'POST', body: {} }).then((r) => r.suggestion),
}
