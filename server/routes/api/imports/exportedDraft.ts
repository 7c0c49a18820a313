/** For the markup tests: a draft with revision 1 and the DOCX export of its report, as a delegation receives it. */
import { expect } from 'vitest'
import { saveRevision } from '../../../services/revisions'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

export const CLAUSES = [
  { id: 'pre', kind: 'preamble' as const, heading: 'Preamble', text: 'The States taking part in these provisions,\nHave agreed as follows:' },
  { id: 'assist', kind: 'article' as const, heading: 'Mutual assistance', text: 'Each State shall afford the widest measure of mutual assistance.' },
  { id: 'extra', kind: 'article' as const, heading: 'Extradition', text: 'Offences under these provisions shall be extraditable offences.' },
  { id: 'final', kind: 'article' as const, heading: 'Final provisions', text: 'These provisions shall enter into force on adoption.\nThey may be amended by consensus.' },
  { id: 'scope', kind: 'article' as const, heading: 'Scope', text: 'These provisions apply to offences committed online.' },
]

export async function exportedDraft() {
  const t = await newServerWithGroup()
  const { rapporteur } = t.users
  const draft = await buildDraft(t.storage, rapporteur, { title: 'Model provisions on cooperation against cybercrime', clauses: CLAUSES })
  await saveRevision(t.server.ctx, draft, rapporteur, 'Rapporteur’s draft')
  const token = await tokenFor(t.storage, rapporteur)
  const report = await request<{ report: { id: string } }>(`${t.url}/api/drafts/${draft.id}/reports`, { method: 'POST', token, body: { title: 'Report of the Rapporteur', baseRevision: 1, compareTo: null } })
  expect(report.status).toBe(201)
  const file = await fetch(`${t.url}/api/reports/${report.body.report.id}/export?format=docx`, { headers: { authorization: `Bearer ${token}` } })
  expect(file.status).toBe(200)
  const docx = new Uint8Array(await file.arrayBuffer())
  return { t, draft, docx }
}
