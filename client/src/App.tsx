import { useCallback, useEffect, useState } from 'react'
import type { MeResponse } from '../../shared/api'
import { ApiError, api } from './api/http'
import { DraftList } from './screens/DraftList'
import { SignIn } from './screens/SignIn'
import { UserBadge } from './screens/UserBadge'

type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; me: MeResponse }

export function App() {
  const [session, setSession] = useState<SessionState>({ status: 'loading' })

  const refresh = useCallback(async () => {
    try {
      setSession({ status: 'signed-in', me: await api<MeResponse>('/api/me') })
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setSession({ status: 'signed-out' })
      else throw error
    }
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const signOut = async () => {
    await api('/api/session', { method: 'DELETE' })
    setSession({ status: 'signed-out' })
  }

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Provisio</span>
        {session.status === 'signed-in' && <UserBadge me={session.me} onSignOut={signOut} />}
      </header>
      <main className="content">
        {session.status === 'loading' && <p className="muted">Loading…</p>}
        {session.status === 'signed-out' && <SignIn onSignedIn={refresh} />}
        {session.status === 'signed-in' && <DraftList me={session.me} />}
      </main>
    </div>
  )
}
