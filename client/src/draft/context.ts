import { createContext, useContext } from 'react'
import type { DraftSession } from './session'

/** The open draft's session, for every component below the workspace (instead of passing it down each level). */
export const DraftSessionContext = createContext<DraftSession | null>(null)

export function useSession(): DraftSession {
  const session = useContext(DraftSessionContext)
  if (!session) throw new Error('useSession() outside a DraftSessionContext provider')
  return session
}
