import { useState } from 'react'
import { navigate } from '../router'

/** The search path for a query (the results screen reads it back from the address). */
export const searchPath = (q: string, kind = ''): string => `/search?${new URLSearchParams(kind ? { q, kind } : { q }).toString()}`

/** The one search box in the header: every draft of the user's working groups. */
export function SearchBox() {
  const [q, setQ] = useState(() => (window.location.pathname === '/search' ? (new URLSearchParams(window.location.search).get('q') ?? '') : ''))
  return (
    <form
      className="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault()
        if (q.trim()) navigate(searchPath(q.trim()))
      }}
    >
      <input type="search" aria-label="Search drafts, comments and history" placeholder="Search…" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
      <button type="submit" className="small">Search</button>
    </form>
  )
}
