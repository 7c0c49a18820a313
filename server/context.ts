import type { Logger } from 'pino'
import type { FailureThrottle } from './auth/throttle'
import type { Config } from './config'
import type { AccessService } from './services/access'
import type { CollaborationService } from './services/collaboration'
import type { DraftEventBus } from './services/eventBus'
import type { Mailer } from './services/mail/mailer'
import type { InboxBus } from './services/notifications/inboxBus'
import type { NotificationService } from './services/notifications/notifications'
import type { NotificationScheduler } from './services/notifications/scheduler'
import type { SearchIndexer } from './search/indexer'
import type { SilenceScheduler } from './services/silenceScheduler'
import type { Storage } from './storage/Storage'

/** What every route and service is given: no module-level singletons. */
export interface AppContext {
  readonly config: Config
  readonly storage: Storage
  readonly collab: CollaborationService
  /** Changes of rights, phases and credentials, applied to open sockets and streams in every process. */
  readonly access: AccessService
  readonly log: Logger
  readonly signInThrottle: { readonly byUser: FailureThrottle; readonly byAddress: FailureThrottle }
  /** Live draft events (threads, comments, positions, rounds) for the browser's event stream. */
  readonly events: DraftEventBus
  /** Keeps the search index current (and indexes a draft whole before its first search). */
  readonly search: SearchIndexer
  /** The time deadlines are checked against (tests move it). */
  readonly now: () => Date
  /** E-mail through SMTP_URL; `enabled` false without it. */
  readonly mail: Mailer
  /** Live unread counts for the bells (across processes with Redis). */
  readonly inbox: InboxBus
  /** Who hears of what: the inbox and its e-mail. */
  readonly notifications: NotificationService
  /** Deadline reminders, e-mail and digests (tests call its tick() after moving the clock). */
  readonly notifyScheduler: NotificationScheduler
  /** The app's address for links in e-mails: PUBLIC_URL, else http://HOST:PORT as bound. */
  readonly publicUrl: () => string
  /** The per-clause history and record of suggestions written from stored updates (settled: written so far). */
  readonly clauseHistory: { settled(draftId: string): Promise<void> }
  /** Settles silences past their deadline (tests call its tick() after moving the clock). */
  readonly silence: SilenceScheduler
}
