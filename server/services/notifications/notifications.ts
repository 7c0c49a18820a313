import type { Logger } from 'pino'
import { formatDeadline } from '../../../shared/permissions'
import { accountStores } from '../../storage/accountStores'
import type { NotificationKind, NotificationRecord } from '../../storage/notifications'
import type { Draft, Storage, User } from '../../storage/Storage'
import type { DraftEvent } from '../../storage/threads'
import { excerpt } from '../commenting'
import type { Mailer } from '../mail/mailer'
import type { InboxBus } from './inboxBus'
import { mentionedUsers } from './mentions'

export interface Notice {
  readonly kind: NotificationKind
  readonly draft: Draft
  readonly title: string
  readonly body: string
  /** A path in the app. */
  readonly link: string
}

/** What `suggestionDecided` needs to know (issue 15's suggestion service calls it). */
export interface SuggestionDecision {
  readonly draftId: string
  /** The State that made the suggestion: its delegates are told. */
  readonly stateCode: string | null
  /** Who made it (told too, whatever their State). */
  readonly authorId: string | null
  readonly decision: 'accepted' | 'rejected'
  /** Who decided (not told). */
  readonly decidedBy: string
  /** e.g. "Article 3", for the text of the notice. */
  readonly where?: string
  /** The suggested words, shortened for the notice. */
  readonly text?: string
}

const draftLink = (draft: Draft) => `/drafts/${draft.id}`

/**
 * The in-app inbox and its e-mail: who hears of what. Draft events (threads, replies, rounds,
 * proposals) come in through `onDraftEvent`; each notice is stored per recipient, muted kinds
 * left out, marked for e-mail by the recipient's setting (sent by the NotificationScheduler), and
 * the recipient's open bells hear their new unread count at once.
 */
export class NotificationService {
  constructor(
    private readonly storage: Storage,
    private readonly mail: Mailer,
    private readonly inbox: InboxBus,
    private readonly log: Logger,
    private readonly now: () => Date,
    /** Called when there is e-mail to send now. */
    private readonly onImmediate: () => void = () => {},
  ) {}

  /** Stores the notice for each recipient (once each, never the actor) and rings their bells. */
  async notify(recipients: readonly User[], notice: Notice, actorId: string | null): Promise<NotificationRecord[]> {
    const { accounts, notifications } = accountStores(this.storage)
    const unique = [...new Map(recipients.filter((u) => u.id !== actorId).map((u) => [u.id, u])).values()]
    if (unique.length === 0) return []
    const settings = await notifications.settingsOf(unique.map((u) => u.id))
    const rows = []
    for (const user of unique) {
      const chosen = settings.get(user.id)
      if (!chosen || chosen.muted.includes(notice.kind)) continue
      if (await this.storage.access.isDisabled(user.id)) continue
      const canMail = this.mail.enabled && chosen.email !== 'never' && (await accounts.getEmail(user.id)) !== null
      rows.push({
        userId: user.id,
        kind: notice.kind,
        draftId: notice.draft.id,
        title: notice.title,
        body: notice.body,
        link: notice.link,
        createdAt: this.now().toISOString(),
        emailState: canMail ? chosen.email : ('none' as const),
      })
    }
    const added = await notifications.add(rows)
    for (const userId of new Set(added.map((n) => n.userId))) this.inbox.publish(userId, await notifications.unreadCount(userId))
    if (added.some((n) => n.emailState === 'immediate')) this.onImmediate()
    return added
  }

  /** Turns a stored draft event into notices; never fails the change it follows (logged instead). */
  async onDraftEvent(event: DraftEvent): Promise<void> {
    try {
      await this.fromEvent(event)
    } catch (error) {
      this.log.warn({ err: error, eventId: event.id }, 'could not write the notifications of an event')
    }
  }

  /** A decision on a State's suggestion (issue 15): that State's delegates and the author hear of it. */
  async suggestionDecided(decision: SuggestionDecision): Promise<void> {
    const draft = await this.storage.getDraft(decision.draftId)
    if (!draft) return
    const members = await this.storage.listUsers(draft.groupId)
    const recipients = members.filter((m) => m.id === decision.authorId || (decision.stateCode !== null && m.role === 'delegate' && m.stateCode === decision.stateCode))
    const where = decision.where ? ` on ${decision.where}` : ''
    await this.notify(
      recipients,
      {
        kind: 'decision',
        draft,
        title: `Suggestion ${decision.decision}${where}: ${draft.title}`,
        body: decision.text ? `"${excerpt(decision.text, 200)}" was ${decision.decision}.` : `The suggestion was ${decision.decision}.`,
        link: draftLink(draft),
      },
      decision.decidedBy,
    )
  }

