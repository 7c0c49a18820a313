import { useCallback, useEffect, useState } from 'react'
import type { SessionView } from '../../../shared/consoleApi'
import { formatDate } from '../../../shared/dates'
import { accountApi } from '../api/console'
import { errorMessage } from '../api/http'

/** The user's sessions and tokens: end any one, or all but this one. */
export function Sessions() {
  const [sessions, setSessions] = useState<SessionView[]>([])
  const [tokens, setTokens] = useState<Awaited<ReturnType<typeof accountApi.tokens>>>([])
  const [message, setMessage] = useState<string | null>(null)
  const load = useCallback(async () => {
    setSessions(await accountApi.sessions())
    setTokens(await accountApi.tokens())
  }, [])
  useEffect(() => void load().catch(() => setMessage('Could not load your sessions.')), [load])
  const run = (work: Promise<unknown>, done: string) => work.then(() => { setMessage(done); return load() }, (e: unknown) => setMessage(errorMessage(e, 'Could not do that.')))
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions and tokens</h2>
      <ul className="console-list">
        {sessions.map((s) => (
          <li key={s.id}>
            Session since {formatDate(s.createdAt)} {s.current ? <strong>(this one)</strong> : <button type="button" className="link-button" onClick={() => void run(accountApi.endSession(s.id), 'Session ended.')}>End session of {formatDate(s.createdAt)}</button>}
          </li>
        ))}
        {tokens.map((t) => (
          <li key={t.id}>
            Token {t.label ?? t.id}, until {formatDate(t.expiresAt)} <button type="button" className="link-button" onClick={() => void run(accountApi.endToken(t.id), 'Token revoked.')}>Revoke {t.label ?? t.id}</button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void run(accountApi.endOthers(), 'Every other session and token has ended.')}>End all other sessions and tokens</button>
      {message && <p role="status">{message}</p>}
    </section>
  )
}
