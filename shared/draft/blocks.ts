/**
 * The plain-text form of a clause body, used by the HTTP API and fixtures: one paragraph per line;
 * consecutive lines starting "(a) ", "(b) " … are lettered sub-paragraphs (an ordered list).
 */
export type Block =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'subparagraphs'; readonly items: readonly string[] }

const SUBPARAGRAPH = /^\(([a-z]{1,2})\)\s+/

/** The letter label of the n-th sub-paragraph (0 → a, 25 → z, 26 → aa … 701 → zz; no list is that long). */
export function subparagraphLabel(index: number): string {
  const letter = (i: number): string => String.fromCharCode(97 + i)
  return index < 26 ? letter(index) : letter(Math.floor(index / 26) - 1) + letter(index % 26)
}

export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = []
  let items: string[] | null = null
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim()
    if (line === '') continue // blank lines separate nothing: a list goes on across them
    const match = SUBPARAGRAPH.exec(line)
    if (match) {
      if (!items) {
        items = []
        blocks.push({ type: 'subparagraphs', items })
      }
      items.push(line.slice(match[0].length))
      continue
    }
    items = null
    blocks.push({ type: 'paragraph', text: line })
  }
  return blocks
}

export function blocksToText(blocks: readonly Block[]): string {
  const lines: string[] = []
  for (const block of blocks) {
    if (block.type === 'paragraph') lines.push(block.text)
    else block.items.forEach((item, i) => lines.push(`(${subparagraphLabel(i)}) ${item}`))
  }
  return lines.join('\n')
}
