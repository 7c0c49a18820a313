import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DEMO_USERS } from '../../fixtures/index'

export interface OpenedDraft {
  readonly context: BrowserContext
  readonly page: Page
}

/** A fresh browser context (its own cookies and IndexedDB) signed in as `username`, on the draft. */
export async function openDraftAs(browser: Browser, baseUrl: string, username: string, password: string, draftTitle: string): Promise<OpenedDraft> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  await page.goto(baseUrl)
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('link', { name: draftTitle }).click()
  await page.getByRole('navigation', { name: 'Outline' }).waitFor()
  await page.getByText('Connected', { exact: true }).waitFor()
  return { context, page }
}

/** The editable text of a clause (the Tiptap editor), found by its label, e.g. "Article 2". */
export function clauseText(page: Page, label: string) {
  return page.locator(`article[aria-label="${label}"] .tiptap`)
}

/** The labels of the outline in order, e.g. ["Preamble", "Article 1: Use of terms", …]. */
export async function outlineLabels(page: Page): Promise<string[]> {
  return page.locator('[data-outline-item]').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''))
}

/** A demo user from the fixtures (the demo data `startDemoApp` loads). */
export function demoUser(username: string) {
  const user = DEMO_USERS.find((u) => u.username === username)
  if (!user) throw new Error(`no demo user ${username}`)
  return user
}
