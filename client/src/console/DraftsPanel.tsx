import { useCallback, useEffect, useState } from 'react'
import type { ConsoleDraft } from '../../../shared/consoleApi'
import { consoleApi } from '../api/console'
import { errorMessage } from '../api/http'

/** Issue 15's text mode: shown only once the server reports one for the draft. */
function TextModeControl({ draftId }: { draftId: string }) {
  const [mode, setMode] = useState<string | null>(null)
  useEffect(() => {
    consoleApi.draftDetail(draftId).then((d) => setMode(typeof d.textMode === 'string' ? d.textMode : null), () => setMode(null))
  }, [draftId])
  if (mode === null) return null
  return (
    <label>
      Text mode
      <select value={mode} onChange={(e) => { const next = e.target.value; void consoleApi.setTextMode(draftId, next).then(() => setMode(next)) }}>
        <option value="edit">edit</option>
        <option value="suggest">suggest</option>
      </select>
    </label>
  )
}

function DraftRow({ draft, onChanged, onError }: { draft: ConsoleDraft; onChanged: () => void; onError: (m: string | null) => void }) {
  const [title, setTitle] = useState(draft.title)
  const run = (work: Promise<unknown>) => work.then(() => { onError(null); onChanged() }, (e: unknown) => onError(errorMessage(e, 'Could not save.')))
  return (
    <tr className={draft.archivedAt ? 'console-disabled' : undefined}>
      <td>
        <input aria-label={`Title of ${draft.title}`} value={title} onChange={(e) => setTitle(e.target.value)} />
        <button type="button" onClick={() => void run(consoleApi.renameDraft(draft.id, title))} disabled={title === draft.title}>Rename</button>
      </td>
      <td>
        {draft.phase === 'consultation' ? (
          <span>consultation (close the round first)</span>
        ) : (
          <select aria-label={`Phase of ${draft.title}`} value={draft.phase} onChange={(e) => void run(consoleApi.setPhase(draft.id, e.target.value as 'closed' | 'drafting'))}>
            <option value="drafting">drafting</option>
            <option value="closed">closed</option>
          </select>
        )}
        <TextModeControl draftId={draft.id} />
      </td>
      <td>
        <button type="button" className="link-button" onClick={() => void run(consoleApi.archiveDraft(draft.id, !draft.archivedAt))}>
          {draft.archivedAt ? 'Unarchive' : 'Archive'}
        </button>
      </td>
    </tr>
  )
}

/** The drafts of the secretariat's groups: rename, phase, archive (text mode once the server has it). */
export function DraftsPanel() {
  const [drafts, setDrafts] = useState<ConsoleDraft[]>([])
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => consoleApi.drafts().then(setDrafts, (e: unknown) => setError(errorMessage(e, 'Could not load the drafts.'))), [])
  useEffect(() => void load(), [load])
  return (
    <section aria-labelledby="console-drafts-title">
      <h2 id="console-drafts-title">Drafts</h2>
      {error && <p className="error" role="alert">{error}</p>}
      <table className="console-table">
        <caption className="visually-hidden">Drafts of your working groups</caption>
        <thead><tr><th scope="col">Title</th><th scope="col">Phase</th><th scope="col">Archive</th></tr></thead>
        <tbody>{drafts.map((d) => <DraftRow key={`${d.id}-${d.title}-${d.phase}-${d.archivedAt ?? ''}`} draft={d} onChanged={() => void load()} onError={setError} />)}</tbody>
      </table>
    </section>
  )
}