  private async fromEvent(event: DraftEvent): Promise<void> {
    const draft = await this.storage.getDraft(event.draftId)
    if (!draft) return
    const actor = await this.storage.getUser(event.actorId)
    const by = actor ? `${actor.displayName}${actor.stateCode ? ` (${actor.stateCode})` : ''}` : 'Someone'
    const members = () => this.storage.listUsers(draft.groupId)
    switch (event.type) {
      case 'thread.created':
      case 'comment.replied':
        return this.fromComment(event, draft, by)
      case 'round.opened':
      case 'round.reopened': {
        const deadline = typeof event.data.deadline === 'string' ? formatDeadline(event.data.deadline) : 'the deadline'
        const name = typeof event.data.name === 'string' ? event.data.name : 'A comment round'
        await this.notify(await members(), { kind: 'round.opened', draft, title: `Comment round open: ${draft.title}`, body: `${name} is open for comments until ${deadline}.`, link: draftLink(draft) }, event.actorId)
        return
      }
      case 'round.closed': {
        const name = typeof event.data.name === 'string' ? event.data.name : 'The comment round'
        await this.notify(await members(), { kind: 'round.closed', draft, title: `Comment round closed: ${draft.title}`, body: `${name} is closed.`, link: draftLink(draft) }, event.actorId)
        return
      }
      case 'meeting.opened': {
        // Most States follow remotely: the notice brings them into the meeting as it starts.
        const title = typeof event.data.title === 'string' ? event.data.title : 'A meeting'
        await this.notify(await members(), { kind: 'meeting.opened', draft, title: `Meeting open: ${draft.title}`, body: `${by} opened ${title}. Open the draft to follow the text on screen and ask for the floor.`, link: draftLink(draft) }, event.actorId)
        return
      }
      case 'proposal.applied':
      case 'proposal.declined':
      case 'proposal.suggested': {
        const thread = event.threadId ? await this.storage.threads.getThread(event.threadId) : null
        if (!thread) return
        const outcome = event.type === 'proposal.applied' ? 'applied' : event.type === 'proposal.suggested' ? 'turned into suggestions' : 'declined'
        const recipients = (await members()).filter((m) => m.id === thread.authorId || (thread.authorState !== null && m.role === 'delegate' && m.stateCode === thread.authorState))
        const reason = typeof event.data.reason === 'string' && event.data.reason ? ` Reason: ${excerpt(event.data.reason, 200)}` : ''
        await this.notify(recipients, { kind: 'decision', draft, title: `Proposal ${outcome}: ${draft.title}`, body: `${by} ${outcome} the proposal.${reason}`, link: draftLink(draft) }, event.actorId)
        return
      }
      default:
        return
    }
  }

  /** Mentions (people and States) first; then the thread's other participants hear of a reply. */
  private async fromComment(event: DraftEvent, draft: Draft, by: string): Promise<void> {
    const comment = event.commentId ? await this.storage.threads.getComment(event.commentId) : null
    if (!comment) return
    const mentioned = await mentionedUsers(this.storage, draft.groupId, comment.body)
    const text = excerpt(comment.body, 200)
    const link = draftLink(draft)
    await this.notify(mentioned, { kind: 'mention', draft, title: `${by} mentioned you: ${draft.title}`, body: text, link }, event.actorId)
    if (event.type !== 'comment.replied' || !event.threadId) return
    const told = new Set(mentioned.map((u) => u.id))
    const comments = await this.storage.threads.listComments([event.threadId])
    const participants = new Set(comments.map((c) => c.authorId))
    const recipients = (await this.storage.listUsers(draft.groupId)).filter((m) => participants.has(m.id) && !told.has(m.id))
    await this.notify(recipients, { kind: 'reply', draft, title: `${by} replied: ${draft.title}`, body: text, link }, event.actorId)
  }
}
