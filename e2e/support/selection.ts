import type { Page } from 'playwright-core'

/**
 * Selects `words` in a clause's text as a user dragging over them would: the page's selection
 * becomes that range (the text may be read-only; the editor reads the selection either way).
 */
export async function selectWords(page: Page, clauseLabel: string, words: string): Promise<void> {
  await showClause(page, clauseLabel)
  const found = await page.evaluate(
    ({ label, target }) => {
      const root = document.querySelector<HTMLElement>(`article[aria-label="${label}"] .tiptap`)
      if (!root) return false
      // A mouse selecting in the text focuses it first (an editable editor reads only a focused selection).
      root.focus({ preventScroll: true })
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(target) ?? -1
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + target.length)
        const selection = window.getSelection()
        selection?.removeAllRanges()
        selection?.addRange(range)
        return true
      }
      return false
    },
    { label: clauseLabel, target: words },
  )
  if (!found) throw new Error(`"${words}" is not in one text run of ${clauseLabel}`)
}

/** Scrolls a clause into view and waits for its editor (editors mount only near the viewport). */
export async function showClause(page: Page, clauseLabel: string): Promise<void> {
  await page.locator(`article[aria-label="${clauseLabel}"]`).scrollIntoViewIfNeeded()
  await page.locator(`article[aria-label="${clauseLabel}"] .tiptap`).waitFor()
}

/** The paragraphs of a clause's text as the page shows them. */
export function paragraphsOf(page: Page, clauseLabel: string): Promise<string[]> {
  return page.locator(`article[aria-label="${clauseLabel}"] .tiptap p`).evaluateAll((ps) => ps.map((p) => p.textContent))
}
