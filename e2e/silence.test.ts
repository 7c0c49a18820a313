import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import type { SilenceView, StatementView } from '../shared/agreementApi'
import { request } from '../server/testing/http'
import { startDemoApp } from './support/appServer'
import { launchBrowser } from './support/browser'
import { demoToken } from './support/demoApi'
import { demoUser, openDraftAs } from './support/pages'

describe('browser: silence procedure and statements on record', () => {
  it('the secretariat circulates under silence; the delegate sees the banner, breaks silence with a reason and puts a reservation on record on a clause', { timeout: 180_000 }, async () => {
    const { server, url } = await startDemoApp()
    const kenyaToken = await demoToken(server, 'delegate-ken')
    const drafts = await request<{ drafts: { id: string; title: string }[] }>(`${url}/api/drafts`, { token: kenyaToken })
    const draftId = drafts.body.drafts.find((d) => d.title === DEMO_DRAFT.title)?.id ?? ''
    // Silence circulates a revision: one is saved as the rapporteur would.
    expect((await request(`${url}/api/drafts/${draftId}/revisions`, { method: 'POST', token: await demoToken(server, 'rapporteur'), body: { label: 'Circulated under silence' } })).status).toBe(201)

    const browser = await launchBrowser()
    const open = (username: string) => {
      const user = demoUser(username)
      return openDraftAs(browser, url, user.username, user.password, DEMO_DRAFT.title)
    }
    const secretariat = await open('secretariat')
    await secretariat.page.getByRole('button', { name: 'Circulate under silence' }).click()
    await secretariat.page.getByRole('status').filter({ hasText: 'Under silence until' }).waitFor()

    const kenya = await open('delegate-ken')
    await kenya.page.getByRole('status').filter({ hasText: 'the text is frozen for everyone' }).waitFor()
    await kenya.page.getByLabel('Reason for breaking silence').fill('Kenya cannot accept Article 2 as circulated.')
    await kenya.page.getByRole('button', { name: 'Break silence' }).click()
    await kenya.page.getByRole('status').filter({ hasText: 'Broken by KEN' }).waitFor()
    expect(await kenya.page.getByRole('button', { name: 'Break silence' }).count()).toBe(0)
    const silence = await request<{ current: SilenceView | null }>(`${url}/api/drafts/${draftId}/silence`, { token: kenyaToken })
    expect(silence.body.current?.breaks.map((b) => [b.stateCode, b.reason])).toEqual([['KEN', 'Kenya cannot accept Article 2 as circulated.']])

    await kenya.page.getByLabel('Kind of statement').selectOption('reservation')
    await kenya.page.getByLabel('Statement on').selectOption({ label: 'Article 2' })
    await kenya.page.getByLabel('Text of the statement').fill('Kenya reserves its position on Article 2.')
    await kenya.page.getByRole('button', { name: 'Put on record' }).click()
    await kenya.page.getByRole('list', { name: 'Statements on record' }).getByText('Reservation by KEN on Article 2: Kenya reserves its position on Article 2.').waitFor()
    const statements = await request<{ statements: StatementView[] }>(`${url}/api/drafts/${draftId}/statements`, { token: kenyaToken })
    expect(statements.body.statements.map((s) => [s.kind, s.stateCode, s.text])).toEqual([['reservation', 'KEN', 'Kenya reserves its position on Article 2.']])
  })
})
