/**
 * Rapporteur's reports: assembling (and previewing) one from a revision, the changes since an
 * earlier one and the comments received; saving it as version 1, revising it "accordingly" as
 * version 2, 3 …; reading and exporting any version. Each saved version stores the assembled
 * report itself, so its exports never change afterwards. Callers check `report.assemble` for
 * writes; reading is for every member of the draft's group.
 */
import { automaticSymbol, defaultCompareTo, revisedSymbol } from '../../shared/report/defaults'
import { reportHtml } from '../report/writers/html/html'
import { type AssembledReport, type ExportFormat, type ReportAuthorRef, type ReportInput, type ReportSection, type ReportSummary, type ReportView, readAssembled } from '../../shared/report/types'
import { newId } from '../../shared/ids'
import type { AppContext } from '../context'
import { conflict, notFound, validationFailed } from '../errors'
import { MissingRevisionError, assembleReport } from '../report/assemble'
import { EXPORTERS, contentDisposition } from '../report/exports'
import { type ReportRecord, type ReportVersionMeta, type ReportVersionRecord, ReportVersionTakenError } from '../storage/reports'
import type { Draft, User } from '../storage/Storage'
import { visibleDraft } from './commenting'

/** A report body as the API takes it (after zod): optional fields may be absent. */
export interface ReportBody {
  readonly title: string
  readonly session?: string | null | undefined
  readonly place?: string | null | undefined
  readonly date?: string | null | undefined
  /** Absent or blank: the automatic symbol. */
  readonly symbol?: string | null | undefined
  readonly sections?: readonly ReportSection[] | undefined
  readonly baseRevision: number
  /** Absent: the revision saved when the comment round opened, else the one before the base one; null: no comparison. */
  readonly compareTo?: number | null | undefined
  /** Absent: every thread opened up to the base revision. */
  readonly rounds?: readonly string[] | undefined
}

const blankToNull = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null)

/** Resolves the defaults and checks every revision and round named: a 400 naming the field otherwise. */
export async function resolveInput(ctx: AppContext, draft: Draft, body: ReportBody): Promise<ReportInput> {
  const revisions = ctx.storage.revisions
  if (!(await revisions.getRevision(draft.id, body.baseRevision))) throw validationFailed(`baseRevision: this draft has no revision ${body.baseRevision}.`)
  const allRounds = await ctx.storage.threads.listRounds(draft.id)
  let rounds: string[] | null = null
  if (body.rounds !== undefined) {
    const known = allRounds.map((r) => r.id)
    body.rounds.forEach((id, i) => {
      if (!known.includes(id)) throw validationFailed(`rounds.${i}: not a comment round of this draft.`)
    })
    // In the order the rounds were opened, each once: the same choice always reads the same.
    rounds = known.filter((id) => body.rounds?.includes(id))
  }
  let compareTo: number | null
  if (body.compareTo === undefined) {
    compareTo = defaultCompareTo(await revisions.listRevisions(draft.id), allRounds, body.baseRevision, rounds)
  } else {
    compareTo = body.compareTo
    if (compareTo !== null && compareTo >= body.baseRevision) throw validationFailed('compareTo: must be a revision earlier than baseRevision.')
    if (compareTo !== null && !(await revisions.getRevision(draft.id, compareTo))) throw validationFailed(`compareTo: this draft has no revision ${compareTo}.`)
  }
  return {
    title: body.title.trim(),
    session: blankToNull(body.session),
    place: blankToNull(body.place),
    date: blankToNull(body.date),
    symbol: blankToNull(body.symbol),
    sections: (body.sections ?? []).map((s) => ({ heading: s.heading.trim(), body: s.body.replace(/\r\n?/g, '\n').trim() })),
    baseRevision: body.baseRevision,
    compareTo,
    rounds,
  }
}

/** The automatic symbol of a report created at `createdAt`: numbered among the group's reports of that year. */
async function automaticSymbolFor(ctx: AppContext, draft: Draft, report: { readonly id: string; readonly createdAt: string }): Promise<string> {
  const group = await ctx.storage.getGroup(draft.groupId)
  const year = report.createdAt.slice(0, 4)
  const drafts = await ctx.storage.listDrafts(draft.groupId)
  const all = (await Promise.all(drafts.map((d) => ctx.storage.reports.listReports(d.id)))).flat()
  const earlier = all.filter((r) => r.id !== report.id && r.createdAt.slice(0, 4) === year && (r.createdAt < report.createdAt || (r.createdAt === report.createdAt && r.id < report.id)))
  return automaticSymbol(group?.slug ?? 'wg', year, earlier.length + 1)
}

/** The symbol a version bears: the one typed, else the automatic one, "/Rev.N" added from version 2 on. */
async function symbolFor(ctx: AppContext, draft: Draft, input: ReportInput, report: { readonly id: string; readonly createdAt: string }, version: number): Promise<string> {
  if (input.symbol) return input.symbol
  const first = version > 1 ? await ctx.storage.reports.getVersion(report.id, 1) : null
  const firstSymbol = (first && readAssembled(first.content).symbol) || (await automaticSymbolFor(ctx, draft, report))
  return revisedSymbol(firstSymbol, version)
}

async function assemble(ctx: AppContext, draft: Draft, input: ReportInput, meta: Parameters<typeof assembleReport>[3]): Promise<AssembledReport> {
  try {
    return await assembleReport(ctx.storage, draft, input, meta)
  } catch (error) {
    // A revision checked a moment ago cannot vanish (revisions are never deleted), but say so plainly if it did.
    if (error instanceof MissingRevisionError) throw validationFailed(error.message)
    throw error
  }
}

