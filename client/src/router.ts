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

export function navigate(path: string): void {
  if (path === window.location.pathname) return
  window.history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE))
}

export type Route = { name: 'drafts' } | { name: 'draft'; draftId: string } | { name: 'not-found' }

export function matchRoute(path: string): Route {
  if (path === '/' || path === '/drafts') return { name: 'drafts' }
  const draft = /^\/drafts\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path)
  if (draft?.[1]) return { name: 'draft', draftId: draft[1] }
  return { name: 'not-found' }
}
