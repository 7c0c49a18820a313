import { Suspense, lazy, useCallback, useEffect, useState } from 'react'
import type { MeResponse } from '../../shared/api'
import { ApiError } from './api/http'
import { sessionApi } from './api/session'
import { matchRoute, navigate, usePath } from './router'
import { DraftList } from './screens/DraftList'
import { SignIn } from './screens/SignIn'
import { UserBadge } from './screens/UserBadge'
import { Workspace } from './workspace/Workspace'

// Loaded when first opened: most sessions are spent in the text.
const RevisionsScreen = lazy(() => import('./revisions/RevisionsScreen').then((m) => ({ default: m.RevisionsScreen })))
const ReportsScreen = lazy(() => import('./reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen })))

/** Focuses the page's main content: the clauses of an open draft, or the <main> of other screens. */
function skipToMain(): void {
  const target = document.querySelector<HTMLElement>('#main-text .tiptap, #main-text, main')
  if (!target) return
  if (!target.hasAttribute('tabindex') && !target.isContentEditable) target.setAttribute('tabindex', '-1')
  target.focus()
}

type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; me: MeResponse }

export function App() {
  const [session, setSession] = useState<SessionState>({ status: 'loading' })
  const route = matchRoute(usePath())

  const refresh = useCallback(async () => {
    try {
      const me = await sessionApi.current()
      setSession(me ? { status: 'signed-in', me } : { status: 'signed-out' })
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setSession({ status: 'signed-out' })
      else throw error
    }
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const signOut = async () => {
    await sessionApi.signOut()
    setSession({ status: 'signed-out' })
    navigate('/')
  }

  return (
    <div className="app">
      <header className="topbar">
        {/* The first Tab stop: straight to the text (or the page's main content). */}
        <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); skipToMain() }}>
          Skip to the text
        </a>
        <a className="brand" href="/" onClick={(e) => { e.preventDefault(); navigate('/') }}>
          Provisio
        </a>
        <span className="topbar-end">
          <a className="guide-link" href="/guide">Guide</a>
          {session.status === 'signed-in' && <UserBadge me={session.me} onSignOut={() => void signOut()} />}
        </span>
      </header>
      {session.status === 'loading' && <p className="content muted">Loading…</p>}
      {session.status === 'signed-out' && (
        <main className="content">
          <SignIn onSignedIn={refresh} />
        </main>
      )}
      {session.status === 'signed-in' && route.name === 'drafts' && (
        <main className="content">
          <DraftList me={session.me} />
        </main>
      )}
      {session.status === 'signed-in' && route.name === 'draft' && route.view !== 'revisions' && route.view !== 'reports' && <Workspace key={route.draftId} draftId={route.draftId} me={session.me} view={route.view} />}
      <Suspense fallback={<p className="content muted">Loading…</p>}>
        {session.status === 'signed-in' && route.name === 'draft' && route.view === 'revisions' && <RevisionsScreen key={route.draftId} draftId={route.draftId} me={session.me} />}
        {session.status === 'signed-in' && route.name === 'draft' && route.view === 'reports' && <ReportsScreen key={route.draftId} draftId={route.draftId} me={session.me} />}
      </Suspense>
      {session.status === 'signed-in' && route.name === 'not-found' && (
        <main className="content">
          <p>Nothing here. <button type="button" className="link-button" onClick={() => navigate('/')}>Back to drafts</button></p>
        </main>
      )}
    </div>
  )
}
