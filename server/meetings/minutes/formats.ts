/**
 * The minutes' formats for `GET /api/meetings/:id/minutes?format=`: json (the preview's data), html
 * and docx; each with its content type, extension and renderer, and the file name to send it under.
 */
import type { Minutes } from '../../../shared/meetingMinutes'
import { asciiFileName } from '../../report/exports'
import { minutesDocx } from './docx'
import { minutesHtml } from './html'

export const MINUTES_FORMAT_NAMES = ['json', 'html', 'docx'] as const
export type MinutesFormat = (typeof MINUTES_FORMAT_NAMES)[number]

export interface MinutesExporter {
  readonly contentType: string
  readonly extension: string
  /** json and html are shown in the browser; docx is downloaded (attachment). */
  readonly attachment: boolean
  render(minutes: Minutes): Promise<string | Buffer>
}

export const MINUTES_FORMATS: Readonly<Record<MinutesFormat, MinutesExporter>> = {
  json: { contentType: 'application/json; charset=utf-8', extension: 'json', attachment: false, render: async (m) => JSON.stringify(m) },
  html: { contentType: 'text/html; charset=utf-8', extension: 'html', attachment: false, render: async (m) => minutesHtml(m) },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', attachment: true, render: minutesDocx },
}

export function isMinutesFormat(value: unknown): value is MinutesFormat {
  return typeof value === 'string' && (MINUTES_FORMAT_NAMES as readonly string[]).includes(value)
}

/** "Minutes-Third-meeting-2017-02-13.docx" ("-provisional" before the extension while the meeting is open). */
export function minutesFileName(m: Pick<Minutes, 'title' | 'date' | 'provisional'>, format: MinutesFormat): string {
  return `${asciiFileName(`Minutes ${m.title} ${m.date}`)}${m.provisional ? '-provisional' : ''}.${MINUTES_FORMATS[format].extension}`
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (or `inline; …` for the formats shown in the
 * browser): the ASCII name for old clients, the exact title (RFC 5987) for the others.
 */
export function minutesContentDisposition(m: Pick<Minutes, 'title' | 'date' | 'provisional'>, format: MinutesFormat): string {
  const exporter = MINUTES_FORMATS[format]
  const exact = `Minutes ${m.title.replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').trim().slice(0, 120)} ${m.date}${m.provisional ? ' (provisional)' : ''}.${exporter.extension}`
  const encoded = encodeURIComponent(exact).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${exporter.attachment ? 'attachment' : 'inline'}; filename="${minutesFileName(m, format)}"; filename*=UTF-8''${encoded}`
}
