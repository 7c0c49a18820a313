import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { launchBrowser } from './support/browser'
import { demoUser, openDraftAs } from './support/pages'

const POLL = { timeout: 15_000, interval: 50 }

interface Copied {
  readonly text: string
  readonly html: string
}

type EditorElement = HTMLElement & { editor?: { state: { selection: { from: number; to: number }; doc: { textBetween: (from: number, to: number) => string } } } }

/** The text of the clause that contains `snippet` (the Tiptap editor, mounted once the clause is in view). */
async function textWith(page: Page, snippet: string): Promise<Locator> {
  const article = page.locator('article.clause').filter({ hasText: snippet })
  await article.scrollIntoViewIfNeeded()
  const text = article.locator('.tiptap')
  await text.waitFor()
  return text
}

/** Selects `from` … `to` (words of the clause text) in the browser, and waits until the editor has the selection. */
async function select(text: Locator, from: string, to: string): Promise<void> {
  await text.evaluate((element, [start, end]) => {
    const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    const nodes: Text[] = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node instanceof Text) nodes.push(node)
    const whole = nodes.map((n) => n.data).join('')
    const at = (offset: number): [Text, number] => {
      let rest = offset
      for (const node of nodes) {
        if (rest <= node.data.length) return [node, rest]
        rest -= node.data.length
      }
      throw new Error('offset beyond the text')
    }
    const first = whole.indexOf(start)
    const last = whole.indexOf(end, first) + end.length
    if (first < 0 || last < first + start.length) throw new Error(`no "${start}" … "${end}"`)
    element.focus()
    const range = element.ownerDocument.createRange()
    range.setStart(...at(first))
    range.setEnd(...at(last))
    const selection = window.getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
  }, [from, to] as const)
  await expect
    .poll(
      () =>
        text.evaluate((element: EditorElement) => {
          const state = element.editor?.state
          return state ? state.doc.textBetween(state.selection.from, state.selection.to) : ''
        }),
      POLL,
    )
    .toMatch(new RegExp(`^${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
}

/** Presses Ctrl+C and reads what the page put on the clipboard, from the copy event itself. */
async function copy(page: Page): Promise<Copied> {
  await page.evaluate(() => {
    const w = window as unknown as { copied?: Copied }
    delete w.copied
    window.addEventListener('copy', (event) => {
      w.copied = { text: event.clipboardData?.getData('text/plain') ?? '', html: event.clipboardData?.getData('text/html') ?? '' }
    }, { once: true })
  })
  await page.keyboard.press('Control+C')
  await expect.poll(() => page.evaluate(() => (window as unknown as { copied?: Copied }).copied !== undefined), POLL).toBe(true)
  return page.evaluate(() => (window as unknown as { copied: Copied }).copied)
}

/** Pastes into the text at the end of its last paragraph, as a browser does on Ctrl+V. */
async function paste(text: Locator, data: { html?: string; text: string }): Promise<void> {
  await text.locator('p').last().click()
  await text.page().keyboard.press('End')
  await text.evaluate((element, { html, plain }) => {
    const transfer = new DataTransfer()
    if (html) transfer.setData('text/html', html)
    transfer.setData('text/plain', plain)
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
  }, { html: data.html, plain: data.text })
}

describe('browser: copy and paste keep brackets and options', () => {
  it('copies brackets and option labels into text/plain, keeps the marks in the HTML, and pastes them back as marks', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const kenyaUser = demoUser('delegate-ken')
    const { page } = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)

    // Kenya brackets two words of the extradition article, then copies the sentence around them.
    const extradition = await textWith(page, 'maximum penalty of imprisonment')
    await select(extradition, 'maximum', 'penalty')
    await page.keyboard.press('Control+Shift+B')
    await expect.poll(() => extradition.locator('span.bracket[data-states="KEN"]').textContent(), POLL).toBe('maximum penalty')
    await select(extradition, 'a maximum penalty', 'at least one year')
    const copied = await copy(page)
    expect(copied.text).toBe('a [maximum penalty] of imprisonment of at least [one year]')
    // The HTML has the marks (with the States), and visible brackets for applications without our CSS.
    expect(copied.html).toMatch(/<span[^>]*data-bracket=""[^>]*data-states="KEN"[^>]*><span data-bracket-edge="">\[<\/span>maximum penalty<span data-bracket-edge="">]<\/span><\/span>/)

    // Options copied from the middle of Option A onwards keep their labels.
    const assistance = await textWith(page, 'lack of dual criminality')
    await select(assistance, 'only where the request', 'under its own law.')
    const options = await copy(page)
    expect(options.text).toMatch(/^Option A: only where the request calls for coercive measures;.*\nOption B: A requested State may refuse assistance where .* under its own law\.$/)
    expect(options.html).toContain('<p data-option-label="">Option B</p>')

    // Our HTML pasted into another clause: the brackets come back as marks, Kenya's still Kenya's, and no literal brackets.
    const target = await textWith(page, 'identify the data sought with reasonable precision')
    const before = (await target.textContent()) ?? ''
    await paste(target, copied)
    await expect.poll(() => target.locator('span.bracket[data-states="KEN"]').textContent(), POLL).toBe('maximum penalty')
    await expect.poll(() => target.locator('span.bracket').filter({ hasText: 'one year' }).count(), POLL).toBe(1)
    expect(await target.textContent()).not.toContain('[maximum')
    expect((await target.textContent())?.length).toBe(before.length + 'a maximum penalty of imprisonment of at least one year'.length)

    // The options pasted after the last paragraph are options again, labelled by their new place.
    await paste(target, options)
    await expect.poll(() => target.locator('div.option').count(), POLL).toBe(2)
    expect(await target.locator('p[data-option-label]').count()).toBe(0)

    // The content API's HTML (brackets written as text, labels as paragraphs) pastes as marks and options too.
    await paste(target, {
      html: '<p>up to <span class="bracket" data-states="JPN">[sixty]</span> days</p><div class="options"><div class="option"><p class="option-label">Option A</p><p>First.</p></div><div class="option"><p class="option-label">Option B</p><p>Second.</p></div></div>',
      text: 'up to [sixty] days',
    })
    await expect.poll(() => target.locator('span.bracket[data-states="JPN"]').textContent(), POLL).toBe('sixty')
    await expect.poll(() => target.locator('div.option').count(), POLL).toBe(4)
    expect(await target.textContent()).not.toMatch(/\[sixty|Option A/)

    // Plain text with brackets (an e-mail, a text editor) brackets those words, attributed to no State.
    await paste(target, { text: 'for a period of [thirty] days' })
    await expect.poll(() => target.locator('span.bracket').filter({ hasText: /^thirty$/ }).count(), POLL).toBe(1)
    expect(await target.locator('span.bracket').filter({ hasText: /^thirty$/ }).getAttribute('data-states')).toBeNull()
  })
})
