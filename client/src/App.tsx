import { Suspense, lazy, useCallback, useEffect, useState } from 'react'
import type { MeResponse } from '../../shared/api'
import { ApiError } from './api/http'
import { sessionApi } from './api/session'
import { matchRoute, navigate, usePath } from './router'
import { DraftList } from './screens/DraftList'
import { SearchBox } from './screens/SearchBox'
import { SearchScreen } from './screens/SearchScreen'
import { SignIn } from './screens/SignIn'
import { UserBadge } from './screens/UserBadge'
import { Workspace } from './workspace/Workspace'
import { SetPasswordScreen } from './account/LinkScreens'
import { accountRouteOf } from './console/routes'
import { Bell } from './notifications/Bell'

// Loaded when first opened: most sessions are spent in the text.
const RevisionsScreen = lazy(() => import('./revisions/RevisionsScreen').then((m) => ({ default: m.RevisionsScreen })))
const ConsoleScreen = lazy(() => import('./console/ConsoleScreen').then((m) => ({ default: m.ConsoleScreen })))
const AccountScreen = lazy(() => import('./account/AccountScreen').then((m) => ({ default: m.AccountScreen })))
const ReportsScreen = lazy(() => import('./reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen })))
const PresenterScreen = lazy(() => import('./meeting/PresenterScreen').then((m) => ({ default: m.PresenterScreen })))

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
  const path = usePath()
  const route = matchRoute(path)
  // The console, the account and the one-time link pages (issue 18).
  const mine = accountRouteOf(path)
  const linkPage = mine === 'invitation' || mine === 'reset' ? mine : null

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
          {session.status === 'signed-in' && <SearchBox />}
          {session.status === 'signed-in' && <Bell />}
          {session.status === 'signed-in' && session.me.user.role === 'secretariat' && <a className="guide-link" href="/console" onClick={(e) => { e.preventDefault(); navigate('/console') }}>Console</a>}
          {session.status === 'signed-in' && <a className="guide-link" href="/account" onClick={(e) => { e.preventDefault(); navigate('/account') }}>Account</a>}
          <a className="guide-link" href="/guide">Guide</a>
          {session.status === 'signed-in' && <UserBadge me={session.me} onSignOut={() => void signOut()} />}
        </span>
      </header>
      {session.status === 'loading' && <p className="content muted">Loading…</p>}
      {session.status !== 'loading' && linkPage && <SetPasswordScreen kind={linkPage} />}
      {session.status === 'signed-out' && !linkPage && (
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
        {session.status === 'signed-in' && route.name === 'present' && <PresenterScreen key={route.meetingId} draftId={route.draftId} meetingId={route.meetingId} me={session.me} />}
        {session.status === 'signed-in' && mine === 'console' && <ConsoleScreen />}
        {session.status === 'signed-in' && mine === 'account' && <AccountScreen />}
      </Suspense>
      {session.status === 'signed-in' && route.name === 'search' && <SearchScreen />}
      {session.status === 'signed-in' && route.name === 'not-found' && !mine && (
        <main className="content">
          <p>Nothing here. <button type="button" className="link-button" onClick={() => navigate('/')}>Back to drafts</button></p>
        </main>
      )}
    </div>
  )
}
