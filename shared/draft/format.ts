/**
 * The public draft document format: one Y.Doc per draft (see README "Draft document format").
 *   doc.getMap('draft')    title: string
 *   doc.getMap('clauses')  clauseId -> Y.Map { position, kind, heading: Y.Text, body: Y.XmlFragment, status }
 */
export const DRAFT_MAP = 'draft'
export const CLAUSES_MAP = 'clauses'

export const CLAUSE_KINDS = ['preamble', 'article'] as const
export type ClauseKind = (typeof CLAUSE_KINDS)[number]

export const CLAUSE_STATUSES = ['proposed', 'under-discussion', 'agreed-ad-referendum', 'agreed', 'adopted'] as const
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number]

/** Agreed language: its heading and body are locked until the chair or the secretariat reopens the clause. */
export const LOCKED_STATUSES: readonly ClauseStatus[] = ['agreed-ad-referendum', 'agreed', 'adopted']

export function isLockedStatus(value: unknown): boolean {
  return typeof value === 'string' && (LOCKED_STATUSES as readonly string[]).includes(value)
}

/** Keys of a clause's Y.Map. */
export const ClauseKey = {
  position: 'position',
  kind: 'kind',
  heading: 'heading',
  body: 'body',
  status: 'status',
} as const

export function isClauseKind(value: unknown): value is ClauseKind {
  return typeof value === 'string' && (CLAUSE_KINDS as readonly string[]).includes(value)
}

export function isClauseStatus(value: unknown): value is ClauseStatus {
  return typeof value === 'string' && (CLAUSE_STATUSES as readonly string[]).includes(value)
}
