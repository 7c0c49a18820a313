import { useEffect, useState, useSyncExternalStore } from 'react'
import * as Y from 'yjs'
import { ClauseKey, type ClauseKind, type ClauseStatus, isClauseKind, isClauseStatus } from '../../../shared/draft/format'
import { compareClauses, numberClauses } from '../../../shared/draft/numbering'
import { clausesMap } from '../../../shared/draft/ydoc'
import { type Peer, type PresenceUser, peersFrom } from './presence'
import { type ConnectionStatus, DraftSession } from './session'
import type { SaveState } from './savedTracker'

/** Opens the draft's session for as long as the component is mounted. */
export function useDraftSession(draftId: string, user: PresenceUser): DraftSession | null {
  const [session, setSession] = useState<DraftSession | null>(null)
  const userKey = JSON.stringify(user)
  useEffect(() => {
    const opened = new DraftSession(draftId, JSON.parse(userKey) as PresenceUser)
    setSession(opened)
    return () => {
      opened.destroy()
      setSession(null)
    }
  }, [draftId, userKey])
  return session
}

export function useConnectionStatus(session: DraftSession): ConnectionStatus {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.connection,
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
export interface ClauseSummary {
  readonly id: string
  readonly kind: ClauseKind
  readonly position: string
  readonly status: ClauseStatus
  readonly heading: string
  readonly number: number | null
  readonly label: string
}

function summarize(doc: Y.Doc): ClauseSummary[] {
  const raw = []
  for (const [id, clause] of clausesMap(doc).entries()) {
    if (!(clause instanceof Y.Map)) continue
    const kind = clause.get(ClauseKey.kind)
    const status = clause.get(ClauseKey.status)
    const position = clause.get(ClauseKey.position)
    const heading = clause.get(ClauseKey.heading)
    raw.push({
      id,
      kind: isClauseKind(kind) ? kind : 'article',
      status: isClauseStatus(status) ? status : 'proposed',
      position: typeof position === 'string' ? position : '',
      heading: heading instanceof Y.Text ? heading.toString() : '',
    })
  }
  return numberClauses(raw.sort(compareClauses))
}

/** Events below a clause's body (typing) do not change the outline. */
function touchesOutline(events: Y.YEvent<Y.AbstractType<unknown>>[], map: object): boolean {
  const isHeading = (target: unknown) => target instanceof Y.Text && !(target instanceof Y.XmlText)
  return events.some((event) => event.target === map || event.target.parent === map || isHeading(event.target))
}

/** The clauses in order with their numbers, re-computed only when order, headings or statuses change. */
export function useClauses(doc: Y.Doc): ClauseSummary[] {
  const [clauses, setClauses] = useState(() => summarize(doc))
  useEffect(() => {
    const map = clausesMap(doc)
    setClauses(summarize(doc))
    const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      if (touchesOutline(events, map)) setClauses(summarize(doc))
    }
    map.observeDeep(observer)
    return () => map.unobserveDeep(observer)
  }, [doc])
  return clauses
}

export function usePeers(session: DraftSession): Peer[] {
  const awareness = session.provider.awareness
  const [peers, setPeers] = useState<Peer[]>(() => peersFrom(awareness.getStates(), awareness.clientID))
  useEffect(() => {
    const onChange = () => setPeers(peersFrom(awareness.getStates(), awareness.clientID))
    awareness.on('change', onChange)
    onChange()
    return () => awareness.off('change', onChange)
  }, [awareness])
  return peers
}
