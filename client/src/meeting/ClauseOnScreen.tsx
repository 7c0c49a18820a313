import { useScreen } from './MeetingContext'

/** True while the clause is the one on screen in the draft's open meeting. */
export function useOnScreen(clauseId: string): boolean {
  return useScreen().clauseId === clauseId
}

/** In a clause card's header: the "On screen" badge, and the chair's "Put on screen". */
export function ClauseOnScreen({ clauseId, label }: { clauseId: string; label: string }) {
  const screen = useScreen()
  const on = screen.clauseId === clauseId
  return (
    <>
      {on && <span className="on-screen-badge">On screen</span>}
      {screen.put && !on && (
        <button type="button" className="small ghost" aria-label={`Put on screen: ${label}`} onClick={() => screen.put?.(clauseId)}>
          Put on screen
        </button>
      )}
    </>
  )
}
