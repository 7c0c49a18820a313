/**
 * Defaults a report shares between the builder (to say what it will use) and the server (to use it):
 * the revision the "changes since" start from, and the document symbol.
 */

interface RevisionLike {
  readonly number: number
  readonly label: string
  readonly createdAt: string
}

interface RoundLike {
  readonly id: string
  readonly name: string
  readonly openedAt: string
}

/** The label of the revision saved when a comment round opens or closes (the rounds hook). */
export function roundRevisionLabel(roundName: string, what: 'opened' | 'closed'): string {
  return `Comment round "${roundName}" ${what}`.slice(0, 200)
}

/** The revision saved when the round opened: the first one at or after its opening, labelled after it. */
export function revisionAtRoundOpening(revisions: readonly RevisionLike[], round: Pick<RoundLike, 'name' | 'openedAt'>): RevisionLike | null {
  const label = roundRevisionLabel(round.name, 'opened')
  return [...revisions].sort((a, b) => a.number - b.number).find((r) => r.createdAt >= round.openedAt && r.label === label) ?? null
}

/**
 * Where "changes since" starts when the rapporteur does not say: the revision saved when the comment
 * round opened (the earliest of the rounds included, or else the last round opened before the base
 * revision), so what was applied during the round is in the report; without one, the revision before.
 */
export function defaultCompareTo(revisions: readonly RevisionLike[], rounds: readonly RoundLike[], baseRevision: number, roundIds: readonly string[] | null): number | null {
  const base = revisions.find((r) => r.number === baseRevision)
  if (!base) return null
  const byOpening = [...rounds].sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0))
  const round = roundIds && roundIds.length > 0 ? byOpening.find((r) => roundIds.includes(r.id)) : byOpening.filter((r) => r.openedAt <= base.createdAt).at(-1)
  const opening = round ? revisionAtRoundOpening(revisions, round) : null
  if (opening && opening.number < baseRevision) return opening.number
  return revisions.some((r) => r.number === baseRevision - 1) ? baseRevision - 1 : null
}

/** The organisation whose documents these are: the first part of every automatic symbol. */
export const SYMBOL_ORGANIZATION = 'AALCO'

/** The language the report is written in, as its first page says ("Original: English"). */
export const ORIGINAL_LANGUAGE = 'English'

/**
 * The automatic document symbol of a report, in the style of intergovernmental documents:
 * organisation / working group / year / "R." and the report's number that year, e.g.
 * "AALCO/OWG-CYBERSPACE/2026/R.1"; a report revised accordingly adds "/Rev.1", "/Rev.2" … (version 2, 3 …).
 */
export function automaticSymbol(groupSlug: string, year: string, ordinal: number): string {
  const group = groupSlug.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'WG'
  return `${SYMBOL_ORGANIZATION}/${group}/${year}/R.${ordinal}`
}

/** The symbol of version `version` of a report whose first version bore `first`. */
export function revisedSymbol(first: string, version: number): string {
  return version > 1 ? `${first.replace(/\/Rev\.\d+$/, '')}/Rev.${version - 1}` : first
}
