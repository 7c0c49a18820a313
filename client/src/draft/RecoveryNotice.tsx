import { useContext, useEffect, useRef } from 'react'
import { DraftSessionContext } from './context'
import type { DraftSession } from './session'
import { useRecoveryNotice } from './hooks'
import './recoveryNotice.css'

/** Beside the draft's header: what became of a refused change (kept as proposals), until dismissed. */
export function RecoveryNotice() {
  // The header is shown by screens without a live session too (revisions, reports): nothing to say there.
  const session = useContext(DraftSessionContext)
  return session ? <Notice session={session} /> : null
}

function Notice({ session }: { session: DraftSession }) {
  const notice = useRecoveryNotice(session)
  const box = useRef<HTMLDivElement>(null)
  // Focus moves to it once (role="alert" also announces it): the text the user typed has just been replaced.
  useEffect(() => {
    if (notice) box.current?.focus({ preventScroll: true })
  }, [notice])
  if (!notice) return null
  return (
    <div className="recovery-notice" role="alert" aria-label="Changes not applied" tabIndex={-1} ref={box}>
      <p>{notice}</p>
      <button type="button" className="small" onClick={() => session.dismissNotice()}>
        Dismiss
      </button>
    </div>
  )
}
