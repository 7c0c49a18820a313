import { randomBytes } from 'node:crypto'
import { hashSecret } from '../../auth/credentials'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import type { LinkKind } from '../../storage/accounts'
import { accountStores } from '../../storage/accountStores'
import type { Storage, User } from '../../storage/Storage'
import { headerText } from '../mail/mailer'

/** An invitation or a reset link works for 7 days, once. */
export const LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000

const PAGES: Record<LinkKind, string> = { invitation: '/account/invitation', reset: '/account/reset' }

export interface IssuedLink {
  readonly url: string
  readonly expiresAt: string
}

/** A new one-time link for the user (older unused ones of the kind end); only its hash is stored. */
export async function issueLink(ctx: AppContext, user: User, kind: LinkKind): Promise<IssuedLink> {
  return issueLinkAt(ctx.storage, ctx.now(), ctx.publicUrl(), user, kind)
}

/** The same, for a caller without a running server (the admin command line): the address comes from its configuration. */
export async function issueLinkAt(storage: Storage, now: Date, publicUrl: string, user: User, kind: LinkKind): Promise<IssuedLink> {
  const { accounts } = accountStores(storage)
  const secret = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS).toISOString()
  await accounts.dropLinks(user.id, kind)
  await accounts.createLink({ tokenHash: hashSecret(secret), kind, userId: user.id, createdAt: now.toISOString(), expiresAt })
  // In the fragment: never sent to a server, so never in a log or a Referer.
  return { url: `${publicUrl}${PAGES[kind]}#token=${secret}`, expiresAt }
}

/** The user a link was for, consuming it; the same 400 for an unknown, used or expired link. */
export async function consumeLink(ctx: AppContext, token: string, kind: LinkKind): Promise<User> {
  const link = await accountStores(ctx.storage).accounts.consumeLink(hashSecret(token), kind, ctx.now().toISOString())
  const user = link ? await ctx.storage.getUser(link.userId) : null
  if (!user) throw new AppError(400, 'invalid_link', 'This link is unknown, was used already or has expired; ask for a new one.')
  return user
}

export function invitationText(user: User, inviter: User, url: string, groupName: string): { subject: string; text: string } {
  return {
    subject: headerText(`Invitation to Provisio: ${groupName}`),
    text: [
      `Dear ${user.displayName},`,
      '',
      `${inviter.displayName} (secretariat) invites you to take part in "${groupName}" on Provisio as ${user.role}.`,
      `Your username is: ${user.username}`,
      '',
      'Choose your password here (the link works once, for 7 days):',
      url,
      '',
      'If you did not expect this message, you may ignore it.',
    ].join('\n'),
  }
}

export function resetText(user: User, url: string): { subject: string; text: string } {
  return {
    subject: 'Provisio: choose a new password',
    text: [
      `Dear ${user.displayName},`,
      '',
      `Someone asked to reset the password of the Provisio account "${user.username}".`,
      'Choose a new one here (the link works once, for 7 days):',
      url,
      '',
      'If it was not you, ignore this message: your password stays as it is.',
    ].join('\n'),
  }
}
