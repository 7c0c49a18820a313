import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { readClauses } from '../shared/draft/ydoc'
import { createThread } from '../server/services/threads'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import { demoUser, openDraftAs } from './support/pages'

const POLL = { timeout: 15_000, interval: 50 }

describe('browser: a proposal as its changes, turned into suggestions', () => {
  it("shows Kenya's long proposal as the one word it changes, and the rapporteur turns it into Kenya's suggestions", { timeout: 120_000 }, async () => {
    const { url, server } = await startDemoApp()
    const storage = server.ctx.storage
    const [group] = await storage.listGroups()
    const [draft] = await storage.listDrafts(group?.id ?? '')
    const kenya = await storage.getUserByUsername(demoUser('delegate-ken').username)
    if (!draft || !kenya) throw new Error('demo data missing')
    // A clause of several paragraphs; Kenya proposes the whole of it with one word changed in the last.
    const clause = await server.ctx.collab.readDoc(draft.id, (doc) => readClauses(doc).find((c) => c.text.split('\n').length >= 3 && c.suggestions.length === 0))
    if (!clause) throw new Error('no clause of three paragraphs')
    const lines = clause.text.split('\n')
    const last = lines.at(-1) ?? ''
    const word = /\b[a-z]{5,}\b/.exec(last.replace(/\[[^\]]*\]/g, ''))?.[0]
    if (!word) throw new Error('no word to change')
    const proposed = [...lines.slice(0, -1), last.replace(word, 'PROPOSEDWORD')].join('\n')
    const thread = await createThread(server.ctx, draft, kenya, { clauseId: clause.id, body: 'Kenya proposes one word.', proposal: { text: proposed } })

    const browser = await launchBrowser()
    const rapporteurUser = demoUser('rapporteur')
    const { page } = await openDraftAs(browser, url, rapporteurUser.username, rapporteurUser.password, DEMO_DRAFT.title)
    await page.getByRole('button', { name: /^Comments \(\d+\)$/ }).click()
    const card = page.locator('.thread').filter({ hasText: 'Kenya proposes one word.' })
    await card.waitFor({ timeout: 15_000 })
    const diff = card.getByLabel('Proposed change')
    // Only the changed paragraph is shown: the word struck, its replacement underlined, the rest folded.
    await expect.poll(() => diff.locator('del.diff-del').textContent(), POLL).toContain(word)
    expect(await diff.locator('ins.diff-ins').textContent()).toContain('PROPOSEDWORD')
    expect(await diff.textContent()).toContain(`${lines.length - 1} paragraphs unchanged`)
    await card.getByRole('button', { name: 'Show full wording' }).click()
    expect(await card.getByLabel('Full proposed wording').locator('p').count()).toBe(lines.length)
    await card.getByRole('button', { name: 'Show the changes' }).click()
    await page.screenshot({ path: artifactPath('proposal-changes.png') })

    await card.getByRole('button', { name: 'Turn into suggestions…' }).click()
    await card.getByRole('button', { name: 'Turn into suggestions', exact: true }).click()
    await expect.poll(() => card.textContent(), POLL).toContain('Turned into suggestions by')
    // The text now holds Kenya's replacement as a suggestion; its base text is unchanged.
    const after = await server.ctx.collab.readDoc(draft.id, (doc) => readClauses(doc).find((c) => c.id === clause.id))
    expect(after?.text).toBe(clause.text)
    expect(after?.suggestions.map((s) => [s.kind, s.deleted.trim(), s.inserted.trim(), s.user, s.state])).toEqual([['replace', word, 'PROPOSEDWORD', kenya.id, 'KEN']])
    const stored = await storage.threads.getThread(thread.id)
    expect(stored?.status).toBe('resolved')
    await page.screenshot({ path: artifactPath('proposal-suggested.png') })
  })
})
