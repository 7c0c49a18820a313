import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { launchBrowser } from './support/browser'
import { changeStatus } from './support/controls'
import { openDemoRound } from './support/demoApi'
import { clauseText, demoUser, openDraftAs } from './support/pages'
import { paragraphsOf, showClause } from './support/selection'

const POLL = { timeout: 15_000, interval: 50 }

describe('browser: agreed language', () => {
  it('the chair marks a clause agreed; the delegate’s editor shows it locked and cannot type in it; the chair reopens it and the delegate types again; the dashboard shows a State that did not respond to a round', { timeout: 240_000 }, async () => {
    const { server, url } = await startDemoApp()
    const browser = await launchBrowser()
    const open = (username: string) => {
      const user = demoUser(username)
      return openDraftAs(browser, url, user.username, user.password, DEMO_DRAFT.title)
    }
    const chair = await open('chair')
    const kenya = await open('delegate-ken')
    const lock = kenya.page.getByRole('note', { name: 'Article 2 is locked' })

    await changeStatus(chair.page, 'Article 2', 'Agreed')
    await lock.waitFor({ timeout: 15_000 })
    expect(await lock.textContent()).toMatch(/chair or the secretariat can reopen it/)
    await showClause(kenya.page, 'Article 2')
    const before = await paragraphsOf(kenya.page, 'Article 2')
    await clauseText(kenya.page, 'Article 2').click()
    await kenya.page.keyboard.type('xyz')
    expect(await clauseText(kenya.page, 'Article 2').getAttribute('contenteditable')).toBe('false')
    expect(await paragraphsOf(kenya.page, 'Article 2')).toEqual(before)
    expect(await kenya.page.getByText('Connected', { exact: true }).isVisible()).toBe(true)

    // Reopening asks for the reason on record.
    chair.page.once('dialog', (dialog) => void dialog.accept('Japan asks to revisit the definition.'))
    await changeStatus(chair.page, 'Article 2', 'Under discussion')
    await lock.waitFor({ state: 'detached', timeout: 15_000 })
    await expect.poll(() => clauseText(kenya.page, 'Article 2').getAttribute('contenteditable'), POLL).toBe('true')
    await clauseText(kenya.page, 'Article 2').click()
    await kenya.page.keyboard.press('End')
    await kenya.page.keyboard.type(' Kenya')
    await expect.poll(async () => (await paragraphsOf(chair.page, 'Article 2')).join('\n'), POLL).toContain(' Kenya')

    // A comment round nobody has answered yet: the dashboard lists who did not respond.
    await openDemoRound(server, url, DEMO_DRAFT.title)
    await kenya.page.getByRole('link', { name: 'Dashboard' }).click()
    const silent = kenya.page.getByRole('list', { name: 'Did not respond to Comments by Member States' })
    await silent.waitFor({ timeout: 15_000 })
    expect(await silent.getByText('Japan', { exact: true }).count()).toBe(1)
    expect(await kenya.page.getByRole('img', { name: /Brackets remaining over revisions/ }).count()).toBe(1)
    await browser.close()
  })

  it('the chair marks a clause agreed ad referendum by Kenya; Kenya confirms for its State and the clause is agreed', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const chairUser = demoUser('chair')
    const kenyaUser = demoUser('delegate-ken')
    const chair = await openDraftAs(browser, url, chairUser.username, chairUser.password, DEMO_DRAFT.title)
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    const answers = ['KEN', '2027-01-15']
    chair.page.on('dialog', (dialog) => void dialog.accept(answers.shift() ?? ''))
    await changeStatus(chair.page, 'Article 2', 'Agreed ad referendum')
    const holds = kenya.page.getByRole('group', { name: 'Ad referendum holds on Article 2' })
    await holds.getByText('KEN (by 2027-01-15)').waitFor({ timeout: 15_000 })
    await holds.getByRole('button', { name: 'Confirm for KEN' }).click()
    await holds.waitFor({ state: 'detached', timeout: 15_000 })
    await expect.poll(() => chair.page.locator('article[aria-label="Article 2"] .status-badge').textContent(), POLL).toBe('Agreed')
    await browser.close()
  })

  it('the rapporteur proposes a status, everyone sees the request, the chair confirms it', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const rapporteurUser = demoUser('rapporteur')
    const chairUser = demoUser('chair')
    const rapporteur = await openDraftAs(browser, url, rapporteurUser.username, rapporteurUser.password, DEMO_DRAFT.title)
    const chair = await openDraftAs(browser, url, chairUser.username, chairUser.password, DEMO_DRAFT.title)
    await rapporteur.page.getByRole('button', { name: 'Propose status for Article 2' }).click()
    const panel = rapporteur.page.getByRole('dialog', { name: 'Status of Article 2' })
    await panel.getByRole('radio', { name: 'Agreed', exact: true }).check()
    await panel.getByRole('button', { name: 'Confirm' }).click()
    const request = chair.page.getByRole('group', { name: 'Proposed statuses for Article 2' })
    await request.getByText(/proposes “agreed”/).waitFor({ timeout: 15_000 })
    await request.getByRole('button', { name: 'Confirm' }).click()
    await expect.poll(() => rapporteur.page.locator('article[aria-label="Article 2"] .status-badge').first().textContent(), POLL).toBe('Agreed')
    await request.waitFor({ state: 'detached', timeout: 15_000 })
    await browser.close()
  })
})
