import type { MeResponse } from '../../../shared/api'
import { api } from './http'

export const sessionApi = {
  // GET /api/session answers 200 when signed out too (no 401 in the console of a first visit).
  current: () => api<{ me: MeResponse | null }>('/api/session').then((r) => r.me),
  /** `code`: the second factor, for accounts that have one (the server answers 401 totp_required without it). */
  signIn: (username: string, password: string, code?: string) =>
    api<{ totpSetupRequired: boolean }>('/api/session', { method: 'POST', body: { username, password, ...(code && { code }) } }),
  signOut: () => api('/api/session', { method: 'DELETE' }),
}
