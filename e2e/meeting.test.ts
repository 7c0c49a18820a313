import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import type { DraftContent } from '../shared/api'
import type { MeetingView } from '../shared/meetingApi'
import { request } from '../server/testing/http'
import { startDemoApp } from './support/appServer'
import { launchBrowser } from './support/browser'
import { seriousViolations } from './support/axe'
import { demoToken } from './support/demoApi'
import { demoUser, openDraftAs } from './support/pages'

const POLL = { timeout: 15_000, interval: 50 }
const TITLE = 'Second meeting of the Working Group'

const card = (page: Page, label: string) => page.locator(`article[aria-label="${label}"]`)

/** Where the clause's card sits: on screen and scrolled into view near the top of the window (under the sticky header). */
async function placement(page: Page, label: string): Promise<{ onScreen: boolean; inView: boolean }> {
  return card(page, label).evaluate((element) => {
    const top = element.getBoundingClientRect().top
    return { onScreen: element.getAttribute('data-on-screen') === 'true', inView: top >= 0 && top < window.innerHeight / 2 }
  })
}

/** Lets the page paint a few frames: following scrolls right after a render, so a page that did not scroll by then will not. */
async function settled(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve) => {
    let frames = 4
    const next = () => (--frames > 0 ? requestAnimationFrame(next) : resolve(window.scrollY))
    requestAnimationFrame(next)
  }))
}

