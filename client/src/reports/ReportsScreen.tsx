import { useCallback, useEffect, useRef, useState } from 'react'
import type { MeResponse, RevisionSummary } from '../../../shared/api'
import { can } from '../../../shared/permissions'
import { EXPORT_FORMATS, type ExportFormat, type ReportSummary, type ReportView } from '../../../shared/report/types'
import type { RoundView } from '../../../shared/threadsApi'
import { errorMessage as message } from '../api/http'
import { type ReportBody, reportsApi } from '../api/reports'
import { revisionsApi } from '../api/revisions'
import { threadsApi } from '../api/threads'
import { formatWhen } from '../revisions/endpoints'
import { DraftHeader } from '../draft/DraftHeader'
import { DraftUnavailable, useDraft } from '../draft/useDraft'
import { EMPTY_FORM, type FormState, ReportForm, formBody } from './ReportForm'
import './reports.css'
import { MarkupImport } from './MarkupImport'

const FORMAT_LABELS: Record<ExportFormat, string> = { docx: 'Word (DOCX)', html: 'HTML (print to PDF)', md: 'Markdown', akn: 'Akoma Ntoso XML' }
// Wait this long after the last keystroke before assembling a preview.
const PREVIEW_DELAY_MS = 400

function formOf(report: ReportView): FormState {
  return {
    title: report.title,
    session: report.session ?? '',
    place: report.place ?? '',
    date: report.date ?? '',
    symbol: report.symbol ?? '',
    sections: report.sections.map((s) => ({ ...s })),
    baseRevision: report.baseRevision,
    compareTo: report.compareTo === null ? 'none' : String(report.compareTo),
    rounds: report.rounds ?? [],
  }
}

function Downloads({ report }: { report: ReportView }) {
  return (
    <div className="report-downloads" role="group" aria-label={`Download version ${report.version}`}>
      <span className="muted">Download version {report.version}:</span>
      {EXPORT_FORMATS.map((format) => (
        <a key={format} className="report-download" href={reportsApi.exportUrl(report.id, format, report.version)} download>
          {FORMAT_LABELS[format]}
        </a>
      ))}
    </div>
  )
}

