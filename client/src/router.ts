import { useSyncExternalStore } from 'react'

const NAVIGATE = 'provisio:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE, onChange)
  }
}

/** The current path; re-renders on back/forward and on navigate(). */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}

/** The current query string ("?q=…"); re-renders when it changes. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search)
}

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return
  window.history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE))
}

/** The views of one draft: its text (the workspace), and pages beside it. */
export const DRAFT_VIEWS = ['text', 'history', 'positions', 'dashboard', 'revisions', 'reports'] as const
export type DraftView = (typeof DRAFT_VIEWS)[number]

export type Route =
  | { name: 'drafts' }
  | { name: 'search' }
  | { name: 'draft'; draftId: string; view: DraftView }
  | { name: 'present'; draftId: string; meetingId: string }
  | { name: 'not-found' }

export function draftPath(draftId: string, view: DraftView = 'text'): string {
  return view === 'text' ? `/drafts/${draftId}` : `/drafts/${draftId}/${view}`
}

/** A meeting's presenter view, for the room's projector (issue 19). */
export function presenterPath(draftId: string, meetingId: string): string {
  return `/drafts/${draftId}/meetings/${meetingId}/present`
}

export function matchRoute(path: string): Route {
  if (path === '/' || path === '/drafts') return { name: 'drafts' }
  if (path === '/search') return { name: 'search' }
  const present = /^\/drafts\/([A-Za-z0-9_-]{1,64})\/meetings\/([A-Za-z0-9_-]{1,64})\/present\/?$/.exec(path)
  if (present?.[1] && present[2]) return { name: 'present', draftId: present[1], meetingId: present[2] }
  const draft = /^\/drafts\/([A-Za-z0-9_-]{1,64})(?:\/([a-z]+))?\/?$/.exec(path)
  const view = (draft?.[2] ?? 'text') as DraftView
  if (draft?.[1] && DRAFT_VIEWS.includes(view)) return { name: 'draft', draftId: draft[1], view }
  return { name: 'not-found' }
}