/** The report as HTML without saving anything: the builder's live preview. */
export async function previewReport(ctx: AppContext, draft: Draft, user: User, body: ReportBody, revising: ReportRecord | null = null): Promise<string> {
  const input = await resolveInput(ctx, draft, body)
  const versionAt = ctx.now().toISOString()
  // The symbol it would bear if saved now: as the next version of the report being revised, or as a new report.
  const symbol = revising ? await symbolFor(ctx, draft, input, revising, revising.latest.version + 1) : await symbolFor(ctx, draft, input, { id: '', createdAt: versionAt }, 1)
  return reportHtml(await assemble(ctx, draft, input, { reportId: null, version: null, versionAt, authorId: user.id, symbol }))
}

/** The report a user may see (else the same 404 as a missing one), with its draft. */
export async function reportForUser(ctx: AppContext, user: User, reportId: string): Promise<{ record: ReportRecord; draft: Draft }> {
  const record = await ctx.storage.reports.getReport(reportId)
  if (!record) throw notFound('Report')
  return { record, draft: await visibleDraft(ctx, user, record.draftId, 'Report') }
}

const authorRef = (id: string, displayName: string): ReportAuthorRef => ({ id, displayName })

function summary(record: ReportRecord, version: ReportVersionMeta): ReportSummary {
  return {
    id: record.id,
    draftId: record.draftId,
    title: version.title,
    version: version.version,
    baseRevision: version.baseRevision,
    compareTo: version.compareTo,
    createdAt: record.createdAt,
    createdBy: authorRef(record.createdBy, record.createdByName),
    versionCreatedAt: version.createdAt,
    versionCreatedBy: authorRef(version.createdBy, version.createdByName),
  }
}

async function storedVersion(ctx: AppContext, record: ReportRecord, version?: number): Promise<ReportVersionRecord> {
  const stored = await ctx.storage.reports.getVersion(record.id, version ?? record.latest.version)
  if (!stored) throw notFound('Report version')
  return stored
}

/** One version of a report (the latest unless asked) with its inputs, counts and every version. */
export async function reportView(ctx: AppContext, record: ReportRecord, version?: number): Promise<ReportView> {
  const stored = await storedVersion(ctx, record, version)
  const content = readAssembled(stored.content)
  const versions = await ctx.storage.reports.listVersions(record.id)
  return {
    ...summary(record, stored),
    ...stored.input,
    symbol: stored.input.symbol ?? null,
    documentSymbol: content.symbol,
    counts: content.counts,
    versions: versions.map((v) => ({ version: v.version, title: v.title, baseRevision: v.baseRevision, compareTo: v.compareTo, createdAt: v.createdAt, createdBy: authorRef(v.createdBy, v.createdByName) })),
  }
}

export async function listReports(ctx: AppContext, draft: Draft): Promise<ReportSummary[]> {
  return (await ctx.storage.reports.listReports(draft.id)).map((r) => summary(r, r.latest))
}

/** Saves a new report as version 1. */
export async function createReport(ctx: AppContext, draft: Draft, user: User, body: ReportBody): Promise<ReportView> {
  const input = await resolveInput(ctx, draft, body)
  const id = newId()
  const createdAt = ctx.now().toISOString()
  const symbol = await symbolFor(ctx, draft, input, { id, createdAt }, 1)
  const content = await assemble(ctx, draft, input, { reportId: id, version: 1, versionAt: createdAt, authorId: user.id, symbol })
  const record = await ctx.storage.reports.createReport({ id, draftId: draft.id }, { version: 1, input, content: JSON.stringify(content), createdBy: user.id, createdAt })
  ctx.log.info({ draftId: draft.id, reportId: id, user: user.username }, 'report saved')
  return reportView(ctx, record)
}

/** "Report revised accordingly": the next version, assembled from the new inputs; earlier versions stay as they were. */
export async function reviseReport(ctx: AppContext, record: ReportRecord, draft: Draft, user: User, body: ReportBody): Promise<ReportView> {
  const input = await resolveInput(ctx, draft, body)
  // Two revisions at once both aim at the next number: the loser assembles again under the one after.
  for (let attempt = 0; attempt < 3; attempt++) {
    const latest = (await ctx.storage.reports.getReport(record.id))?.latest.version ?? record.latest.version
    const version = latest + 1
    const createdAt = ctx.now().toISOString()
    const symbol = await symbolFor(ctx, draft, input, record, version)
    const content = await assemble(ctx, draft, input, { reportId: record.id, version, versionAt: createdAt, authorId: user.id, symbol })
    try {
      const added = await ctx.storage.reports.addVersion(record.id, { version, input, content: JSON.stringify(content), createdBy: user.id, createdAt })
      if (!added) throw notFound('Report')
      ctx.log.info({ draftId: draft.id, reportId: record.id, version, user: user.username }, 'report revised')
      const updated = await ctx.storage.reports.getReport(record.id)
      if (!updated) throw notFound('Report')
      return await reportView(ctx, updated, version)
    } catch (error) {
      if (!(error instanceof ReportVersionTakenError)) throw error
    }
  }
  throw conflict('The report was revised by someone else at the same time; try again.')
}

export interface ExportedReport {
  readonly body: string | Buffer
  readonly contentType: string
  readonly disposition: string
}

/** A version of the report in one format, rendered from what that version stored. */
export async function exportReport(ctx: AppContext, record: ReportRecord, format: ExportFormat, version?: number): Promise<ExportedReport> {
  const stored = await storedVersion(ctx, record, version)
  const exporter = EXPORTERS[format]
  const content = readAssembled(stored.content)
  return { body: await exporter.render(content), contentType: exporter.contentType, disposition: contentDisposition(stored.title, stored.version, exporter.extension) }
}
