import { useEffect, useRef, useState } from 'react'
import type { DraftDiff } from '../../../shared/api'
import { ApiError } from '../api/http'
import { revisionsApi } from '../api/revisions'
import { DiffView } from './DiffView'
import { endpointLabel, formatWhen } from './endpoints'
import './revisions.css'

/**
 * "Since your last visit": on opening a draft, what changed since the user last had it open (the
 * server remembers what each user saw). The visit is recorded once the comparison is read, and
 * again when the user leaves the draft.
 */
export function SinceLastVisit({ draftId }: { draftId: string }) {
  const [diff, setDiff] = useState<DraftDiff | null>(null)
  const [open, setOpen] = useState(false)
  const [dismissed, setDismissed] = useState(false)
  // Refs survive StrictMode's double effect: the comparison is read once, before the visit is recorded.
  const started = useRef(false)
  const recorded = useRef(false)

  useEffect(() => {
    if (started.current) return
    started.current = true
    revisionsApi.lastSeen(draftId)
      .then((seenAt) => (seenAt ? revisionsApi.diff(draftId, 'seen', 'current', true) : null)) // a first visit: nothing to compare
      .then(
        (found) => {
          if (found) setDiff(found)
        },
        (e: unknown) => {
          if (!(e instanceof ApiError && e.status === 404)) throw e
        },
      )
      .then(() => revisionsApi.markSeen(draftId))
      .then(() => {
        recorded.current = true
      })
      .catch(() => undefined) // the banner is a courtesy: never break the workspace over it
  }, [draftId])

  useEffect(() => {
    const leave = () => {
      if (recorded.current) revisionsApi.markSeenOnExit(draftId)
    }
    window.addEventListener('pagehide', leave)
    return () => {
      window.removeEventListener('pagehide', leave)
      leave()
    }
  }, [draftId])

  if (!diff || dismissed || diff.summary.changed === 0) return null
  const s = diff.summary
  return (
    <section className="since-banner" aria-label="Since your last visit">
      <p>
        <strong>Since your last visit</strong> ({formatWhen(diff.from.kind === 'seen' ? diff.from.at : new Date().toISOString())}): {s.changed} clause{s.changed === 1 ? '' : 's'} changed.{' '}
        <button type="button" className="small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide changes' : 'Show changes'}
        </button>{' '}
        <button type="button" className="small ghost" onClick={() => setDismissed(true)}>
          Dismiss
        </button>
      </p>
      {open && <DiffView diff={diff} draftId={draftId} fromLabel={endpointLabel(diff.from)} toLabel={endpointLabel(diff.to)} />}
    </section>
  )
}
