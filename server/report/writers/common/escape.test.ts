import { describe, expect, it } from 'vitest'
import { marked } from 'marked'
import { cleanText, escapeMarkdown, escapeMarkdownInline, escapeXml } from './escape'

describe('escaping user text', () => {
  it('escapes the five XML characters and drops what XML 1.0 cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
    expect(cleanText('a\u0000b\u0007c\u000bd\tE\nF\r\uFFFE\uD800g😀')).toBe('abcd\tE\nF\rg😀')
  })

  it('backslash-escapes Markdown so it renders as typed: no emphasis, code, link, HTML, entity or table cell', () => {
    expect(escapeMarkdown('<script>alert(1)</script> & *x* _y_ `z` [a](b) |c| ~d~ \\')).toBe('\\<script\\>alert(1)\\</script\\> \\& \\*x\\* \\_y\\_ \\`z\\` \\[a\\](b) \\|c\\| \\~d\\~ \\\\')
  })

  it('keeps a line from opening a heading, quote, list or rule, and flattens line breaks', () => {
    expect(escapeMarkdown('# Title')).toBe('\\# Title')
    expect(escapeMarkdown('> quote')).toBe('\\> quote')
    expect(escapeMarkdown('- item')).toBe('\\- item')
    expect(escapeMarkdown('+ item')).toBe('\\+ item')
    expect(escapeMarkdown('12. item')).toBe('12\\. item')
    expect(escapeMarkdown('3) item')).toBe('3\\) item')
    expect(escapeMarkdown('  one\ntwo\r\n# three ')).toBe('one two # three')
  })
})

describe('bare URLs in Markdown', () => {
  const typed = 'See https://evil.example/x?a=1, HTTP://X.ORG, ftp://files.example, www.example.org, WWW.Example.org and write to sec@example.org.'

  it('stay text in a GFM renderer (no autolink) and read exactly as typed', () => {
    for (const escaped of [escapeMarkdown(typed), escapeMarkdownInline(typed)]) {
      const html = marked.parse(escaped, { gfm: true, async: false })
      expect(html).not.toContain('<a')
      expect(html.replace(/<\/?p>/g, '').trim()).toBe(typed.replace(/&/g, '&amp;'))
    }
    // Unescaped, the same renderer links all of them: the test would notice a renderer that stopped autolinking.
    expect((marked.parse(typed, { gfm: true, async: false }).match(/<a /g) ?? []).length).toBeGreaterThanOrEqual(5)
  })

  it('breaks the autolink with a backslash before the colon, the dot after www and the at sign', () => {
    expect(escapeMarkdown('https://a.example www.b.example c@d.example')).toBe('https\\://a.example www\\.b.example c\\@d.example')
    expect(escapeMarkdown('not a url: key:value, awww.x, a.www.b')).toBe('not a url: key:value, awww.x, a.www.b')
  })
})