/** `/drafts/:id/reports`: the draft's reports, the builder with its live preview, saving and revising, downloads. */
export function ReportsScreen({ draftId, me }: { draftId: string; me: MeResponse }) {
  const { draft, error: draftError } = useDraft(draftId)
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null)
  const [rounds, setRounds] = useState<RoundView[]>([])
  const [reports, setReports] = useState<ReportSummary[]>([])
  const [error, setError] = useState<string | null>(null)
  const [form, setForm] = useState<FormState>(EMPTY_FORM)
  const [opened, setOpened] = useState<ReportView | null>(null)
  const [preview, setPreview] = useState<{ html: string } | { error: string } | null>(null)
  // What the last save or open said: shown beside the button pressed (save) or above the report (open).
  const [saved, setSaved] = useState<{ text: string; ok: boolean } | null>(null)
  const [openError, setOpenError] = useState<string | null>(null)
  const outcome = useRef<HTMLDivElement>(null)
  // A button at the bottom edge would leave its outcome below the fold: bring it (and the downloads) into view.
  useEffect(() => {
    if (saved) outcome.current?.scrollIntoView({ block: 'nearest' })
  }, [saved])
  const [busy, setBusy] = useState(false)
  const canAssemble = can(me.user.role, 'report.assemble')

  const refreshReports = useCallback(async () => setReports(await reportsApi.list(draftId)), [draftId])

  useEffect(() => {
    Promise.all([revisionsApi.list(draftId), threadsApi.rounds(draftId), reportsApi.list(draftId)]).then(
      ([revs, rnds, reps]) => {
        setRevisions(revs)
        setRounds(rnds)
        setReports(reps)
        setForm((f) => (f.baseRevision === null ? { ...f, baseRevision: revs.at(-1)?.number ?? null } : f))
      },
      (e: unknown) => setError(message(e, 'Could not load the reports.')),
    )
  }, [draftId])

  // The live preview: the builder's report assembled on the server, or a saved version for readers.
  const body = canAssemble ? formBody(form) : null
  const bodyKey = body ? JSON.stringify(body) : null
  // With a report open, the preview shows what "Revise accordingly" would save (its symbol /Rev.n).
  const revising = canAssemble && opened ? opened.id : null
  useEffect(() => {
    const controller = new AbortController()
    const load = canAssemble ? (bodyKey ? () => reportsApi.previewHtml(draftId, JSON.parse(bodyKey) as ReportBody, controller.signal, revising ?? undefined) : null) : opened ? () => reportsApi.savedHtml(opened.id, opened.version, controller.signal) : null
    if (!load) {
      setPreview(null)
      return
    }
    const timer = setTimeout(() => {
      load().then(
        (html) => setPreview({ html }),
        (e: unknown) => {
          if (!controller.signal.aborted) setPreview({ error: message(e, 'Could not assemble the preview.') })
        },
      )
    }, canAssemble ? PREVIEW_DELAY_MS : 0)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [draftId, bodyKey, canAssemble, opened, revising])

  const open = async (id: string, version?: number) => {
    try {
      const report = await reportsApi.get(id, version)
      setOpened(report)
      setForm(formOf(report))
      setSaved(null)
      setOpenError(null)
    } catch (e) {
      setOpenError(message(e, 'Could not open the report.'))
    }
  }

  const save = async (revise: boolean) => {
    if (!body) return
    setBusy(true)
    setSaved(null)
    try {
      const report = revise && opened ? await reportsApi.revise(opened.id, body) : await reportsApi.create(draftId, body)
      setOpened(report)
      await refreshReports()
      const symbol = report.documentSymbol ? ` (${report.documentSymbol})` : ''
      setSaved({ text: `Version ${report.version} of “${report.title}”${symbol} saved.`, ok: true })
    } catch (e) {
      setSaved({ text: message(e, 'Could not save the report.'), ok: false })
    } finally {
      setBusy(false)
    }
  }

  const unavailable = draftError ?? error
  if (unavailable) return <DraftUnavailable message={unavailable} />
  if (!draft || !revisions) return <p className="content muted">Loading the reports…</p>

  return (
    <div className="revisions-screen reports-screen">
      <DraftHeader draft={draft} view="reports" />
      <div className="revisions-body">
        <aside className="sidebar revisions-sidebar" aria-label="Reports">
          <h2 className="outline-title">Reports</h2>
          {reports.length === 0 && <p className="muted">No report yet.{canAssemble ? ' Build one on the right and save it.' : ''}</p>}
          <ul className="revision-list">
            {reports.map((r) => (
              <li key={r.id} className={`revision-item${opened?.id === r.id ? ' selected' : ''}`}>
                <span className="revision-number">{r.title}</span>
                <span className="muted revision-meta">
                  Version {r.version} · revision {r.baseRevision}
                  {r.compareTo !== null ? ` since ${r.compareTo}` : ''} · {r.versionCreatedBy.displayName} · {formatWhen(r.versionCreatedAt)}
                </span>
                <button type="button" className="small ghost" onClick={() => void open(r.id)} aria-label={`Open ${r.title}`}>
                  Open
                </button>
              </li>
            ))}
          </ul>
          {canAssemble && opened && (
            <button type="button" className="small ghost" onClick={() => { setOpened(null); setSaved(null); setForm({ ...EMPTY_FORM, baseRevision: revisions.at(-1)?.number ?? null }) }}>
              Start a new report
            </button>
          )}
          <MarkupImport draftId={draftId} me={me} />
        </aside>
        <main className="revisions-main reports-main">
          {opened && (
            <section className="report-opened" aria-label="Opened report">
              <h2>
                {opened.title} <span className="muted">— version {opened.version}</span>
              </h2>
              {opened.versions.length > 1 && (
                <p className="report-versions">
                  Versions:{' '}
                  {opened.versions.map((v) => (
                    <button key={v.version} type="button" className="small ghost" aria-pressed={v.version === opened.version} onClick={() => void open(opened.id, v.version)}>
                      v{v.version} ({formatWhen(v.createdAt)})
                    </button>
                  ))}
                </p>
              )}
              {opened.documentSymbol && <p className="report-symbol">{opened.documentSymbol}</p>}
              {/* The builder shows its downloads beside its buttons; readers get them here. */}
              {!canAssemble && <Downloads report={opened} />}
            </section>
          )}
          {openError && <p className="error" role="alert">{openError}</p>}
          {canAssemble && revisions.length === 0 && <p className="muted">Save a revision first (Revisions tab): a report presents the provisions as of a revision.</p>}
          {!canAssemble && !opened && reports.length > 0 && <p className="muted">Open a report to read it and download it.</p>}
          <div className="report-workbench">
          {canAssemble && revisions.length > 0 && (
            <form className="report-builder" aria-label="Report builder" onSubmit={(e) => { e.preventDefault(); void save(false) }}>
              <ReportForm form={form} revisions={revisions} rounds={rounds} onChange={setForm} />
              <div className="report-actions">
                <button type="submit" disabled={busy || !body}>{opened ? 'Save as a new report' : 'Save report'}</button>
                {opened && (
                  <button type="button" disabled={busy || !body} onClick={() => void save(true)}>
                    Revise accordingly (version {opened.versions.length + 1})
                  </button>
                )}
              </div>
              {/* Beside the buttons, where the user is looking; the live region is there before it speaks. */}
              <div ref={outcome} className="report-outcome">
                <p className={`report-status${saved && !saved.ok ? ' error' : ''}`} role="status">
                  {busy ? 'Saving…' : (saved?.text ?? '')}
                </p>
                {opened && <Downloads report={opened} />}
              </div>
            </form>
          )}
          {preview && (
            <section className="report-preview" aria-label={canAssemble ? 'Live preview' : 'Report'}>
              <h2 className="outline-title">{canAssemble ? 'Live preview' : 'Report'}</h2>
              {'error' in preview && <p className="error" role="alert">{preview.error}</p>}
              {/* No permission at all: the report's text can never run anything, whatever it holds. */}
              {'html' in preview && <iframe title="Report preview" sandbox="" srcDoc={preview.html} />}
            </section>
          )}
          </div>
        </main>
      </div>
    </div>
  )
}
