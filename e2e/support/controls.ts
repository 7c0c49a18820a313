import type { Page } from 'playwright-core'

/** Records the user's State's position on a clause through the position control: stance, optional statement, "Record position". */
export async function recordPosition(page: Page, state: string, clauseLabel: string, stance: string, statement = ''): Promise<void> {
  const clause = page.locator(`article[aria-label="${clauseLabel}"]`)
  await clause.getByRole('button', { name: new RegExp(`^(Record|Change) position of ${state} on ${clauseLabel}$`) }).click()
  const panel = page.getByRole('dialog', { name: `${state} position on ${clauseLabel}` })
  await panel.getByRole('radio', { name: stance }).check()
  if (statement) await panel.getByLabel('Statement for the record (optional)').fill(statement)
  await panel.getByRole('button', { name: 'Record position' }).click()
  await panel.waitFor({ state: 'detached' })
}

/** Changes a clause's status through "Change status…", confirming the question. */
export async function changeStatus(page: Page, clauseLabel: string, status: string): Promise<void> {
  await page.getByRole('button', { name: `Change status of ${clauseLabel}` }).click()
  const panel = page.getByRole('dialog', { name: `Status of ${clauseLabel}` })
  await panel.getByRole('radio', { name: status, exact: true }).check()
  await panel.getByText(`Mark ${clauseLabel} as ${status}?`).waitFor()
  await panel.getByRole('button', { name: 'Confirm' }).click()
  await panel.waitFor({ state: 'detached' })
}
