/**
 * The rapporteur's report: what the API takes and answers, and the assembled report every exporter
 * (HTML, Markdown, DOCX, Akoma Ntoso) renders. The assembled report is plain JSON, stored with each
 * saved version, so an export of a version never changes once it is saved.
 */
import type { ClauseDiff, DiffSummary, WordOpKind } from '../diff/types'
import type { ClauseKind, ClauseStatus } from '../draft/format'
import type { SuggestionKind } from '../draft/suggestions'
import { EVENT_TYPES, type EventType, type ProposalStatus, type Stance, type ThreadStatus } from '../threadsApi'
import type { StatementKind } from '../agreementApi'

/** A free section of the report. The body is plain text: paragraphs split by blank lines, **bold** and *italic*. */
export interface ReportSection {
  readonly heading: string
  readonly body: string
}

/** What the rapporteur chooses; a saved version keeps it as given (after defaults are resolved). */
export interface ReportInput {
  readonly title: string
  readonly session: string | null
  readonly place: string | null
  /** YYYY-MM-DD. */
  readonly date: string | null
  /** The document symbol as the rapporteur typed it; null or absent (versions saved before symbols): automatic. */
  readonly symbol?: string | null
  readonly sections: readonly ReportSection[]
  /** The revision whose provisions the report presents. */
  readonly baseRevision: number
  /** The earlier revision the changes are counted from; null for none. */
  readonly compareTo: number | null
  /** The comment rounds whose threads are included; null: every thread opened up to the base revision. */
  readonly rounds: readonly string[] | null
}

export interface ReportAuthorRef {
  readonly id: string
  readonly displayName: string
}

export interface ReportVersionSummary {
  readonly version: number
  readonly title: string
  readonly baseRevision: number
  readonly compareTo: number | null
  readonly createdAt: string
  readonly createdBy: ReportAuthorRef
}

export interface ReportCounts {
  /** Clauses of the base revision (preamble included). */
  readonly clauses: number
  readonly articles: number
  readonly threads: number
  /** Comments included, deleted ones (tombstones) among them. */
  readonly comments: number
  readonly deletedComments: number
  /** States whose delegates commented. */
  readonly states: number
  /** `suggested`: turned into suggestions in the text (reports saved before it have none). */
  readonly proposals: { readonly total: number; readonly applied: number; readonly declined: number; readonly pending: number; readonly suggested?: number }
  /** States' current positions on the base revision's clauses. */
  readonly positions: number
  /** Clauses changed since the compared revision; null without one. */
  readonly changed: number | null
  /** The suggestions section's, by fate; absent in versions saved before suggestions. */
  readonly suggestions?: Readonly<Record<SuggestionFate, number>>
}

/** `GET /api/drafts/:id/reports`: one entry per report, at its latest version. */
export interface ReportSummary {
  readonly id: string
  readonly draftId: string
  readonly title: string
  readonly version: number
  readonly baseRevision: number
  readonly compareTo: number | null
  /** When version 1 was saved, and by whom. */
  readonly createdAt: string
  readonly createdBy: ReportAuthorRef
  /** When this version was saved, and by whom. */
  readonly versionCreatedAt: string
  readonly versionCreatedBy: ReportAuthorRef
}

/** `GET /api/reports/:id`: one version of a report (the latest unless asked), with its inputs and every version. */
export interface ReportView extends ReportSummary, ReportInput {
  /** The symbol this version bears (the one typed, or the automatic one). */
  readonly documentSymbol: string | null
  readonly counts: ReportCounts
  readonly versions: readonly ReportVersionSummary[]
}

