/**
 * Test helper: edits an exported .docx as a delegate's Word would — a tracked insertion or deletion
 * inside a run, a comment over some words — by rewriting its XML parts (the test's scripted edit).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'

export type RunEdit =
  | { readonly kind: 'ins'; readonly after: string; readonly text: string }
  | { readonly kind: 'del'; readonly text: string }
  | { readonly kind: 'comment'; readonly text: string; readonly comment: string }

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Splits the run holding `within` at the edit and writes the edit in Word's markup. */
function editRun(xml: string, within: string, edit: RunEdit, author: string, date: string, id: number): string {
  const t = `<w:t xml:space="preserve">${escapeXml(within)}</w:t>`
  const at = xml.indexOf(t)
  if (at < 0) throw new Error(`no run reads ${within}`)
  const start = Math.max(xml.lastIndexOf('<w:r>', at), xml.lastIndexOf('<w:r ', at))
  const end = xml.indexOf('</w:r>', at) + '</w:r>'.length
  const run = xml.slice(start, end)
  const rPr = /<w:rPr>.*?<\/w:rPr>/s.exec(run)?.[0] ?? ''
  const r = (text: string, tag = 'w:t') => `<w:r>${rPr}<${tag} xml:space="preserve">${escapeXml(text)}</${tag}></w:r>`
  const who = `w:id="${id}" w:author="${author}" w:date="${date}"`
  let replaced: string
  if (edit.kind === 'ins') {
    const cut = within.indexOf(edit.after) + edit.after.length
    replaced = r(within.slice(0, cut)) + `<w:ins ${who}>${r(edit.text)}</w:ins>` + r(within.slice(cut))
  } else {
    const cut = within.indexOf(edit.text)
    const middle = edit.kind === 'del' ? `<w:del ${who}>${r(edit.text, 'w:delText')}</w:del>` : `<w:commentRangeStart w:id="${id}"/>${r(edit.text)}<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`
    replaced = r(within.slice(0, cut)) + middle + r(within.slice(cut + edit.text.length))
  }
  return xml.slice(0, start) + replaced + xml.slice(end)
}

/** The export with each edit applied to the run reading `within`, all by `author`. */
export function markUp(docx: Uint8Array, author: string, edits: readonly { within: string; edit: RunEdit }[]): Uint8Array {
  const files: Record<string, Uint8Array> = unzipSync(docx)
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  let xml = strFromU8(files['word/document.xml'] ?? new Uint8Array())
  const comments: string[] = []
  edits.forEach(({ within, edit }, i) => {
    xml = editRun(xml, within, edit, author, date, 900 + i)
    if (edit.kind === 'comment') comments.push(`<w:comment w:id="${900 + i}" w:author="${author}" w:date="${date}" w:initials="KE"><w:p><w:r><w:t xml:space="preserve">${escapeXml(edit.comment)}</w:t></w:r></w:p></w:comment>`)
  })
  files['word/document.xml'] = strToU8(xml)
  if (comments.length) {
    files['word/comments.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${comments.join('')}</w:comments>`)
    const types = strFromU8(files['[Content_Types].xml'] ?? new Uint8Array())
    files['[Content_Types].xml'] = strToU8(types.replace('</Types>', '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'))
    const rels = strFromU8(files['word/_rels/document.xml.rels'] ?? new Uint8Array())
    files['word/_rels/document.xml.rels'] = strToU8(rels.replace('</Relationships>', '<Relationship Id="rIdKenyaComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>'))
  }
  return zipSync(files)
}
