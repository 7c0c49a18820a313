import { useEffect, useRef } from 'react'
import { useLocationSearch } from '../router'

/**
 * What a link into the text points at (`?clause=C`, `&thread=T`, as search results link): once the
 * clause is rendered, it is scrolled to and focused, and the thread opened. Once per link.
 */
export function useLinkTarget(ready: boolean, jump: (clauseId: string) => void, showThreads: (clauseId: string, threadId: string | null) => void): void {
  const search = useLocationSearch()
  const done = useRef<string | null>(null)
  useEffect(() => {
    if (!ready || done.current === search) return
    const params = new URLSearchParams(search)
    const clauseId = params.get('clause')
    if (!clauseId || !document.getElementById(`clause-${clauseId}`)) return
    done.current = search
    jump(clauseId)
    const threadId = params.get('thread')
    if (threadId) showThreads(clauseId, threadId)
  }, [ready, search, jump, showThreads])
}
