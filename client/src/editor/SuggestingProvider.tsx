import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'
import type { DraftDetail, MeResponse } from '../../../shared/api'
import { statesApi } from '../api/states'
import { SuggestingContext, type SuggestingSettings } from './suggestingContext'
import './suggestions.css'

type Mode = 'edit' | 'suggest'

const storageKey = (draftId: string) => `provisio:writing-mode:${draftId}`

function storedMode(draftId: string): Mode {
  try {
    return window.localStorage.getItem(storageKey(draftId)) === 'suggest' ? 'suggest' : 'edit'
  } catch {
    return 'edit' // storage refused (private mode): the default
  }
}

/**
 * How the user writes: those who may edit choose (Editing by default, remembered per draft);
 * those who may only suggest are held to Suggesting.
 */
export function useWritingMode(draft: DraftDetail): { mode: Mode; choose: ((mode: Mode) => void) | null } {
  const [chosen, setChosen] = useState<Mode>(() => storedMode(draft.id))
  useEffect(() => setChosen(storedMode(draft.id)), [draft.id])
  const choose = useCallback(
    (mode: Mode) => {
      setChosen(mode)
      try {
        window.localStorage.setItem(storageKey(draft.id), mode)
      } catch {
        // Not remembered, still chosen.
      }
    },
    [draft.id],
  )
  if (draft.access.canEdit) return { mode: chosen, choose }
  return { mode: draft.access.canSuggest ? 'suggest' : 'edit', choose: null }
}

/** The State names the labels show ("Kenya"), loaded once per page. */
let statesOnce: Promise<ReadonlyMap<string, string>> | null = null
function useStateNames(): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map())
  useEffect(() => {
    let live = true
    statesOnce ??= statesApi.list().then(
      (states) => new Map(states.map((s) => [s.code, s.name])),
      () => {
        statesOnce = null // try again next time; the codes show meanwhile
        return new Map<string, string>()
      },
    )
    void statesOnce.then((loaded) => live && setNames(loaded))
    return () => {
      live = false
    }
  }, [])
  return names
}

/** The choice between Editing and Suggesting, or why the user is held to Suggesting. */
function ModeToggle({ mode, choose, reason }: { mode: Mode; choose: ((mode: Mode) => void) | null; reason: string | null }) {
  const option = (value: Mode, label: string) => (
    <label className={`mode-option${mode === value ? ' selected' : ''}`}>
      <input type="radio" name="writing-mode" value={value} checked={mode === value} disabled={!choose} onChange={() => choose?.(value)} />
      {label}
    </label>
  )
  return (
    <div className="mode-bar" role="radiogroup" aria-label="How you write" aria-describedby={choose ? undefined : 'mode-held-reason'}>
      {option('edit', 'Editing')}
      {option('suggest', 'Suggesting')}
      {!choose && reason && (
        <span className="muted mode-reason" id="mode-held-reason">
          {reason}
        </span>
      )}
      {choose && mode === 'suggest' && <span className="muted mode-reason">Your changes are marked as your suggestions, for the rapporteur to take or leave.</span>}
    </div>
  )
}

const NOTICE_MS = 6000

/** Gives the clause editors below how the user writes (suggestingContext.ts), with the mode toggle and the notices. */
export function SuggestingProvider({ draft, me, children }: { draft: DraftDetail; me: MeResponse; children: ReactNode }) {
  const { mode, choose } = useWritingMode(draft)
  const stateNames = useStateNames()
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null)
  const notify = useCallback((text: string) => setNotice({ text, at: Date.now() }), [])
  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(null), NOTICE_MS)
    return () => clearTimeout(timer)
  }, [notice])
  const { canEdit, canSuggest, canDecide } = draft.access
  const settings = useMemo<SuggestingSettings>(
    () => ({
      draftId: draft.id,
      mode,
      canSuggest,
      canDecide,
      author: { id: me.user.id, name: me.user.displayName, state: me.user.state?.code ?? null },
      stateNames,
      notify,
    }),
    [draft.id, mode, canSuggest, canDecide, me.user, stateNames, notify],
  )
  return (
    <SuggestingContext.Provider value={settings}>
      {(canEdit || canSuggest) && <ModeToggle mode={mode} choose={choose} reason={draft.access.readOnlyReason} />}
      {notice && (
        <div className="toast" role="status">
          {notice.text}
        </div>
      )}
      {children}
    </SuggestingContext.Provider>
  )
}
