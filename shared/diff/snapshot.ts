import * as Y from 'yjs'
import { blocksToText } from '../draft/blocks'
import { ClauseKey, isClauseKind, isClauseStatus } from '../draft/format'
import { compareClauses, numberClauses } from '../draft/numbering'
import { bodyBlocks, clausesMap } from '../draft/ydoc'
import type { ClauseSnapshot } from './types'

/**
 * The draft's clauses in order as a revision keeps them (plain text, no HTML): what diffs compare.
 * Same reading rules as `readClauses`, without rendering HTML.
 */
export function clauseSnapshots(doc: Y.Doc): ClauseSnapshot[] {
  const raw = []
  for (const [id, clause] of clausesMap(doc).entries()) {
    // Any writer can put anything in the map: entries that are not clause maps are ignored.
    if (!(clause instanceof Y.Map)) continue
    const kind = clause.get(ClauseKey.kind)
    const status = clause.get(ClauseKey.status)
    const position = clause.get(ClauseKey.position)
    const heading = clause.get(ClauseKey.heading)
    const body = clause.get(ClauseKey.body)
    raw.push({
      id,
      kind: isClauseKind(kind) ? kind : 'article',
      status: isClauseStatus(status) ? status : 'proposed',
      position: typeof position === 'string' ? position : '',
      heading: heading instanceof Y.Text ? heading.toString() : '',
      text: body instanceof Y.XmlFragment ? blocksToText(bodyBlocks(body)) : '',
    })
  }
  raw.sort(compareClauses)
  return numberClauses(raw).map(({ id, kind, number, label, heading, status, text }) => ({ id, kind, number, label, heading, status, text }))
}
