import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { Minutes } from '../../../shared/meetingMinutes'
import { assembleMinutes } from './assemble'
import { minutesDocx } from './docx'
import { MINUTES_FORMATS, MINUTES_FORMAT_NAMES, minutesContentDisposition, minutesFileName } from './formats'
import { minutesHtml } from './html'
import { EXPLANATION, NOTED, RESERVATION, minutesFixture } from './testFixture'

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1
const allDecisions = (m: Minutes) => [...m.clauses, ...m.otherClauses].flatMap((c) => c.decisions)

/** Where each needle first appears; -1 when it does not. */
const positions = (haystack: string, needles: readonly string[]) => needles.map((n) => haystack.indexOf(n))
const ascending = (xs: readonly number[]) => xs.every((x, i) => x >= 0 && (i === 0 || x > (xs[i - 1] as number)))

async function minutes() {
  const f = await minutesFixture()
  return { f, m: await assembleMinutes(f.ctx, f.draft, f.meeting) }
}

describe('the minutes as HTML', () => {
  it('is a complete document with every decision once, the clauses in the order taken up, the attendance, the closing text and the changes', async () => {
    const { m } = await minutes()
    const html = minutesHtml(m)
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'')
    expect(html).not.toMatch(/<script/i)
    for (const d of allDecisions(m)) expect({ id: d.id, n: occurrences(html, `data-decision="${d.id}"`) }).toEqual({ id: d.id, n: 1 })
    expect(occurrences(html, 'Agreed ad referendum (JPN)')).toBe(1)
    expect(html).toContain(`<li value="3" data-decision="dec-3"><strong>Agreed ad referendum (JPN)</strong>`)
    // Clauses in the order taken up, then those never on screen.
    expect(ascending(positions(html, ['id="taken-assist"', 'id="taken-scope"', 'id="taken-pre"', 'id="taken-final"', 'id="taken-data"']))).toBe(true)
    // Within Article 2, its decisions in seq order.
    expect(ascending(positions(html, ['data-decision="dec-1"', 'data-decision="dec-3"', 'data-decision="dec-4"']))).toBe(true)
    expect(html).toContain(NOTED)
    expect(html).toContain(RESERVATION)
    expect(html).toContain(EXPLANATION)
    // Present by name, the absent State apart and after.
    expect(ascending(positions(html, ['States present (3)', 'data-state="IND"', 'data-state="JPN"', 'data-state="KEN"', 'Recorded as absent (1)', 'data-state="EGY"']))).toBe(true)
    expect(html).toContain(`The text at the close (revision ${m.text.revision?.number})`)
    expect(html).toContain('mutual legal assistance.')
    expect(html).toContain('<span class="bracket">[serious]</span>')
    expect(html).toMatch(/<ins>legal<\/ins>/)
    expect(html).not.toContain('Provisional minutes')
  })

  it('escapes what users typed: a title holding a script tag is text', async () => {
    const { m } = await minutes()
    const html = minutesHtml(m)
    expect(html).toContain('<title>Minutes: Third meeting &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</title>')
    expect(html).toContain('<h1>Minutes: Third meeting &lt;script&gt;')
    expect(html).not.toContain('<script>alert')
  })

  it('says provisional while the meeting is open', async () => {
    const { f } = await minutes()
    const m = await assembleMinutes(f.ctx, f.draft, { ...f.meeting, status: 'open', closedAt: null, closeRevision: null })
    const html = minutesHtml(m)
    expect(html).toContain('role="note">Provisional minutes')
    expect(html).toContain('<title>Minutes: Third meeting &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co (provisional)</title>')
    expect(html).toContain('The text as it stands (live draft)')
  })
})

describe('the minutes as a Word document', () => {
  it('opens as a zip whose word/document.xml holds every decision in order, the attendance, the closing text and the changes', async () => {
    const { m } = await minutes()
    const parts = unzipSync(new Uint8Array(await minutesDocx(m)))
    const xml = strFromU8(parts['word/document.xml'] ?? new Uint8Array())
    expect(xml).toContain('<w:body>')
    const labels = ['Kept in brackets', 'Agreed ad referendum (JPN)', 'Statement taken note of (KEN)', '>Agreed</w:t>', 'Status changed to under discussion', 'Deferred']
    for (const label of labels) expect({ label, n: occurrences(xml, label) }).toEqual({ label, n: 1 })
    // In the minutes' order: Article 2's decisions (1, 3, 4), Article 1's (2), then those never on screen (5, 6).
    expect(ascending(positions(xml, labels))).toBe(true)
    expect(ascending(positions(xml, ['India (IND)', 'Japan (JPN)', 'Kenya (KEN)', 'Recorded as absent', 'Egypt (EGY)']))).toBe(true)
    expect(xml).toContain('Third meeting &lt;script&gt;')
    expect(xml).not.toContain('<script>')
    expect(xml).toContain('mutual legal assistance.')
    // The inserted word is underlined in the changes table.
    expect(xml).toContain('<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">legal</w:t></w:r>')
    expect(strFromU8(parts['docProps/core.xml'] ?? new Uint8Array())).toContain('Minutes: Third meeting &lt;script&gt;')
  })
})

describe('the minutes formats', () => {
  it('json, html and docx, each with its content type and a file name', async () => {
    const { m } = await minutes()
    expect(MINUTES_FORMAT_NAMES).toEqual(['json', 'html', 'docx'])
    expect(MINUTES_FORMATS.docx.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(MINUTES_FORMATS.html.contentType).toBe('text/html; charset=utf-8')
    const json = await MINUTES_FORMATS.json.render(m)
    expect(JSON.parse(String(json))).toEqual(m)
    expect(await MINUTES_FORMATS.html.render(m)).toBe(minutesHtml(m))
    expect(Buffer.isBuffer(await MINUTES_FORMATS.docx.render(m))).toBe(true)
    expect(minutesFileName(m, 'docx')).toBe('Minutes-Third-meeting-script-alert-x-script-co-2026-11-30.docx')
    const disposition = minutesContentDisposition(m, 'docx')
    expect(disposition).toMatch(/^attachment; filename="Minutes-Third-meeting-script-alert-x-script-co-2026-11-30\.docx"; filename\*=UTF-8''Minutes%20Third%20meeting%20%3Cscript%3E/)
    expect(minutesContentDisposition(m, 'html')).toMatch(/^inline; /)
    expect(minutesFileName({ ...m, provisional: true }, 'html')).toBe('Minutes-Third-meeting-script-alert-x-script-co-2026-11-30-provisional.html')
  })
})
