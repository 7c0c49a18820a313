/** Test helpers for the Word import routes: upload a file, count every table's rows. */
import Database from 'better-sqlite3'
import { DOCX_MEDIA_TYPE } from '../../shared/wordImport'

export interface Upload<T> {
  readonly status: number
  readonly body: T
}

export async function upload<T>(url: string, token: string, data: Uint8Array, contentType = DOCX_MEDIA_TYPE): Promise<Upload<T>> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: data })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
}

/** The same as a browser form sends it: multipart/form-data with one `file` part named `name`. */
export async function uploadForm<T>(url: string, token: string, data: Uint8Array, name: string): Promise<Upload<T>> {
  const form = new FormData()
  form.append('file', new Blob([data], { type: DOCX_MEDIA_TYPE }), name)
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
}

/** Rows in every table of the SQLite file: "the database is unchanged" is this map equal. */
export function rowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
    return Object.fromEntries(tables.map((t) => [t.name, db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${t.name}"`).get()?.n ?? 0]))
  } finally {
    db.close()
  }
}
