import { useEffect, useState, useSyncExternalStore } from 'react'
import * as Y from 'yjs'
import { type ClauseEntry, clausesMap, readClauseEntries } from '../../../shared/draft/ydoc'
import { type Peer, type PresenceUser, peersFrom, stablePeers } from './presence'
import { type ConnectionStatus, DraftSession } from './session'
import type { SaveState } from './savedTracker'

/**
 * Opens the draft's session for as long as the component is mounted, and a fresh one from the
 * server's state when it restarts after a refused change (the draft's tree unmounts in between, so
 * every editor binds to the new document).
 */
export function useDraftSession(draftId: string, user: PresenceUser): DraftSession | null {
  const [session, setSession] = useState<DraftSession | null>(null)
  const [restart, setRestart] = useState<{ readonly draftId: string; readonly notice: string } | null>(null)
  const userKey = JSON.stringify(user)
  useEffect(() => {
    const opened = new DraftSession(draftId, JSON.parse(userKey) as PresenceUser, restart?.draftId === draftId ? restart.notice : null)
    setSession(opened)
    const off = opened.onRestart((notice) => {
      setSession(null)
      setRestart({ draftId, notice })
    })
    return () => {
      off()
      opened.destroy()
      setSession(null)
    }
  }, [draftId, userKey, restart])
  return session
}

export function useConnectionStatus(session: DraftSession): ConnectionStatus {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.connection,
  )
}

/** The notice of the last recovery after a refused change (null once dismissed, or when none). */
export function useRecoveryNotice(session: DraftSession): string | null {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.notice,
  )
}

export function useSaveState(session: DraftSession): SaveState {
  return useSyncExternalStore(
    (listener) => session.saved.subscribe(listener),
    () => session.saved.current,
  )
}

export function useSynced(session: DraftSession): boolean {
  const [synced, setSynced] = useState(session.provider.synced)
  useEffect(() => {
    const onSync = (value: boolean) => setSynced(value)
    session.provider.on('sync', onSync)
    const onLocal = () => setSynced(true) // a copy kept on this device opens offline too
    session.local.on('synced', onLocal)
    if (session.local.synced) setSynced(true)
    return () => {
      session.provider.off('sync', onSync)
      session.local.off('synced', onLocal)
    }
  }, [session])
  return synced
}

/** What the outline and the clause list need of a clause (not its body: typing must not re-render the list). */
export type ClauseSummary = Omit<ClauseEntry, 'body'>

const sameSummary = (a: ClauseSummary, b: ClauseSummary) =>
  a.id === b.id && a.kind === b.kind && a.position === b.position && a.status === b.status && a.heading === b.heading && a.number === b.number && a.label === b.label

/** The clauses from the shared reader; unchanged clauses keep their object, so memoized cards skip them. */
export function summarize(doc: Y.Doc, previous: readonly ClauseSummary[] = []): ClauseSummary[] {
  const before = new Map(previous.map((c) => [c.id, c]))
  return readClauseEntries(doc).map(({ body: _body, ...clause }) => {
    const old = before.get(clause.id)
    return old && sameSummary(old, clause) ? old : clause
  })
}

/** Events below a clause's body (typing) do not change the outline. */
function touchesOutline(events: Y.YEvent<Y.AbstractType<unknown>>[], map: object): boolean {
  const isHeading = (target: unknown) => target instanceof Y.Text && !(target instanceof Y.XmlText)
  return events.some((event) => event.target === map || event.target.parent === map || isHeading(event.target))
}

/** Calls `onChange` whenever the clauses' order, headings or statuses may have changed (not on typing in a body). */
export function watchOutline(doc: Y.Doc, onChange: () => void): () => void {
  const map = clausesMap(doc)
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (touchesOutline(events, map)) onChange()
  }
  map.observeDeep(observer)
  return () => map.unobserveDeep(observer)
}

/** The clauses in order with their numbers, re-computed only when order, headings or statuses change. */
export function useClauses(doc: Y.Doc): ClauseSummary[] {
  const [clauses, setClauses] = useState(() => summarize(doc))
  useEffect(() => {
    const refresh = () => setClauses((previous) => summarize(doc, previous))
    refresh()
    return watchOutline(doc, refresh)
  }, [doc])
  return clauses
}

export function usePeers(session: DraftSession): readonly Peer[] {
  const awareness = session.provider.awareness
  const [peers, setPeers] = useState<readonly Peer[]>(() => peersFrom(awareness.getStates(), awareness.clientID))
  useEffect(() => {
    // Caret moves change awareness too; the list changes only when who is where does.
    const onChange = () => setPeers((previous) => stablePeers(previous, peersFrom(awareness.getStates(), awareness.clientID)))
    awareness.on('change', onChange)
    onChange()
    return () => awareness.off('change', onChange)
  }, [awareness])
  return peers
}