describe('browser: meeting mode', () => {
  it('the chair opens a meeting and leads it through the text: followers are moved to the clause on screen, the floor and a decision, the presenter view, the minutes at the close', { timeout: 240_000 }, async () => {
    const { server, url } = await startDemoApp()
    const token = await demoToken(server, 'chair')
    const drafts = await request<{ drafts: { id: string; title: string }[] }>(`${url}/api/drafts`, { token })
    const draftId = drafts.body.drafts.find((d) => d.title === DEMO_DRAFT.title)?.id ?? ''
    // Agreeing is refused while a clause has open suggestions: the demo's Article 4 has none.
    const content = await request<DraftContent>(`${url}/api/drafts/${draftId}/content`, { token })
    expect(content.body.clauses.find((c) => c.label === 'Article 4')?.suggestions).toEqual([])

    const browser = await launchBrowser()
    const open = (username: string) => {
      const user = demoUser(username)
      return openDraftAs(browser, url, user.username, user.password, DEMO_DRAFT.title)
    }
    const chair = await open('chair')
    const japan = await open('delegate-jpn')
    const kenya = await open('delegate-ken')

    // The chair opens the meeting and puts Article 4 on screen.
    await chair.page.getByRole('region', { name: 'Meetings', exact: true }).getByRole('button', { name: 'Open a meeting' }).click()
    await chair.page.getByLabel('Title of the meeting').fill(TITLE)
    await chair.page.getByLabel('Place').fill('New Delhi')
    await chair.page.getByRole('button', { name: 'Open the meeting' }).click()
    await chair.page.getByRole('region', { name: 'Meeting', exact: true }).getByText(`Meeting: ${TITLE}`).waitFor()
    await chair.page.getByRole('button', { name: 'Put on screen: Article 4' }).click()

    // Both delegations follow by default: Article 4 is scrolled into view and marked on screen.
    for (const delegate of [japan, kenya]) {
      await expect.poll(() => placement(delegate.page, 'Article 4'), POLL).toEqual({ onScreen: true, inView: true })
      expect(await card(delegate.page, 'Article 4').getByText('On screen', { exact: true }).isVisible()).toBe(true)
      expect(await card(delegate.page, 'Article 4').getAttribute('aria-current')).toBe('true')
    }

    // Kenya stops following: the chair moves on to Article 10, Japan is moved there, Kenya stays on Article 4 but sees the change.
    await kenya.page.getByRole('button', { name: 'Stop following' }).click()
    await kenya.page.getByRole('button', { name: 'Follow again' }).waitFor()
    const kenyaScroll = await settled(kenya.page)
    await chair.page.getByRole('button', { name: 'Put on screen: Article 10' }).click()
    await expect.poll(() => placement(japan.page, 'Article 10'), POLL).toEqual({ onScreen: true, inView: true })
    await expect.poll(async () => (await placement(kenya.page, 'Article 10')).onScreen, POLL).toBe(true)
    expect(await settled(kenya.page)).toBe(kenyaScroll)
    expect(await placement(kenya.page, 'Article 4')).toEqual({ onScreen: false, inView: true })
    expect(await kenya.page.getByRole('region', { name: 'Meeting', exact: true }).getByRole('button', { name: /On screen: Article 10/ }).count()).toBe(1)
    // The outline marks the clause on screen too, for who stopped following: Article 10 now, no longer Article 4.
    const outline = kenya.page.getByRole('navigation', { name: 'Outline' })
    await expect.poll(() => outline.getByRole('listitem').filter({ hasText: 'Article 10' }).getByText('On screen', { exact: true }).count(), POLL).toBe(1)
    expect(await outline.getByText('On screen', { exact: true }).count()).toBe(1)
    // Following again jumps to the clause on screen.
    await kenya.page.getByRole('button', { name: 'Follow again' }).click()
    await expect.poll(() => placement(kenya.page, 'Article 10'), POLL).toEqual({ onScreen: true, inView: true })

    // Back to Article 4: Japan asks for the floor, the chair sees it in the queue and gives it the floor.
    await chair.page.getByRole('button', { name: 'Put on screen: Article 4' }).click()
    await expect.poll(() => placement(japan.page, 'Article 4'), POLL).toEqual({ onScreen: true, inView: true })
    await japan.page.getByRole('button', { name: 'Ask for the floor' }).click()
    await japan.page.getByText('JPN is number 1 in the queue').waitFor()
    const queue = chair.page.getByRole('list', { name: 'Asking for the floor' })
    await queue.getByText('JPN', { exact: true }).waitFor({ timeout: 15_000 })
    await queue.getByRole('button', { name: 'Give the floor to JPN' }).click()
    await japan.page.getByText('JPN has the floor', { exact: true }).waitFor({ timeout: 15_000 })
    await kenya.page.getByRole('region', { name: 'Meeting', exact: true }).getByText('JPN (Haruka Morimoto)').waitFor({ timeout: 15_000 })

    // The chair records "agreed ad referendum (JPN)" on the clause on screen; the clause's status follows for everyone.
    const form = chair.page.getByRole('form', { name: 'Record a decision' })
    expect(await form.getByLabel('Clause').inputValue()).toBe('')
    expect(await form.getByLabel('Clause').locator('option:checked').textContent()).toBe('On screen: Article 4')
    await form.getByRole('radio', { name: 'Agreed ad referendum' }).check()
    await form.getByLabel('State', { exact: true }).selectOption('JPN')
    await form.getByRole('button', { name: 'Record decision' }).click()
    await chair.page.getByRole('list', { name: 'Decisions so far' }).getByText('Agreed ad referendum (JPN)').waitFor({ timeout: 15_000 })
    for (const page of [chair.page, japan.page]) {
      await expect.poll(() => card(page, 'Article 4').locator('.status-badge').first().textContent(), POLL).toBe('Agreed ad referendum')
      await page.getByRole('group', { name: 'Ad referendum holds on Article 4' }).getByText('Agreed ad referendum, awaiting: JPN').waitFor({ timeout: 15_000 })
    }
    const meetings = await request<{ meetings: MeetingView[] }>(`${url}/api/drafts/${draftId}/meetings`, { token })
    const meeting = meetings.body.meetings[0]
    expect(meeting?.decisions.filter((d) => d.kind !== 'status').map((d) => [d.clauseLabel, d.kind, d.state])).toEqual([['Article 4', 'agreed-ad-referendum', 'JPN']])
    expect(await seriousViolations(chair.page), 'axe: the chair with the meeting panel open').toEqual([])
    // On a phone the meeting bar and its panel wrap: nothing wider than the screen.
    await japan.page.setViewportSize({ width: 390, height: 800 })
    await japan.page.getByRole('button', { name: 'Meeting panel' }).click()
    await japan.page.getByRole('list', { name: 'Decisions so far' }).waitFor()
    expect(await japan.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await seriousViolations(japan.page), 'axe: a delegate with the meeting panel open, phone width').toEqual([])

    // The presenter view (the projector) shows the clause on screen and who speaks, and follows the chair.
    const [presenter] = await Promise.all([chair.context.waitForEvent('page'), chair.page.getByRole('link', { name: 'Presenter view' }).click()])
    const onScreen = presenter.getByRole('article', { name: 'On screen: Article 4' })
    await onScreen.waitFor({ timeout: 15_000 })
    await onScreen.getByText('substantial', { exact: false }).waitFor()
    await presenter.getByText('JPN (Haruka Morimoto)').waitFor()
    expect(await seriousViolations(presenter), 'axe: the presenter view').toEqual([])
    await chair.page.getByRole('button', { name: 'Put on screen: Article 5' }).click()
    await presenter.getByRole('article', { name: 'On screen: Article 5' }).waitFor({ timeout: 15_000 })
    await presenter.close()

    // The secretariat closes the meeting; the minutes open.
    const secretariat = await open('secretariat')
    const bar = secretariat.page.getByRole('region', { name: 'Meeting', exact: true })
    await bar.getByText(`Meeting: ${TITLE}`).waitFor({ timeout: 15_000 })
    // The secretariat corrects the attendance: Kenya signed in, but is recorded absent.
    const attendance = bar.getByRole('list', { name: 'Attendance' })
    await attendance.getByRole('checkbox', { name: 'KEN', exact: true }).uncheck()
    await attendance.getByText(/absent/).waitFor({ timeout: 15_000 })
    expect(await attendance.getByRole('checkbox', { name: 'JPN', exact: true }).isChecked()).toBe(true)
    const corrected = await request<MeetingView>(`${url}/api/meetings/${meeting?.id ?? ''}`, { token })
    expect(corrected.body.attendance.map((a) => [a.state, a.present, a.source]).sort()).toEqual([['JPN', true, 'sign-in'], ['KEN', false, 'secretariat']])
    await bar.getByRole('button', { name: 'Close the meeting' }).click()
    await bar.getByRole('group', { name: `Confirm closing ${TITLE}` }).getByRole('button', { name: 'Close meeting' }).click()
    const past = secretariat.page.getByRole('region', { name: 'Past meetings' })
    await past.waitFor({ timeout: 15_000 })
    await kenya.page.getByRole('region', { name: 'Meeting', exact: true }).waitFor({ state: 'detached', timeout: 15_000 })
    const minutes = past.getByRole('group', { name: `Minutes of ${TITLE}` })
    await minutes.getByRole('button', { name: 'Open the minutes' }).click()
    const frame = secretariat.page.frameLocator(`iframe[title="Minutes of ${TITLE}"]`)
    await frame.getByText(TITLE, { exact: false }).first().waitFor({ timeout: 15_000 })
    await frame.getByText('Article 4', { exact: false }).first().waitFor()
    const docx = await secretariat.context.request.get(`${url}${await minutes.getByRole('link', { name: 'Word (DOCX)' }).getAttribute('href')}`)
    expect(docx.status()).toBe(200)
    expect(docx.headers()['content-type']).toContain('officedocument.wordprocessingml')
    await browser.close()
  })
})
