/** One rung of the capacity ladder: this many delegates connected, the typing's p99 they saw. */
export interface Rung {
  readonly delegates: number
  readonly p99Ms: number
}

/** The ladder of issue 21: connected delegates per step. */
export const LADDER = [100, 200, 400, 800, 1600] as const

/**
 * The capacity: the most delegates of the rungs climbed in order, from the lowest, whose p99 stays
 * below `limitMs`; a rung that misses ends the climb (one above it that passed by luck does not
 * count). 0 when the lowest rung misses already.
 */
export function capacityOf(rungs: readonly Rung[], limitMs: number): number {
  let best = 0
  for (const rung of [...rungs].sort((a, b) => a.delegates - b.delegates)) {
    if (!(rung.p99Ms < limitMs)) break
    best = rung.delegates
  }
  return best
}

/** The ladder's steps from `BENCH_CAPACITY_STEPS=100,200` (ascending, positive), else the default. */
export function ladderSteps(env: string | undefined, fallback: readonly number[]): number[] {
  const steps = (env ?? '').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0)
  return (steps.length > 0 ? steps : [...fallback]).sort((a, b) => a - b)
}
