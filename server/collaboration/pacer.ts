/**
 * Slices long runs of work so that other requests are served in between: `slice()` resolves in
 * the same event-loop turn while the turn's work is short, and on the next turn (setImmediate)
 * once it has run longer than `budgetMs`. Cheap work keeps its timing; heavy work yields.
 */
export class Pacer {
  private turnStart: number | null = null

  constructor(private readonly budgetMs = 10) {}

  slice(): Promise<void> | void {
    const now = performance.now()
    if (this.turnStart === null) {
      this.turnStart = now
      setImmediate(() => {
        this.turnStart = null
      })
      return
    }
    if (now - this.turnStart < this.budgetMs) return
    return new Promise((resolve) => setImmediate(resolve))
  }
}
