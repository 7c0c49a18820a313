import type { Logger } from 'pino'
import { formatDeadline } from '../../../shared/permissions'
import { accountStores } from '../../storage/accountStores'
import type { NotificationRecord } from '../../storage/notifications'
import type { Storage } from '../../storage/Storage'
import type { Mailer } from '../mail/mailer'
import type { NotificationService } from './notifications'

/** A reminder goes this long before a round's deadline. */
export const REMINDER_BEFORE_MS = 48 * 60 * 60 * 1000
/** The daily digest goes at or after this hour (UTC). */
const DIGEST_HOUR_UTC = 7
export const NOTIFY_TICK_MS = 60_000

/**
 * The timed side of notifications, in every process alike: the 48-hour deadline reminder (claimed
 * in the database per round and deadline, so it goes once across restarts and processes), e-mail
 * of the "immediate" notices, and the daily digest (claimed per day).
 */
export class NotificationScheduler {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private again = false

  constructor(
    private readonly storage: Storage,
    private readonly notifications: NotificationService,
    private readonly mail: Mailer,
    private readonly log: Logger,
    private readonly now: () => Date,
    private readonly publicUrl: () => string,
  ) {}

  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.tick(), NOTIFY_TICK_MS)
    this.timer.unref()
    void this.tick()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }

  /** One round of work (tests call it after moving the clock); concurrent calls share one run, then one more. */
  tick(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.work()
      .catch((error: unknown) => this.log.warn({ err: error }, 'notification work failed; trying again at the next tick'))
      .finally(() => {
        this.running = null
        if (this.again) {
          this.again = false
          void this.tick()
        }
      })
    return this.running
  }

  private async work(): Promise<void> {
    await this.remind()
    await this.sendImmediate()
    await this.sendDigests()
  }

  private async remind(): Promise<void> {
    const { notifications } = accountStores(this.storage)
    const now = this.now().getTime()
    for (const group of await this.storage.listGroups()) {
      for (const draft of await this.storage.listDrafts(group.id)) {
        if (draft.phase !== 'consultation') continue
        for (const round of await this.storage.threads.listRounds(draft.id)) {
          const deadline = Date.parse(round.deadline)
          if (round.status !== 'open' || deadline <= now || deadline - now > REMINDER_BEFORE_MS) continue
          // The database decides who sends it: one process, once, whatever restarts in between.
          if (!(await notifications.claim(`reminder:${round.id}:${round.deadline}`, this.now().toISOString()))) continue
          await this.notifications.notify(
            await this.storage.listUsers(group.id),
            { kind: 'round.reminder', draft, title: `Deadline in 48 hours: ${draft.title}`, body: `${round.name} closes on ${formatDeadline(round.deadline)}.`, link: `/drafts/${draft.id}` },
            null,
          )
        }
      }
    }
  }

  private async sendImmediate(): Promise<void> {
    for (;;) {
      const batch = await accountStores(this.storage).notifications.takeEmails('immediate', 50)
      if (batch.length === 0) return
      for (const n of batch) await this.mailTo(n.userId, n.title, `${n.body}\n\n${this.linkOf(n)}`)
    }
  }

  private async sendDigests(): Promise<void> {
    const now = this.now()
    if (now.getUTCHours() < DIGEST_HOUR_UTC) return
    const day = now.toISOString().slice(0, 10)
    if (!(await accountStores(this.storage).notifications.claim(`digest:${day}`, now.toISOString()))) return
    const byUser = new Map<string, NotificationRecord[]>()
    for (;;) {
      const batch = await accountStores(this.storage).notifications.takeEmails('digest', 500)
      if (batch.length === 0) break
      for (const n of batch) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n])
    }
    for (const [userId, list] of byUser) {
      const text = list.map((n) => `- ${n.title}\n  ${n.body}\n  ${this.linkOf(n)}`).join('\n\n')
      await this.mailTo(userId, `Provisio: ${list.length} notification${list.length === 1 ? '' : 's'} of the day`, text)
    }
  }

  private linkOf(n: NotificationRecord): string {
    return n.link ? `${this.publicUrl()}${n.link}` : this.publicUrl()
  }

  private async mailTo(userId: string, subject: string, text: string): Promise<void> {
    const user = await this.storage.getUser(userId)
    const email = await accountStores(this.storage).accounts.getEmail(userId)
    if (!user || !email) return
    await this.mail.send({ to: email, toName: user.displayName, subject, text: `Dear ${user.displayName},\n\n${text}\n\n(Change what you receive under Account, Notifications.)` })
  }
}
