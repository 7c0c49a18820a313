/**
 * What a DOCX export carries so a marked-up copy can come back (`POST /api/drafts/:id/import-markup`):
 * custom document properties (docProps/custom.xml) naming the draft, the revision and the export's
 * time, and a bookmark on each clause's heading naming the clause.
 */
export const EXPORT_PROPERTY = {
  draftId: 'ProvisioDraftId',
  revision: 'ProvisioRevision',
  exportedAt: 'ProvisioExportedAt',
} as const

const PREFIX = '_Clause_'

export function clauseBookmarkName(clauseId: string): string {
  return `${PREFIX}${clauseId}`
}

/** The clause id a bookmark names, or null for any other bookmark. */
export function clauseIdOfBookmark(name: string): string | null {
  return name.startsWith(PREFIX) && name.length > PREFIX.length ? name.slice(PREFIX.length) : null
}
