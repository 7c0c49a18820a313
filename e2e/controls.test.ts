import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import type { DraftContent } from '../shared/api'
import type { PositionsResponse } from '../shared/threadsApi'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import { changeStatus, recordPosition } from './support/controls'
import { demoUser, openDraftAs } from './support/pages'

const POLL = { timeout: 15_000, interval: 50 }

/** The draft's id, read through the API as the signed-in user. */
async function draftId(page: Page, url: string): Promise<string> {
  const res = await page.request.get(`${url}/api/drafts`)
  const { drafts } = (await res.json()) as { drafts: { id: string; title: string }[] }
  const id = drafts.find((d) => d.title === DEMO_DRAFT.title)?.id
  if (!id) throw new Error('no demo draft')
  return id
}

async function positions(page: Page, url: string, id: string): Promise<PositionsResponse['positions']> {
  return ((await (await page.request.get(`${url}/api/drafts/${id}/positions`)).json()) as PositionsResponse).positions
}

async function positionEvents(page: Page, url: string, id: string): Promise<number> {
  const { events } = (await (await page.request.get(`${url}/api/drafts/${id}/history`)).json()) as { events: { type: string }[] }
  return events.filter((e) => e.type === 'position.recorded').length
}

async function statusOf(page: Page, url: string, id: string, label: string): Promise<string | undefined> {
  const content = (await (await page.request.get(`${url}/api/drafts/${id}/content`)).json()) as DraftContent
  return content.clauses.find((c) => c.label === label)?.status
}

/** Where the keyboard focus is: the focused element's aria-label, a radio's value, or its text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement
    return element?.getAttribute('aria-label') ?? (element instanceof HTMLInputElement ? element.value : (element?.textContent ?? ''))
  })
}

describe('browser: no official record changes on a stray key', () => {
  it('records a delegate’s position only on “Record position”, never on arrow keys, with its statement', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const kenyaUser = demoUser('delegate-ken')
    const { page } = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    const id = await draftId(page, url)
    const clause = page.locator('article[aria-label="Article 2"]')
    const opener = clause.getByRole('button', { name: 'Record position of KEN on Article 2' })

    // Arrow keys on the control, and on the choices once it is open, record nothing; Escape closes it.
    await opener.focus()
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowRight']) await page.keyboard.press(key)
    await page.keyboard.press('Enter')
    const panel = page.getByRole('dialog', { name: 'KEN position on Article 2' })
    await panel.waitFor()
    expect(await focused(page)).toBe('support') // the first choice has the focus, and nothing is chosen yet
    expect(await panel.getByRole('button', { name: 'Record position' }).isDisabled()).toBe(true)
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp']) await page.keyboard.press(key)
    expect(await panel.getByRole('radio', { name: 'Reservation' }).isChecked()).toBe(true)
    await panel.getByText('Record Reservation for KEN on Article 2?').waitFor()
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    expect(await focused(page)).toBe('Record position of KEN on Article 2')
    expect(await positions(page, url, id)).toEqual([])
    expect(await positionEvents(page, url, id)).toBe(0)
    expect(await clause.locator('.position-mine').textContent()).toBe('KEN: no position recorded')

    // An explicit choice, a statement, and "Record position": one event, and the statement shows.
    await opener.click()
    await panel.getByRole('radio', { name: 'Reservation' }).check()
    await panel.getByLabel('Statement for the record (optional)').fill('Kenya reserves its position pending consultations in Nairobi.')
    await page.screenshot({ path: artifactPath('position-control.png') })
    await panel.getByRole('button', { name: 'Record position' }).click()
    await panel.waitFor({ state: 'detached' })
    await expect.poll(() => clause.locator('.position-mine').textContent(), POLL).toBe('KEN: Reservation Kenya reserves its position pending consultations in Nairobi.')
    expect(await focused(page)).toBe('Change position of KEN on Article 2')
    const recorded = await positions(page, url, id)
    expect(recorded.map((p) => [p.state, p.stance, p.statement])).toEqual([['KEN', 'reservation', 'Kenya reserves its position pending consultations in Nairobi.']])
    expect(await positionEvents(page, url, id)).toBe(1)
    expect(await page.getByLabel('Positions on Article 2').textContent()).toBe('1 reservation (KEN)')

    // Cancel after choosing another stance records nothing either.
    await clause.getByRole('button', { name: 'Change position of KEN on Article 2' }).click()
    await panel.getByRole('radio', { name: 'Support' }).check()
    await panel.getByRole('button', { name: 'Cancel' }).click()
    await panel.waitFor({ state: 'detached' })
    expect(await positionEvents(page, url, id)).toBe(1)

    // Changing it is the same explicit step (the helper other browser tests use).
    await recordPosition(page, 'KEN', 'Article 2', 'Support')
    await expect.poll(() => page.getByLabel('Positions on Article 2').textContent(), POLL).toBe('1 support') // only dissent names its States
    expect(await positionEvents(page, url, id)).toBe(2)
  })

  it('changes a clause status only after the chair or secretariat confirms, never on arrow keys', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const secretariatUser = demoUser('secretariat')
    const { page } = await openDraftAs(browser, url, secretariatUser.username, secretariatUser.password, DEMO_DRAFT.title)
    const id = await draftId(page, url)
    const before = await statusOf(page, url, id, 'Article 2')
    expect(before).toBeDefined()
    const clause = page.locator('article[aria-label="Article 2"]')
    const badge = clause.locator('.status-badge')
    const badgeText = (await badge.textContent()) ?? ''

    // Arrow keys on the opener and on the choices change nothing; the question waits for Confirm; Escape cancels.
    const opener = page.getByRole('button', { name: 'Change status of Article 2' })
    await opener.focus()
    for (const key of ['ArrowDown', 'ArrowDown']) await page.keyboard.press(key)
    await page.keyboard.press('Enter')
    const panel = page.getByRole('dialog', { name: 'Status of Article 2' })
    await panel.waitFor()
    for (const key of ['ArrowDown', 'ArrowDown']) await page.keyboard.press(key)
    await panel.getByText(/^Mark Article 2 as .+\?$/).waitFor()
    await page.screenshot({ path: artifactPath('status-control.png') })
    expect(await badge.textContent()).toBe(badgeText)
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    expect(await focused(page)).toBe('Change status of Article 2')
    expect(await statusOf(page, url, id, 'Article 2')).toBe(before)

    // Tabbing out of the panel (choice → Confirm → Cancel → away) closes it, recording nothing.
    await page.keyboard.press('Enter')
    await panel.waitFor()
    await page.keyboard.press('ArrowDown')
    for (const key of ['Tab', 'Tab', 'Tab']) await page.keyboard.press(key)
    await panel.waitFor({ state: 'detached' })
    expect(await badge.textContent()).toBe(badgeText)
    expect(await statusOf(page, url, id, 'Article 2')).toBe(before)

    // Choosing and confirming changes it, for everyone (the server's content says so too).
    const target = before === 'agreed' ? 'Adopted' : 'Agreed'
    await changeStatus(page, 'Article 2', target)
    await expect.poll(() => badge.textContent(), POLL).toBe(target)
    expect(await focused(page)).toBe('Change status of Article 2')
    await expect.poll(() => statusOf(page, url, id, 'Article 2'), POLL).toBe(target.toLowerCase())
  })
})
