import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLAUSES_MAP, DRAFT_MAP } from '../../../shared/draft/format'
import { addClauseAt } from '../../../shared/draft/clauseOps'
import { type Actor, judge } from './rules'
import { bodyText, deltaOf, plain, sampleDraft, suggestion, updateOf } from './testDocs'

const kenya: Actor = { userId: 'u-ken', stateCode: 'KEN', access: 'suggest', mayDecide: false, mayRename: false, mayAddRemove: false }
const kenyaWriting: Actor = { ...kenya, access: 'write' }
const rapporteur: Actor = { userId: 'u-rap', stateCode: null, access: 'write', mayDecide: true, mayRename: true, mayAddRemove: true }
const secretariatSuggesting: Actor = { userId: 'u-sec', stateCode: null, access: 'suggest', mayDecide: true, mayRename: true, mayAddRemove: false }
const mine = suggestion('u-ken', 'KEN', 'k1')
const japans = suggestion('u-jpn', 'JPN', 'j1')

/** A draft where Japan has suggested inserting " expressly" and deleting "civil and " in Article 1. */
function withJapansSuggestions(): Y.Doc {
  const doc = sampleDraft()
  const text = bodyText(doc, 'art1')
  text.insert(plain(text).indexOf(' proceedings'), ' expressly', { insertion: japans })
  text.format(plain(text).indexOf('civil and '), 'civil and '.length, { deletion: japans })
  return doc
}

const verdict = (doc: Y.Doc, actor: Actor, edit: (replica: Y.Doc) => void) => judge(deltaOf(doc, updateOf(doc, edit)), actor)

