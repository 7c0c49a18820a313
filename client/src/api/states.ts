import { api } from './http'

export interface MemberState {
  readonly code: string
  readonly name: string
}

export const statesApi = {
  list: () => api<{ states: MemberState[] }>('/api/member-states').then((r) => r.states),
}
