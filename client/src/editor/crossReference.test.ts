import { getSchema } from '@tiptap/core'
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { moveClause } from '../../../shared/draft/clauseOps'
import { ClauseKey } from '../../../shared/draft/format'
import { REFERENCE_NODE } from '../../../shared/draft/references'
import { buildDraftDoc, clausesMap, readClauses } from '../../../shared/draft/ydoc'
import { referenceWords } from './crossReference'
import { bodySchemaExtensions } from './schema'

describe('the crossReference node in the editor schema', () => {
  it('is stored as an inline XmlElement with the clause id, and words the target’s current number', () => {
    const doc = buildDraftDoc('Cooperation', [
      { id: 'a1', kind: 'article', heading: 'Scope', text: 'Scope text.' },
      { id: 'a2', kind: 'article', heading: 'Orders', text: 'Orders text.' },
    ])
    const schema = getSchema(bodySchemaExtensions({ doc }))
    const pm = schema.node('doc', null, [schema.node('paragraph', null, [schema.text('Subject to '), schema.node(REFERENCE_NODE, { clause: 'a2', para: '(1)' }), schema.text(', each State shall act.')])])
    const body = clausesMap(doc).get('a1')?.get(ClauseKey.body) as Y.XmlFragment
    doc.transact(() => {
      body.delete(0, body.length)
      prosemirrorToYXmlFragment(pm, body)
    })
    const ref = (body.get(0) as Y.XmlElement).get(1)
    expect(ref).toBeInstanceOf(Y.XmlElement)
    expect((ref as Y.XmlElement).nodeName).toBe(REFERENCE_NODE)
    expect((ref as Y.XmlElement).getAttributes()).toEqual({ clause: 'a2', para: '(1)' })
    expect(readClauses(doc)[0]?.text).toBe('Subject to Article 2(1), each State shall act.')
    expect(yXmlFragmentToProseMirrorRootNode(body, schema).child(0).child(1).attrs).toEqual({ clause: 'a2', para: '(1)' })
    moveClause(doc, 'a2', 0)
    expect(referenceWords(doc, 'a2', '(1)')).toEqual({ label: 'Article 1(1)', dangling: false })
    clausesMap(doc).delete('a2')
    expect(referenceWords(doc, 'a2', null).dangling).toBe(true)
  })
})
