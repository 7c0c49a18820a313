import { getSchema } from '@tiptap/core'
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEMO_DRAFT } from '../../../fixtures/index'
import { ClauseKey } from '../../../shared/draft/format'
import { blocksToText } from '../../../shared/draft/blocks'
import { bodyBlocks, buildDraftDoc, clausesMap, readClauses } from '../../../shared/draft/ydoc'
import { bodySchemaExtensions } from './schema'

const schema = getSchema(bodySchemaExtensions())

function bodyOf(doc: Y.Doc, id: string): Y.XmlFragment {
  const body = clausesMap(doc).get(id)?.get(ClauseKey.body)
  if (!(body instanceof Y.XmlFragment)) throw new Error('no body')
  return body
}

const SAMPLE = [
  'Each State shall adopt [such legislative and other] measures as may be necessary.',
  '(a) to preserve data for [ninety] days;',
  '(b) to disclose traffic data.',
  'Option A: Dual criminality shall be required.',
  'Option B: Dual criminality shall not be required for [serious] offences.',
  'Final paragraph with <b>markup</b> & ampersand.',
].join('\n')

describe('the clause body schema and the draft document format', () => {
  it('accepts every body the shared builder makes (the demo draft and brackets, lists, options)', () => {
    const doc = buildDraftDoc(DEMO_DRAFT.title, [...DEMO_DRAFT.clauses, { kind: 'article', heading: 'Sample', text: SAMPLE }])
    for (const clause of readClauses(doc)) {
      const node = yXmlFragmentToProseMirrorRootNode(bodyOf(doc, clause.id), schema)
      expect(() => node.check(), clause.label).not.toThrow()
      expect(node.childCount, clause.label).toBeGreaterThan(0)
    }
  })

  it('reads brackets as bracket marks and options as options/option nodes', () => {
    const doc = buildDraftDoc('T', [{ kind: 'article', heading: 'Sample', text: SAMPLE }])
    const [clause] = readClauses(doc)
    const node = yXmlFragmentToProseMirrorRootNode(bodyOf(doc, clause?.id ?? ''), schema)
    expect(node.child(0).type.name).toBe('paragraph')
    const bracketed: string[] = []
    node.descendants((child) => {
      if (child.isText && child.marks.some((m) => m.type.name === 'bracket')) bracketed.push(child.text ?? '')
    })
    expect(bracketed).toEqual(['such legislative and other', 'ninety', 'serious'])
    expect(node.child(1).type.name).toBe('orderedList')
    expect(node.child(2).type.name).toBe('options')
    expect(node.child(2).childCount).toBe(2)
    expect(node.child(2).child(0).type.name).toBe('option')
  })

  it('round-trips: editor document → Y.XmlFragment → text gives the same text', () => {
    const doc = buildDraftDoc('T', [{ kind: 'article', heading: 'Sample', text: SAMPLE }])
    const [clause] = readClauses(doc)
    expect(clause?.text).toBe(SAMPLE)
    const node = yXmlFragmentToProseMirrorRootNode(bodyOf(doc, clause?.id ?? ''), schema)
    const fragment = new Y.Doc().getXmlFragment('body')
    prosemirrorToYXmlFragment(node, fragment)
    expect(blocksToText(bodyBlocks(fragment))).toBe(SAMPLE)
  })

  it('renders brackets and options in the content HTML, every piece of text escaped', () => {
    const doc = buildDraftDoc('T', [{ kind: 'article', heading: 'Sample', text: SAMPLE }])
    const html = readClauses(doc)[0]?.html ?? ''
    expect(html).toContain('<span class="bracket">[ninety]</span>')
    expect(html).toContain('<div class="options"><div class="option"><p class="option-label">Option A</p><p>Dual criminality shall be required.</p></div>')
    expect(html).toContain('<p class="option-label">Option B</p>')
    expect(html).toContain('&lt;b&gt;markup&lt;/b&gt; &amp; ampersand')
    expect(html).not.toContain('<b>')
  })
})
