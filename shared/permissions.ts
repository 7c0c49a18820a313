/** The roles and phases of the brief, and the one table both server and client consult. */
import { formatUtc } from './dates'

export const ROLES = ['secretariat', 'chair', 'rapporteur', 'delegate', 'observer'] as const
export type Role = (typeof ROLES)[number]

export const PHASES = ['drafting', 'consultation', 'closed'] as const
export type Phase = (typeof PHASES)[number]

export const ACTIONS = [
  'draft.read',
  'draft.create',
  'draft.editText',
  'draft.managePhase',
  'draft.rename',
  'comment.create',
  'thread.resolve',
  'proposal.create',
  'proposal.apply',
  'position.record',
  'clause.setStatus',
  'clause.proposeStatus',
  'clause.confirmHold',
  'clause.addRemove',
  'suggestion.decide',
  'draft.setTextMode',
  'revision.create',
  'revision.restore',
  'report.assemble',
  'users.manage',
  'audit.read',
  'meeting.open',
  'meeting.present',
  'meeting.askFloor',
  'meeting.decide',
  'meeting.attendance',
  'meeting.close',
] as const
export type Action = (typeof ACTIONS)[number]

type Rule = readonly Role[] | Readonly<Record<Phase, readonly Role[]>>

const ALL: readonly Role[] = ROLES
const WRITERS: readonly Role[] = ['secretariat', 'chair', 'rapporteur', 'delegate']
const OPEN_PHASES = (roles: readonly Role[]): Record<Phase, readonly Role[]> => ({
  drafting: roles,
  consultation: roles,
  closed: [],
})

/**
 * Who may do what, by phase where the phase matters. Text: everyone but observers while drafting;
 * during consultation the text is frozen except for the rapporteur; a closed draft is read-only.
 */
const TABLE: Record<Action, Rule> = {
  'draft.read': ALL,
  'draft.create': ['secretariat', 'rapporteur'],
  'draft.editText': { drafting: WRITERS, consultation: ['rapporteur'], closed: [] },
  'draft.managePhase': ['secretariat'],
  // The title names the record: only who keeps it (secretariat) or prepares it (rapporteur) changes it.
  'draft.rename': ['secretariat', 'rapporteur'],
  'comment.create': OPEN_PHASES(WRITERS),
  'thread.resolve': OPEN_PHASES(['secretariat', 'chair', 'rapporteur']),
  'proposal.create': OPEN_PHASES(WRITERS),
  'proposal.apply': OPEN_PHASES(['secretariat', 'rapporteur']),
  'position.record': OPEN_PHASES(['delegate']),
  // Statuses are part of the official record: the chair declares them, the secretariat keeps them.
  'clause.setStatus': OPEN_PHASES(['secretariat', 'chair']),
  // The rapporteur asks for a status; the chair (or the secretariat) confirms it or not.
  'clause.proposeStatus': OPEN_PHASES(['rapporteur']),
  // A delegation confirms or withdraws its own State's agreement ad referendum.
  'clause.confirmHold': OPEN_PHASES(['delegate']),
  // Adding and deleting clauses shapes the draft: its keepers do it, delegations suggest.
  'clause.addRemove': OPEN_PHASES(['secretariat', 'chair', 'rapporteur']),
  // Taking or leaving a State's suggestion: who prepares the text, who keeps the record, who presides.
  'suggestion.decide': OPEN_PHASES(['secretariat', 'chair', 'rapporteur']),
  'draft.setTextMode': ['secretariat'],
  'revision.create': ['secretariat', 'chair', 'rapporteur'],
  // Restoring writes the live text: only while it can still change.
  'revision.restore': OPEN_PHASES(['secretariat', 'rapporteur']),
  'report.assemble': ['secretariat', 'rapporteur'],
  'users.manage': ['secretariat'],
  'audit.read': ['secretariat'],
  // Meetings (issue 19): the chair presides (screen, floor), the secretariat keeps the minutes.
  'meeting.open': OPEN_PHASES(['secretariat', 'chair']),
  'meeting.present': OPEN_PHASES(['chair']),
  'meeting.askFloor': OPEN_PHASES(['delegate']),
  'meeting.decide': OPEN_PHASES(['secretariat', 'chair']),
  'meeting.attendance': ['secretariat'],
  'meeting.close': ['secretariat', 'chair'],
}

/** A draft's text mode: writers edit directly, or delegates may only suggest. */
export const TEXT_MODES = ['edit', 'suggest'] as const
export type TextMode = (typeof TEXT_MODES)[number]

/** What a user may do to a draft's text: read it, only suggest changes, or edit it directly. */
export type TextAccess = 'read' | 'suggest' | 'write'

/**
 * The one rule of text access. Drafting: writers edit directly, except delegates in `suggest` mode,
 * who suggest. A comment round: the rapporteur edits, the other writers suggest (a suggestion is a
 * form of comment). Closed: read-only. Observers only read. Under silence (issue 16): frozen for everyone.
 */
export function textAccess(role: Role, phase: Phase, textMode: TextMode, silenced = false): TextAccess {
  if (!WRITERS.includes(role) || phase === 'closed' || silenced) return 'read'
  if (phase === 'consultation') return role === 'rapporteur' ? 'write' : 'suggest'
  return textMode === 'suggest' && role === 'delegate' ? 'suggest' : 'write'
}

function rolesFor(rule: Rule, phase: Phase | undefined): readonly Role[] {
  if (Array.isArray(rule)) return rule as readonly Role[]
  if (phase === undefined) throw new Error('this action depends on the draft phase; pass it')
  return (rule as Readonly<Record<Phase, readonly Role[]>>)[phase]
}

/** True when `role` may perform `action` (in `phase`, for phase-dependent actions). */
export function can(role: Role, action: Action, phase?: Phase): boolean {
  return rolesFor(TABLE[action], phase).includes(role)
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/** "30 November 2026, 17:00 UTC", as the server writes a comment-round deadline (the client shows the reader's zone too). */
export function formatDeadline(deadline: string): string {
  return formatUtc(deadline)
}

/** Why this user may not edit the text directly (role, phase, text mode), or null when they may. */
export function readOnlyReason(role: Role, phase: Phase, commentDeadline: string | null = null, textMode: TextMode = 'edit'): string | null {
  const access = textAccess(role, phase, textMode)
  if (access === 'write') return null
  if (role === 'observer') return 'Observers read the draft; they do not edit it.'
  if (phase === 'closed') return 'This draft is closed: the text is read-only.'
  if (phase === 'consultation') {
    const until = commentDeadline ? ` until ${formatDeadline(commentDeadline)}` : ''
    return `Consultation${until}: the text is frozen while the comment round is open; suggest changes or comment.`
  }
  return 'This draft is in suggest mode: delegations mark up the text as suggestions that the rapporteur takes or leaves.'
}
