import type { MeResponse } from '../../../shared/api'
import { api } from './http'

export const sessionApi = {
  // GET /api/session answers 200 when signed out too (no 401 in the console of a first visit).
  current: () => api<{ me: MeResponse | null }>('/api/session').then((r) => r.me),
  signIn: (username: string, password: string) => api('/api/session', { method: 'POST', body: { username, password } }),
  signOut: () => api('/api/session', { method: 'DELETE' }),
}
