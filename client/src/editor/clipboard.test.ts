import { getSchema } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { AllSelection, TextSelection } from '@tiptap/pm/state'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ClauseKey } from '../../../shared/draft/format'
import { buildDraftDoc, clausesMap, readClauses } from '../../../shared/draft/ydoc'
import { keepOptionsWhole, plainTextSlice, sliceText } from './clipboardText'
import { bodySchemaExtensions } from './schema'

const schema = getSchema(bodySchemaExtensions())

const SAMPLE = [
  'Each State shall adopt [such legislative and other] measures as may be necessary.',
  '(a) to preserve data for [ninety] days;',
  '(b) to disclose traffic data.',
  '(c) to keep records.',
  'Option A: Dual criminality shall be required.',
  'Option B: Dual criminality shall not be required for [serious] offences.',
  'Final paragraph.',
].join('\n')

function bodyDoc(text: string): PMNode {
  const doc = buildDraftDoc('T', [{ kind: 'article', heading: 'Sample', text }])
  const body = clausesMap(doc).get(readClauses(doc)[0]?.id ?? '')?.get(ClauseKey.body)
  if (!(body instanceof Y.XmlFragment)) throw new Error('no body')
  return yXmlFragmentToProseMirrorRootNode(body, schema)
}

/** The position just before the first occurrence of `text` in the document. */
function posOf(doc: PMNode, text: string): number {
  let found = -1
  doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text?.includes(text)) found = pos + node.text.indexOf(text)
    return found < 0
  })
  if (found < 0) throw new Error(`no "${text}"`)
  return found
}

function copied(doc: PMNode, from: number, to: number): string {
  const selection = TextSelection.create(doc, from, to)
  return sliceText(selection.content(), selection)
}

describe('the clipboard text of a clause body', () => {
  it('is the draft’s plain-text form for the whole body: brackets, (a) sub-paragraphs and Option labels', () => {
    const doc = bodyDoc(SAMPLE)
    const all = new AllSelection(doc)
    expect(sliceText(all.content(), all)).toBe(SAMPLE)
  })

  it('writes the brackets of words copied inside a paragraph, without the label of their item', () => {
    const doc = bodyDoc('Kept for at least [one year] after the request.\n(a) for [ninety] days;')
    const from = posOf(doc, 'at least')
    expect(copied(doc, from, from + 'at least one year'.length)).toBe('at least [one year]')
    // A selection ending inside the bracket still shows it bracketed.
    expect(copied(doc, from, from + 'at least one'.length)).toBe('at least [one]')
    const ninety = posOf(doc, 'ninety') - 'for '.length
    expect(copied(doc, ninety, ninety + 'for ninety days'.length)).toBe('for [ninety] days')
  })

  it('labels sub-paragraphs and options as they are numbered in the document when the copy starts in the middle', () => {
    const doc = bodyDoc(SAMPLE)
    expect(copied(doc, posOf(doc, 'disclose'), posOf(doc, 'records') + 'records'.length)).toBe('(b) disclose traffic data.\n(c) to keep records')
    expect(copied(doc, posOf(doc, 'Dual criminality shall not'), posOf(doc, 'Final') + 'Final'.length)).toBe(
      'Option B: Dual criminality shall not be required for [serious] offences.\nFinal',
    )
  })

  it('keeps one pair of brackets over a bracketed run of bold and plain words, and separates two brackets', () => {
    const bracket = (states: string[]) => schema.mark('bracket', { states })
    const bold = schema.mark('bold')
    const paragraph = schema.node('paragraph', null, [
      schema.text('shall ', []),
      schema.text('promptly', [bracket(['KEN']), bold]),
      schema.text(' and fully', [bracket(['KEN'])]),
      schema.text(' assist', [bracket(['JPN'])]),
    ])
    const doc = schema.node('doc', null, [paragraph])
    expect(copied(doc, 1, doc.content.size - 1)).toBe('shall [promptly and fully][ assist]')
    // The bracket is the outermost mark, so the editor and the clipboard HTML draw it as one span.
    expect(paragraph.child(1).marks.map((m) => m.type.name)).toEqual(['bracket', 'bold'])
  })
})

describe('pasted plain text', () => {
  it('reads "[…]" spans as bracket marks without States, one paragraph per line', () => {
    const slice = plainTextSlice('at least [one year]\nsecond [line]', schema, [], true)
    expect(slice.content.childCount).toBe(2)
    const first = slice.content.child(0)
    expect(first.textContent).toBe('at least one year')
    const marked = first.child(1)
    expect(marked.text).toBe('one year')
    expect(marked.marks.map((m) => [m.type.name, m.attrs.states])).toEqual([['bracket', []]])
    expect(slice.openStart).toBe(1)
  })

  it('keeps the brackets as typed characters when pasted as plain text (Ctrl+Shift+V), and keeps the marks at the cursor', () => {
    const bold = schema.mark('bold')
    const slice = plainTextSlice('at least [one year]', schema, [bold], false)
    expect(slice.content.child(0).textContent).toBe('at least [one year]')
    expect(slice.content.child(0).child(0).marks).toEqual([bold])
  })
})

describe('pasted options', () => {
  it('stay a whole block when the copy spans two options, and join the paragraph when it is words of one option', () => {
    const doc = bodyDoc(SAMPLE)
    const across = TextSelection.create(doc, posOf(doc, 'required.'), posOf(doc, 'offences') + 2).content()
    expect(across.openStart).toBeGreaterThan(0)
    const kept = keepOptionsWhole(across)
    expect(kept.openStart).toBe(0)
    expect(kept.content.firstChild?.type.name).toBe('options')
    const inside = TextSelection.create(doc, posOf(doc, 'not be'), posOf(doc, 'offences')).content()
    expect(keepOptionsWhole(inside)).toBe(inside)
  })
})