describe('the draft guard rules', () => {
  it('lets a suggesting delegate insert, mark for deletion and withdraw what is its own', () => {
    const doc = sampleDraft()
    expect(verdict(doc, kenya, (d) => bodyText(d, 'art1').insert(6, 'all ', { insertion: mine }))).toBeNull()
    expect(verdict(doc, kenya, (d) => bodyText(d, 'art2').format(0, 3, { deletion: mine }))).toBeNull()
    const marked = sampleDraft()
    bodyText(marked, 'art1').insert(6, 'all ', { insertion: mine })
    bodyText(marked, 'art2').format(0, 3, { deletion: mine })
    expect(verdict(marked, kenya, (d) => bodyText(d, 'art1').delete(6, 4))).toBeNull()
    expect(verdict(marked, kenya, (d) => bodyText(d, 'art2').format(0, 3, { deletion: null }))).toBeNull()
  })

  it("refuses a suggestion in another State's or user's name, from anyone", () => {
    const doc = sampleDraft()
    expect(verdict(doc, kenya, (d) => bodyText(d, 'art1').insert(0, 'x', { insertion: japans }))).toMatch(/another's name/)
    expect(verdict(doc, kenya, (d) => bodyText(d, 'art1').insert(0, 'x', { insertion: { ...mine, state: 'JPN' } }))).toMatch(/another's name/)
    expect(verdict(doc, rapporteur, (d) => bodyText(d, 'art1').format(0, 4, { deletion: japans }))).toMatch(/another's name/)
    expect(verdict(doc, kenya, (d) => bodyText(d, 'art1').insert(0, 'x', { insertion: { id: '<script>' } }))).toMatch(/malformed/)
  })

  it('refuses direct edits while suggesting: plain text, deletions, formatting, structure, clauses', () => {
    const doc = sampleDraft()
    expect(verdict(doc, kenya, (d) => bodyText(d, 'art1').insert(0, 'All '))).toMatch(/without a suggestion mark/)
    expect(verdict(doc, kenya, (d) => bodyText(d, 'art1').delete(0, 5))).toMatch(/deleted instead of marked/)
    expect(verdict(doc, kenya, (d) => bodyText(d, 'art1').format(0, 5, { bold: {} }))).toMatch(/formatting/)
    expect(verdict(doc, kenya, (d) => (d.getMap(CLAUSES_MAP).get('art1') as Y.Map<unknown>).set('status', 'adopted'))).toMatch(/status/)
    expect(verdict(doc, kenya, (d) => (d.getMap(CLAUSES_MAP).get('art1') as Y.Map<unknown>).set('position', 'a9'))).toMatch(/position/)
    expect(verdict(doc, kenya, (d) => ((d.getMap(CLAUSES_MAP).get('art1') as Y.Map<unknown>).get('heading') as Y.Text).insert(0, 'New '))).toMatch(/heading/)
    expect(verdict(doc, kenya, (d) => (d.getMap(CLAUSES_MAP).get('art1') as Y.Map<unknown>).get('body') instanceof Y.XmlFragment && ((d.getMap(CLAUSES_MAP).get('art1') as Y.Map<unknown>).get('body') as Y.XmlFragment).insert(0, [new Y.XmlElement('paragraph')]))).toMatch(/paragraphs/)
    expect(verdict(doc, kenya, (d) => addClauseAt(d, 1, { kind: 'article', heading: 'New', text: 'x' }))).toMatch(/clause added/)
    expect(verdict(doc, kenya, (d) => d.getMap(CLAUSES_MAP).delete('art2'))).toMatch(/clause deleted/)
    expect(verdict(doc, kenya, (d) => d.getMap('elsewhere').set('x', 1))).toMatch(/outside/)
  })

  it("leaves others' suggestions to deciders: a delegate may not accept, reject or withdraw them", () => {
    const doc = withJapansSuggestions()
    const at = plain(bodyText(doc, 'art1')).indexOf(' expressly')
    const reject = (d: Y.Doc) => bodyText(d, 'art1').delete(at, ' expressly'.length)
    const accept = (d: Y.Doc) => bodyText(d, 'art1').format(at, ' expressly'.length, { insertion: null })
    expect(verdict(doc, kenya, reject)).toMatch(/decision on another's/)
    expect(verdict(doc, kenyaWriting, accept)).toMatch(/decision on another's/)
    expect(verdict(doc, kenyaWriting, (d) => bodyText(d, 'art1').format(plain(bodyText(d, 'art1')).indexOf('civil'), 4, { deletion: null }))).toMatch(/decision on another's/)
    expect(verdict(doc, rapporteur, reject)).toBeNull()
    expect(verdict(doc, rapporteur, accept)).toBeNull()
    // A decider held to suggesting (the secretariat during a comment round) decides, but edits nothing directly.
    expect(verdict(doc, secretariatSuggesting, accept)).toBeNull()
    expect(verdict(doc, secretariatSuggesting, (d) => bodyText(d, 'art1').insert(0, 'x'))).toMatch(/without a suggestion mark/)
  })

  it('refuses unmarking even its own insertion while suggesting (that is accepting it)', () => {
    const doc = sampleDraft()
    bodyText(doc, 'art1').insert(6, 'all ', { insertion: mine })
    expect(verdict(doc, kenya, (d) => bodyText(d, 'art1').format(6, 4, { insertion: null }))).toMatch(/accepted while suggesting/)
    expect(verdict(doc, kenyaWriting, (d) => bodyText(d, 'art1').format(6, 4, { insertion: null }))).toBeNull()
  })

  it('lets a writer edit freely around suggestions, and keeps the title to who may rename', () => {
    const doc = withJapansSuggestions()
    expect(verdict(doc, kenyaWriting, (d) => bodyText(d, 'art2').insert(0, 'In these provisions, '))).toBeNull()
    expect(verdict(doc, kenyaWriting, (d) => d.getMap(DRAFT_MAP).set('title', 'Renamed'))).toMatch(/title/)
    expect(verdict(doc, rapporteur, (d) => d.getMap(DRAFT_MAP).set('title', 'Renamed'))).toBeNull()
    expect(judge(deltaOf(doc, updateOf(doc, (d) => bodyText(d, 'art2').insert(0, 'x'))), { ...kenyaWriting, access: 'read' })).toMatch(/read-only/)
  })
})
