import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import { openDemoRound } from './support/demoApi'
import { demoUser, openDraftAs } from './support/pages'
import { selectWords, showClause } from './support/selection'

// The user guide's pictures (docs/guide.md): written to test-artifacts/guide/, and into docs/guide/ with UPDATE_GUIDE=1.
const DOCS = path.resolve(import.meta.dirname, '../docs/guide')

async function shoot(page: Page, name: string): Promise<void> {
  const file = artifactPath(path.join('guide', `${name}.png`))
  fs.mkdirSync(path.dirname(file), { recursive: true })
  await page.screenshot({ path: file })
  expect(fs.statSync(file).size).toBeGreaterThan(10_000)
  if (process.env.UPDATE_GUIDE === '1') {
    fs.mkdirSync(DOCS, { recursive: true })
    fs.copyFileSync(file, path.join(DOCS, `${name}.png`))
  }
}

describe('browser: the user guide’s screens, one role at a time', () => {
  it('shows each role its main actions in the phase where they do them', { timeout: 240_000 }, async () => {
    const { server, url } = await startDemoApp()
    const browser = await launchBrowser()
    const open = (username: string) => {
      const user = demoUser(username)
      return openDraftAs(browser, url, user.username, user.password, DEMO_DRAFT.title)
    }

    // While drafting, the chair declares a status, after confirming.
    const chair = await open('chair')
    await showClause(chair.page, 'Article 2')
    await chair.page.getByRole('button', { name: 'Change status of Article 2' }).click()
    const status = chair.page.getByRole('dialog', { name: 'Status of Article 2' })
    await status.getByRole('radio', { name: 'Adopted' }).check()
    await status.getByText('Mark Article 2 as Adopted?').waitFor()
    await shoot(chair.page, 'chair-status')
    await status.getByRole('button', { name: 'Cancel' }).click()

    // The secretariat opens a comment round.
    const secretariat = await open('secretariat')
    const bar = secretariat.page.getByRole('region', { name: 'Comment round' })
    await bar.getByRole('button', { name: 'Open comment round' }).click()
    await bar.getByLabel('Round name').fill('Comments on the Rapporteur’s draft')
    await shoot(secretariat.page, 'secretariat-round')
    await bar.getByRole('button', { name: 'Cancel' }).click()
    await openDemoRound(server, url, DEMO_DRAFT.title)

    // A delegate selects words, comments or proposes wording, and records a position.
    const kenya = await open('delegate-ken')
    await kenya.page.getByRole('note').filter({ hasText: 'Consultation until' }).waitFor()
    await selectWords(kenya.page, 'Article 3', 'intentionally and without authorization')
    await kenya.page.getByRole('toolbar', { name: 'Selected words' }).waitFor()
    await shoot(kenya.page, 'delegate-select')
    await kenya.page.getByRole('toolbar', { name: 'Selected words' }).getByRole('button', { name: 'Propose wording' }).click()
    const form = kenya.page.getByRole('form', { name: 'New comment' })
    await form.getByLabel(/Proposed wording/).fill('intentionally, without authorization and with dishonest intent')
    await form.getByLabel('Explanation').fill('Kenya would require dishonest intent.')
    await shoot(kenya.page, 'delegate-propose')
    await form.getByRole('button', { name: 'Send proposal' }).click()
    await kenya.page.locator('.thread').filter({ hasText: 'dishonest intent' }).first().waitFor()
    await kenya.page.getByRole('button', { name: 'Close comments' }).click()
    await showClause(kenya.page, 'Article 3')
    await kenya.page.getByRole('button', { name: /^Record position of KEN on Article 3$/ }).click()
    await kenya.page.getByRole('dialog', { name: 'KEN position on Article 3' }).getByRole('radio', { name: 'Reservation' }).check()
    await shoot(kenya.page, 'delegate-position')
    await kenya.page.keyboard.press('Escape')

    // The rapporteur applies a proposal on its word diff, compares revisions, assembles the report.
    const rapporteur = await open('rapporteur')
    await rapporteur.page.getByRole('button', { name: /^Comments \(\d+\)$/ }).click()
    const thread = rapporteur.page.locator('.thread').filter({ hasText: 'dishonest intent' })
    await thread.getByRole('button', { name: 'Apply…' }).click()
    await thread.getByRole('group', { name: /^Apply the proposal of/ }).waitFor()
    await shoot(rapporteur.page, 'rapporteur-apply')
    await thread.getByRole('button', { name: 'Apply changes' }).click()
    await rapporteur.page.getByRole('status').filter({ hasText: 'proposal applied to Article 3' }).waitFor()
    await rapporteur.page.getByRole('link', { name: 'Revisions' }).click()
    await rapporteur.page.getByRole('button', { name: 'Compare with current: revision 1' }).click()
    await rapporteur.page.locator('ins', { hasText: 'dishonest intent' }).first().waitFor()
    await shoot(rapporteur.page, 'rapporteur-revisions')
    await rapporteur.page.getByRole('link', { name: 'Reports' }).click()
    await rapporteur.page.getByRole('heading', { name: /report/i }).first().waitFor()
    await shoot(rapporteur.page, 'rapporteur-report')

  })
})
