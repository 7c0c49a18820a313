import { describe, expect, it } from 'vitest'
import { issueCredential } from '../server/auth/credentials'
import type { DraftContent } from '../shared/api'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import { clauseText, demoUser, openDraftAs, outlineLabels } from './support/pages'

const POLL = { timeout: 15_000, interval: 50 }


const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:"Calibri"}</style></head>
<body lang=EN-GB><div class=WordSection1>
<p class=MsoNormal><span style='font-family:"Arial";color:red;font-size:14pt'>Each Party shall <b>ensure</b> that:<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>(a)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span style='font-size:12pt'>requests are answered promptly;<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>(b)<span>&nbsp;&nbsp; </span></span><![endif]>reasons are given for refusals.<o:p></o:p></p>
</div></body></html>`

describe('browser: drafting features', () => {
  it('brackets a span for the delegate’s State, offers options and keeps the chosen one, and pastes from Word as paragraphs and lettered sub-paragraphs', { timeout: 120_000 }, async () => {
    const { url, server } = await startDemoApp()
    const browser = await launchBrowser()
    const kenyaUser = demoUser('delegate-ken')
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    const page = kenya.page
    const text = clauseText(page, 'Article 2')

    // Bracket one word: it shows in brackets, attributed to Kenya.
    const firstParagraph = text.locator('p').first()
    await firstParagraph.dblclick({ position: { x: 20, y: 10 } })
    await page.getByRole('button', { name: '[ ] Bracket' }).click()
    const bracket = text.locator('span.bracket[data-states="KEN"]')
    await expect.poll(() => bracket.count(), POLL).toBe(1)
    const word = (await bracket.textContent()) ?? ''
    expect(word.length).toBeGreaterThan(1)

    // Options: the paragraph becomes Option A beside an empty Option B; Kenya writes B and keeps it.
    await text.locator('p').nth(1).click()
    await page.getByRole('button', { name: 'Options A / B' }).click()
    await text.getByRole('button', { name: 'Keep option B' }).waitFor()
    await text.locator('.option').nth(1).locator('p').click()
    await page.keyboard.type('Each State shall respect the sovereignty of every other State.')
    await page.screenshot({ path: artifactPath('options.png') })
    await text.getByRole('button', { name: 'Keep option B' }).click()
    await expect.poll(() => text.locator('.options-block').count(), POLL).toBe(0)
    await expect.poll(() => text.textContent(), POLL).toContain('Each State shall respect the sovereignty of every other State.')

    // Paste from Word: paragraphs and a real lettered list, no fonts or colours.
    await text.locator('p').last().click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await text.evaluate((element, html) => {
      const data = new DataTransfer()
      data.setData('text/html', html)
      data.setData('text/plain', 'fallback')
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, WORD_HTML)
    await expect.poll(() => text.locator('ol > li').count(), POLL).toBe(2)
    expect(await text.locator('ol > li').first().textContent()).toBe('requests are answered promptly;')
    expect(await text.locator('strong').filter({ hasText: 'ensure' }).count()).toBe(1)
    expect(await text.innerHTML()).not.toMatch(/font-family|color:|mso-|<o:p/)

    // The server's content reflects all of it.
    const draft = (await server.ctx.storage.listDrafts((await server.ctx.storage.listGroups())[0]?.id ?? ''))[0]
    const observer = await server.ctx.storage.getUserByUsername('observer')
    if (!observer) throw new Error('no observer')
    const token = (await issueCredential(server.ctx.storage, observer, 'token')).secret
    await expect
      .poll(async () => {
        const res = await fetch(`${url}/api/drafts/${draft?.id}/content`, { headers: { authorization: `Bearer ${token}` } })
        const content = (await res.json()) as DraftContent
        return content.clauses.find((c) => c.label === 'Article 2')?.text ?? ''
      }, POLL)
      .toMatch(new RegExp(`\\[${word}\\][\\s\\S]*Each State shall respect the sovereignty[\\s\\S]*\\(a\\) requests are answered promptly;\\n\\(b\\) reasons are given for refusals\\.`))
  })

  it('undoes only the user’s own changes, and brings a deleted clause back (the rapporteur: delegates delete nothing)', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const kenyaUser = demoUser('delegate-ken')
    const egyptUser = demoUser('delegate-egy')
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    const egypt = await openDraftAs(browser, url, egyptUser.username, egyptUser.password, DEMO_DRAFT.title)
    const kenyaText = clauseText(kenya.page, 'Article 1')
    const egyptText = clauseText(egypt.page, 'Article 1')

    await kenyaText.locator('p').first().click()
    await kenya.page.keyboard.press('End')
    await kenya.page.keyboard.type(' KENYA-EDIT')
    await expect.poll(() => egyptText.textContent(), POLL).toContain('KENYA-EDIT')
    // Egypt edits another paragraph of the same clause, after Kenya's change.
    await egyptText.locator('li').last().click()
    await egypt.page.keyboard.press('End')
    await egypt.page.keyboard.type(' EGYPT-EDIT')
    await expect.poll(() => kenyaText.textContent(), POLL).toContain('EGYPT-EDIT')

    await kenyaText.click()
    await kenya.page.keyboard.press('Control+z')
    await expect.poll(() => egyptText.textContent(), POLL).not.toContain('KENYA-EDIT')
    expect(await egyptText.textContent()).toContain('EGYPT-EDIT')
    expect(await kenyaText.textContent()).toContain('EGYPT-EDIT')

    // A delegate is offered no deletion (delegates suggest); the rapporteur deletes the last article
    // (with confirmation), then undoes it from the notice.
    const lastHeading = DEMO_DRAFT.clauses.at(-1)?.heading ?? ''
    const lastLabel = `Article ${DEMO_DRAFT.clauses.length - 1}`
    await kenya.page.locator(`article[aria-label="${lastLabel}"]`).scrollIntoViewIfNeeded()
    expect(await kenya.page.getByRole('button', { name: `Delete ${lastLabel}` }).count()).toBe(0)
    const rapporteurUser = demoUser('rapporteur')
    const rapporteur = await openDraftAs(browser, url, rapporteurUser.username, rapporteurUser.password, DEMO_DRAFT.title)
    await rapporteur.page.locator(`article[aria-label="${lastLabel}"]`).scrollIntoViewIfNeeded()
    await rapporteur.page.getByRole('button', { name: `Delete ${lastLabel}` }).click()
    await rapporteur.page.getByRole('group', { name: `Confirm deleting ${lastLabel}` }).getByRole('button', { name: 'Delete' }).click()
    await expect.poll(async () => (await outlineLabels(egypt.page)).length, POLL).toBe(DEMO_DRAFT.clauses.length - 1)
    await rapporteur.page.getByRole('status').filter({ hasText: `${lastLabel} deleted.` }).getByRole('button', { name: 'Undo' }).click()
    await expect.poll(async () => (await outlineLabels(egypt.page)).at(-1), POLL).toBe(`${lastLabel}: ${lastHeading}`)
    await egypt.page.locator(`article[aria-label="${lastLabel}"]`).scrollIntoViewIfNeeded()
    await expect.poll(() => clauseText(egypt.page, lastLabel).textContent(), POLL).toBe(
      (DEMO_DRAFT.clauses.at(-1)?.text ?? '').replace(/\n/g, ''),
    )
  })
})
