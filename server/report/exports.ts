/** The export formats: how each renders, its content type and its file extension. */
import { reportHtml } from './writers/html/html'
import { reportMarkdown } from './writers/markdown/markdown'
import type { AssembledReport, ExportFormat } from '../../shared/report/types'
import { reportAkn } from './writers/akn/akn'
import { reportDocx } from './writers/docx/docx'

export interface Exporter {
  readonly contentType: string
  readonly extension: string
  render(report: AssembledReport): Promise<string | Buffer>
}

export const EXPORTERS: Readonly<Record<ExportFormat, Exporter>> = {
  html: { contentType: 'text/html; charset=utf-8', extension: 'html', render: async (r) => reportHtml(r) },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', render: async (r) => reportMarkdown(r) },
  akn: { contentType: 'application/akn+xml; charset=utf-8', extension: 'akn.xml', render: async (r) => reportAkn(r) },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', render: reportDocx },
}

/** An ASCII file name for `filename=` (letters, digits, hyphens), never empty. */
export function asciiFileName(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
  return ascii || 'report'
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…`: the plain name for old clients, the exact title
 * (RFC 5987, percent-encoded) for the others.
 */
export function contentDisposition(title: string, version: number, extension: string): string {
  const plain = `${asciiFileName(title)}-v${version}.${extension}`
  const exact = `${title.replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').trim().slice(0, 120) || 'report'}-v${version}.${extension}`
  const encoded = encodeURIComponent(exact).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${plain}"; filename*=UTF-8''${encoded}`
}
