/** Response shapes of the HTTP API, shared by the server and the client. */
import type { ClauseKind, ClauseStatus } from './draft/format'
import type { Phase, Role, TextMode } from './permissions'
import type { OpenSuggestion } from './draft/suggestions'
import type { ReferenceView } from './draft/references'

export interface PublicUser {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: Role
  readonly state: { readonly code: string; readonly name: string } | null
}

export interface GroupSummary {
  readonly id: string
  readonly slug: string
  readonly name: string
}

export interface MeResponse {
  readonly user: PublicUser
  readonly groups: readonly GroupSummary[]
}

export interface DraftSummary {
  readonly id: string
  readonly groupId: string
  readonly title: string
  readonly phase: Phase
  readonly commentDeadline: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

export interface DraftDetail extends DraftSummary {
  /** What the signed-in user may do with the text right now, and why not. */
  readonly access: {
    /** May edit the text directly. */
    readonly canEdit: boolean
    /** May suggest changes (insertions and deletions in the user's State's name). */
    readonly canSuggest: boolean
    /** May accept and reject others' suggestions. */
    readonly canDecide: boolean
    /** Why a direct edit is not allowed (null when it is). */
    readonly readOnlyReason: string | null
  }
  /** `edit`: writers edit directly; `suggest`: delegates may only suggest (README "Suggestions"). */
  readonly textMode: TextMode
  /** The draft's stored size against its limits; for the secretariat only. */
  readonly size?: DraftSize
}

export interface DraftSize {
  /** Encoded bytes stored (snapshot plus the update log not yet folded into it). */
  readonly bytes: number
  /** Items (structs, tombstones included) when last measured (null: not measured yet). */
  readonly items: number | null
  readonly measuredAt: string | null
  readonly maxBytes: number
  readonly maxItems: number
  /** Why the draft is read-only from its last good state (its stored log is beyond the limits), or null. */
  readonly damage: string | null
}

export interface ClauseContent {
  readonly id: string
  readonly kind: ClauseKind
  readonly number: number | null
  readonly label: string
  readonly heading: string
  readonly status: ClauseStatus
  /** The base text: open suggestions not applied (their deletions kept, their insertions left out). */
  readonly text: string
  /** The body with open suggestions as `<ins>`/`<del class="suggestion" data-state data-suggestion>`. */
  readonly html: string
  /** The clause's open suggestions, in document order. */
  readonly suggestions: readonly OpenSuggestion[]
  /** Its cross-references, in document order, with the words they render now; `dangling` when the target was deleted. */
  readonly references: readonly ReferenceView[]
}

export interface DraftContent {
  readonly id: string
  readonly title: string
  readonly clauses: readonly ClauseContent[]
}

export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown }
}

export type { ClauseHistory, ClauseHistoryEntry, DiffEndpoint, DraftDiff, RestoreResult, RevisionDetail, RevisionSummary, SeenResponse } from './revisions'

/** `POST /api/me/password`: the password was replaced; this many other sessions and tokens ended. */
export interface PasswordChangeResponse {
  readonly credentialsEnded: number
}
