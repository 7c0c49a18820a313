/** Shapes of the secretariat's console API (`/api/users`, `/api/invitations`, `/api/groups`, …) and of the inbox. */
import type { Role } from './permissions'

export interface ConsoleUser {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: Role
  readonly state: { readonly code: string; readonly name: string } | null
  readonly email: string | null
  readonly disabled: boolean
  /** A second factor is on. */
  readonly totp: boolean
  /** Slugs of the reader's working groups the user belongs to. */
  readonly groups: readonly string[]
  readonly createdAt: string
}

export interface ConsoleStatus {
  /** SMTP_URL is set: invitations, resets and notifications go out by e-mail. */
  readonly emailEnabled: boolean
  /** Roles that must sign in with a second factor. */
  readonly totpRequiredRoles: readonly Role[]
}

export interface ConsoleGroup {
  readonly id: string
  readonly slug: string
  readonly name: string
  readonly mandate: string
  readonly createdAt: string
}

export interface ConsoleDraft {
  readonly id: string
  readonly groupId: string
  readonly title: string
  readonly phase: 'drafting' | 'consultation' | 'closed'
  readonly archivedAt: string | null
  readonly updatedAt: string
}

export interface InvitationResponse {
  readonly user: ConsoleUser
  readonly expiresAt: string
  readonly emailSent: boolean
  /** Only when e-mail is off: the link to hand over another way. */
  readonly link?: string
}

export interface SessionView {
  readonly id: string
  readonly createdAt: string
  readonly expiresAt: string
  /** The session this request came with. */
  readonly current: boolean
}

export interface NotificationView {
  readonly id: number
  readonly kind: string
  readonly title: string
  readonly body: string
  readonly link: string | null
  readonly createdAt: string
  readonly read: boolean
}

export interface Mentionable {
  /** What follows the @: a username or a State's code. */
  readonly handle: string
  readonly label: string
  readonly kind: 'user' | 'state'
}
