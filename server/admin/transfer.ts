import fs from 'node:fs'
import * as Y from 'yjs'
import { z } from 'zod'
import { readClauses, readTitle } from '../../shared/draft/ydoc'
import { newId } from '../../shared/ids'
import { type CostLimits, UpdateGuard } from '../collaboration/updateGuard'
import { DraftTitleSchema } from '../routes/api/drafts/schema'
import { loadStoredDoc } from '../services/drafts'
import type { Draft, Storage, User, WorkingGroup } from '../storage/Storage'

const FORMAT = 'provisio-draft'

export const DraftExportSchema = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(1),
    exportedAt: z.string(),
    draft: z.object({ id: z.string(), title: DraftTitleSchema, phase: z.enum(['drafting', 'consultation', 'closed']), group: z.string() }).strict(),
    /** The whole Yjs state (Y.encodeStateAsUpdate), base64. */
    state: z.string().min(1),
    clauses: z.number().int().min(0),
  })
  .strict()
export type DraftExport = z.infer<typeof DraftExportSchema>

/** One draft as JSON: its metadata and its whole Yjs state. */
export async function exportDraft(storage: Storage, draft: Draft, group: WorkingGroup, now = new Date()): Promise<DraftExport> {
  const doc = await loadStoredDoc(storage, draft.id)
  try {
    return {
      format: FORMAT,
      version: 1,
      exportedAt: now.toISOString(),
      draft: { id: draft.id, title: draft.title, phase: draft.phase, group: group.slug },
      state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
      clauses: readClauses(doc).length,
    }
  } finally {
    doc.destroy()
  }
}

export function readExportFile(file: string): DraftExport {
  const parsed = DraftExportSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
  if (!parsed.success) throw new Error(`Not a Provisio draft export: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim())
  return parsed.data
}

/** The title the API would take, or why not (the same zod rule). */
function checkedTitle(title: string, where: string): string {
  const parsed = DraftTitleSchema.safeParse(title)
  if (!parsed.success) throw new Error(`The export's title (${where}) is refused: ${parsed.error.issues[0]?.message ?? 'invalid'}.`)
  return parsed.data
}

/**
 * Creates a new draft (new id, phase drafting) in `group` from an export. Checked first as the
 * server checks what it stores: the title by the API's rule, the Yjs state by the cost limits of
 * a stored update (UPDATE_MAX_*, DRAFT_MAX_BYTES, DRAFT_MAX_ITEMS).
 */
export async function importDraft(storage: Storage, data: DraftExport, group: WorkingGroup, author: User, limits: CostLimits): Promise<{ draft: Draft; clauses: number }> {
  const state = new Uint8Array(Buffer.from(data.state, 'base64'))
  const doc = new Y.Doc()
  let clauses: number
  let title: string
  try {
    let verdict
    try {
      verdict = new UpdateGuard(limits).inspectStored(state, doc)
      if (verdict.ok) Y.applyUpdate(doc, state)
    } catch {
      throw new Error('The export holds no readable Yjs state.')
    }
    if (!verdict.ok) throw new Error(`The export's state is refused by the server's limits: ${verdict.reason}.`)
    clauses = readClauses(doc).length
    const inState = readTitle(doc)
    title = inState ? checkedTitle(inState, 'in its state') : checkedTitle(data.draft.title, 'draft.title')
  } finally {
    doc.destroy()
  }
  if (clauses !== data.clauses) throw new Error(`The export says ${data.clauses} clauses but its state holds ${clauses}.`)
  const draft = await storage.createDraft({ id: newId(), groupId: group.id, title, createdBy: author.id }, state)
  return { draft, clauses }
}
