import type { SearchKindValue, SearchResponse } from '../../../shared/search/api'
import { api } from './http'

export interface SearchParams {
  readonly q: string
  readonly kind?: SearchKindValue | undefined
  readonly draft?: string | undefined
  readonly state?: string | undefined
}

export const searchApi = {
  search: (params: SearchParams, signal?: AbortSignal) => {
    const query = new URLSearchParams({ q: params.q })
    if (params.kind) query.set('kind', params.kind)
    if (params.draft) query.set('draft', params.draft)
    if (params.state) query.set('state', params.state)
    return api<SearchResponse>(`/api/search?${query.toString()}`, signal ? { signal } : {})
  },
}
