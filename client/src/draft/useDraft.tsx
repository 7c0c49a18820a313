import { useEffect, useState } from 'react'
import type { DraftDetail } from '../../../shared/api'
import { draftsApi } from '../api/drafts'
import { ApiError } from '../api/http'
import { navigate } from '../router'

export interface DraftLoad {
  readonly draft: DraftDetail | null
  /** Why the draft cannot be shown (not found, not shared, unreachable); null while loading or loaded. */
  readonly error: string | null
}

const DRAFT_CHANGED = 'provisio:draft-changed'

/** Asks every open useDraft of this draft to load it again (what the user may do changed, e.g. after a refused change). */
export function draftChanged(draftId: string): void {
  window.dispatchEvent(new CustomEvent<string>(DRAFT_CHANGED, { detail: draftId }))
}

/** The draft's metadata and phase, loaded on open and again whenever `reloadKey` changes or draftChanged() is called. */
export function useDraft(draftId: string, reloadKey: unknown = null): DraftLoad {
  const [load, setLoad] = useState<DraftLoad>({ draft: null, error: null })
  const [changed, setChanged] = useState(0)
  useEffect(() => {
    const onChanged = (event: Event) => {
      if (event instanceof CustomEvent && event.detail === draftId) setChanged((n) => n + 1)
    }
    window.addEventListener(DRAFT_CHANGED, onChanged)
    return () => window.removeEventListener(DRAFT_CHANGED, onChanged)
  }, [draftId])
  useEffect(() => {
    let live = true
    draftsApi.get(draftId).then(
      (draft) => live && setLoad({ draft, error: null }),
      (e: unknown) =>
        live && setLoad((l) => ({ ...l, error: e instanceof ApiError && e.status === 404 ? 'This draft does not exist or is not shared with you.' : 'Could not load the draft.' })),
    )
    return () => {
      live = false
    }
  }, [draftId, reloadKey, changed])
  return load
}

/** What a draft's screen shows instead of the draft when it cannot be opened. */
export function DraftUnavailable({ message }: { message: string }) {
  return (
    <div className="content">
      <p className="error" role="alert">{message}</p>
      <button type="button" className="link-button" onClick={() => navigate('/')}>Back to drafts</button>
    </div>
  )
}
