/** How long a clause may take to appear (the text still syncing on load) before following gives up. */
const WAIT_MS = 15_000

/**
 * Scrolls the clause's card into view (under the sticky header, by its scroll margin) as soon as it
 * is rendered. Focus stays where it is: a follower typing elsewhere keeps their caret. Returns a cancel.
 */
export function scrollToClauseWhenShown(clauseId: string): () => void {
  const until = performance.now() + WAIT_MS
  let frame = 0
  const attempt = (settle: number) => {
    const element = document.getElementById(`clause-${clauseId}`)
    if (element) element.scrollIntoView({ block: 'start' })
    // Editors mount as their clauses come near (heights change): once more after two frames.
    if (element && settle > 0) frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => attempt(settle - 1))))
    else if (!element && performance.now() < until) frame = requestAnimationFrame(() => attempt(settle))
  }
  attempt(1)
  return () => cancelAnimationFrame(frame)
}
