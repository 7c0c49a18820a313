import type { Logger } from 'pino'
import type { AppContext } from '../context'
import { settleSilence } from './silence'

/**
 * Every process looks for silences past their deadline on its own clock (at start, so a restart
 * catches up, and every `pollMs`); the database's claim lets one process settle each.
 */
export class SilenceScheduler {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private ctx: AppContext | null = null

  constructor(
    private readonly pollMs: number,
    private readonly log: Logger,
  ) {}

  start(ctx: AppContext): void {
    this.ctx = ctx
    if (this.timer) return
    this.timer = setInterval(() => void this.tick(), this.pollMs)
    this.timer.unref()
    void this.tick()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }

  /** Settles what is due now (tests call it after moving the clock); concurrent calls share one run. */
  tick(): Promise<void> {
    const ctx = this.ctx
    if (!ctx) return Promise.resolve()
    this.running ??= this.work(ctx)
      .catch((error: unknown) => this.log.warn({ err: error }, 'settling silences failed; trying again at the next tick'))
      .finally(() => {
        this.running = null
      })
    return this.running
  }

  private async work(ctx: AppContext): Promise<void> {
    for (const silence of await ctx.storage.agreement.dueSilences(ctx.now().toISOString())) await settleSilence(ctx, silence)
  }
}