export const EXPORT_FORMATS = ['html', 'docx', 'md', 'akn'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

// ---- The assembled report ----

export interface ReportPerson {
  readonly name: string
  readonly role: string
  /** ISO 3166 alpha-3 of the delegate's State. */
  readonly state: string | null
  readonly stateName: string | null
}

export interface RevisionRef {
  readonly number: number
  readonly label: string
  readonly createdAt: string
}

export interface RoundRef {
  readonly id: string
  readonly name: string
  readonly deadline: string
  readonly openedAt: string
  readonly closedAt: string | null
}

export interface AssembledComment {
  readonly id: string
  /** C1, C2 … in report order: the annex refers to comments by it instead of repeating them. */
  readonly number: number
  readonly author: ReportPerson
  /** Empty for a deleted comment. */
  readonly body: string
  readonly createdAt: string
  readonly editedAt: string | null
  readonly deleted: boolean
}

export interface AssembledProposal {
  readonly text: string
  readonly status: ProposalStatus
  /** Who proposed it (the thread's author). */
  readonly by: ReportPerson
  readonly decidedBy: ReportPerson | null
  readonly decidedAt: string | null
  readonly reason: string | null
}

export interface AssembledThread {
  readonly id: string
  readonly author: ReportPerson
  readonly createdAt: string
  readonly quote: string | null
  readonly status: ThreadStatus
  readonly round: string | null
  readonly proposal: AssembledProposal | null
  readonly comments: readonly AssembledComment[]
}

/** The threads one State (or, for people without one, one role) opened on a clause. */
export interface CommentGroup {
  /** The State's code, or `role:<role>`. */
  readonly key: string
  /** "Kenya (KEN)", "Rapporteur". */
  readonly label: string
  readonly threads: readonly AssembledThread[]
}

export interface PositionStatement {
  readonly state: string
  readonly stateName: string
  readonly stance: Stance
  readonly statement: string | null
}

export interface ClausePositions {
  /** "12 support · 1 reservation (JPN)". */
  readonly summary: string
  readonly counts: Readonly<Record<Stance, number>>
  readonly statements: readonly PositionStatement[]
}

export interface AssembledClause {
  readonly id: string
  readonly kind: ClauseKind
  readonly number: number | null
  readonly label: string
  readonly heading: string
  readonly status: ClauseStatus
  /** Plain-text form (shared/draft/blocks.ts): "(a) " sub-paragraphs, "Option A: " lines, "[…]" brackets. */
  readonly text: string
  /**
   * The text with the base revision's open suggestions as tracked runs (equal and delete runs give
   * `text`, equal and insert runs the text with all of them accepted); absent when it has none.
   */
  readonly suggested?: readonly SuggestedOp[]
  /** `text` with cross-references marked by target (shared/draft/references.ts), for AKN's `ref`; absent when none. */
  readonly refText?: string
  readonly groups: readonly CommentGroup[]
  readonly positions: ClausePositions
}

/** Comments on a clause the base revision does not hold (added later, or removed before it). */
export interface OtherClauseComments {
  readonly clauseId: string
  readonly label: string
  readonly heading: string
  readonly groups: readonly CommentGroup[]
}

/** A word-diff op and, where known, the State whose applied proposal made it (else the rapporteur). */
export interface AttributedOp {
  readonly op: WordOpKind
  readonly text: string
  readonly author: string | null
  readonly at: string | null
}

/** A run of a clause's text with open suggestions: `author` names the State (else the suggester), `suggestion` its id. */
export interface SuggestedOp extends AttributedOp {
  /** Null for the clause's own text (and for changes since the compared revision, where writers merge both). */
  readonly suggestion: string | null
  /** The suggesting State's code (null: the suggester has none, or not a suggestion). */
  readonly state: string | null
}

export const SUGGESTION_FATES = ['open', 'accepted', 'rejected', 'withdrawn'] as const
export type SuggestionFate = (typeof SUGGESTION_FATES)[number]

/** A State's suggestion and its fate: open in the base revision, or decided up to it (after the compared revision, if any). */
export interface AssembledSuggestion {
  readonly id: string
  readonly clauseId: string
  /** "Article 3" as the base revision numbers it, else where it was last known. */
  readonly clauseLabel: string
  readonly kind: SuggestionKind
  readonly inserted: string
  readonly deleted: string
  readonly by: ReportPerson
  readonly at: string
  readonly status: SuggestionFate
  readonly decidedBy: ReportPerson | null
  readonly decidedAt: string | null
  /** A rejection's reason, when given. */
  readonly reason: string | null
}

/** The suggestions of one State (or, for people without one, one role), in clause order. */
export interface SuggestionGroup {
  /** The State's code, or `role:<role>`. */
  readonly key: string
  /** "Kenya (KEN)", "Rapporteur". */
  readonly label: string
  readonly suggestions: readonly AssembledSuggestion[]
}

/** A clause's diff as the report keeps it: its word ops attributed to their authors. */
export interface AssembledChange extends Omit<ClauseDiff, 'heading' | 'body' | 'suggestionsBefore' | 'suggestionsAfter'> {
  readonly heading: readonly AttributedOp[]
  readonly body: readonly AttributedOp[]
  /** For a removed clause: the base revision's clause it is shown after (null: before the first). */
  readonly follows: string | null
}

/**
 * The history's events the annex lists: all but the comment rounds' own, the text's own (clause.*:
 * the report's changes say what changed) and the meetings' (meeting.*: their minutes record them).
 */
export type AnnexEventType = Exclude<EventType, `round.${string}` | `clause.${string}` | `meeting.${string}`>
export const ANNEX_EVENT_TYPES: readonly AnnexEventType[] = EVENT_TYPES.filter((type): type is AnnexEventType => !type.startsWith('round.') && !type.startsWith('clause.') && !type.startsWith('meeting.'))

/** One line of the comment history annex. */
export interface AnnexEntry {
  readonly at: string
  readonly type: AnnexEventType
  readonly actor: ReportPerson
  readonly clauseLabel: string | null
  /** The comment concerned (see AssembledComment.number). */
  readonly commentNumber: number | null
  /** The earlier wording of an edited comment, a proposal's text, a reason, a position's stance and statement. */
  readonly detail: string | null
}

export interface AssembledReport {
  /** Bumped if the shape changes, so stored versions can still be read (2 added `symbol`, 3 `suggestions`). */
  readonly formatVersion: 1 | 2 | 3
  /** Null for an unsaved preview. */
  readonly reportId: string | null
  readonly version: number | null
  /** When this version was saved (or previewed). */
  readonly versionAt: string
  readonly author: ReportPerson
  readonly title: string
  readonly session: string | null
  readonly place: string | null
  readonly date: string | null
  /** "AALCO/OWG-CYBERSPACE/2026/R.1", printed on the first page; null in versions saved before symbols. */
  readonly symbol: string | null
  readonly sections: readonly ReportSection[]
  readonly draft: { readonly id: string; readonly title: string }
  readonly base: RevisionRef
  readonly compare: RevisionRef | null
  /** The rounds included; null when every thread up to the base revision is. */
  readonly rounds: readonly RoundRef[] | null
  readonly clauses: readonly AssembledClause[]
  readonly changes: { readonly summary: DiffSummary; readonly clauses: readonly AssembledChange[] } | null
  readonly otherComments: readonly OtherClauseComments[]
  /** Suggestions by State with their fate; empty in versions saved before suggestions. */
  readonly suggestions: readonly SuggestionGroup[]
  readonly annex: readonly AnnexEntry[]
  /** Statements on record (explanations of position, reservations, dissociations); absent in versions saved before them. */
  readonly statements?: readonly ReportStatement[]
  readonly counts: ReportCounts
}

/** A State's statement on record, on a clause (its label) or on the whole draft (null). */
export interface ReportStatement {
  readonly id: string
  readonly clauseId: string | null
  readonly clauseLabel: string | null
  readonly kind: StatementKind
  /** 'Reservation', 'Explanation of position', 'Dissociation'. */
  readonly kindLabel: string
  readonly state: string
  readonly stateName: string
  readonly text: string
  readonly at: string
}

/** A stored version's assembled report, read back whatever format version saved it. */
export function readAssembled(json: string): AssembledReport {
  const stored = JSON.parse(json) as Omit<AssembledReport, 'symbol' | 'suggestions'> & { symbol?: string | null; suggestions?: AssembledReport['suggestions'] }
  return { ...stored, symbol: stored.symbol ?? null, suggestions: stored.suggestions ?? [] }
}
