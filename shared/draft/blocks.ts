/**
 * The plain-text form of a clause body, used by the HTTP API, fixtures and diffs: one paragraph per
 * line; consecutive lines starting "(a) ", "(b) " … are lettered sub-paragraphs (an ordered list);
 * consecutive lines starting "Option A: ", "Option B: " … are alternative wordings (an options
 * block); "[…]" marks bracketed (not yet agreed) text.
 */
export type Block =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'subparagraphs'; readonly items: readonly string[] }
  | { readonly type: 'options'; readonly options: readonly string[] }

const SUBPARAGRAPH = /^\(([a-z]{1,2})\)\s+/
const OPTION = /^Option ([A-Z]{1,2}):\s*/

function letters(index: number, base: number): string {
  const letter = (i: number): string => String.fromCharCode(base + i)
  return index < 26 ? letter(index) : letter(Math.floor(index / 26) - 1) + letter(index % 26)
}

/** The letter label of the n-th sub-paragraph (0 → a, 25 → z, 26 → aa … 701 → zz; no list is that long). */
export function subparagraphLabel(index: number): string {
  return letters(index, 97)
}

/** The label of the n-th alternative wording (0 → A, 1 → B …). */
export function optionLabel(index: number): string {
  return letters(index, 65)
}

export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = []
  let items: string[] | null = null
  let options: string[] | null = null
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim()
    if (line === '') continue // blank lines separate nothing: a list goes on across them
    const sub = SUBPARAGRAPH.exec(line)
    if (sub) {
      options = null
      if (!items) {
        items = []
        blocks.push({ type: 'subparagraphs', items })
      }
      items.push(line.slice(sub[0].length))
      continue
    }
    const option = OPTION.exec(line)
    if (option) {
      items = null
      if (!options) {
        options = []
        blocks.push({ type: 'options', options })
      }
      options.push(line.slice(option[0].length))
      continue
    }
    items = null
    options = null
    blocks.push({ type: 'paragraph', text: line })
  }
  return blocks
}

export function blocksToText(blocks: readonly Block[]): string {
  const lines: string[] = []
  for (const block of blocks) {
    if (block.type === 'paragraph') lines.push(block.text)
    else if (block.type === 'subparagraphs') block.items.forEach((item, i) => lines.push(`(${subparagraphLabel(i)}) ${item}`))
    else block.options.forEach((option, i) => lines.push(`Option ${optionLabel(i)}: ${option}`))
  }
  return lines.join('\n')
}

/** A run of text, bracketed or not. */
export interface Segment {
  readonly text: string
  readonly bracketed: boolean
}

/** Splits "[…]" spans out of a line (unbalanced or nested brackets stay literal text). */
export function bracketSegments(line: string): Segment[] {
  const segments: Segment[] = []
  const pattern = /\[([^[\]]*)\]/g
  let last = 0
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    if (match.index > last) segments.push({ text: line.slice(last, match.index), bracketed: false })
    if (match[1]) segments.push({ text: match[1], bracketed: true })
    last = match.index + match[0].length
  }
  if (last < line.length) segments.push({ text: line.slice(last), bracketed: false })
  return segments
}
