import { getSchema } from '@tiptap/core'
import { joinBackward, splitBlock, toggleMark } from '@tiptap/pm/commands'
import { Fragment, type Node as PMNode, Slice } from '@tiptap/pm/model'
import { type Command, EditorState, TextSelection, type Transaction } from '@tiptap/pm/state'
import { initProseMirrorDoc, updateYFragment, yXmlFragmentToProseMirrorRootNode, ySyncPluginKey } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ClauseKey } from '../../../shared/draft/format'
import { newId } from '../../../shared/ids'
import { readSuggestions } from '../../../shared/draft/suggestions'
import { buildDraftDoc, clausesMap, readClauses } from '../../../shared/draft/ydoc'
import type { TextAccess } from '../../../shared/permissions'
// The editor must never send what the server's draft guard refuses: proven against the guard itself.
// eslint-disable-next-line no-restricted-imports -- a test of the client against the server's real rules, not shared code
import { analyzeTransaction } from '../../../server/collaboration/guard/changes'
// eslint-disable-next-line no-restricted-imports -- as above
import { judge } from '../../../server/collaboration/guard/rules'
import { bodySchemaExtensions } from './schema'
import { NOTICES, type RewriteContext, type SuggestionAuthor, rewriteTransaction } from './suggestingRewrite'
import { withoutSuggestionMarks } from './suggestionMarks'
import { writeEditorChange } from './yTextSync'

const schema = getSchema(bodySchemaExtensions())
const KEN: SuggestionAuthor = { id: 'userken01', name: 'Wanjiru Kamau', state: 'KEN' }
const JPN: SuggestionAuthor = { id: 'userjpn01', name: 'Sato Haruki', state: 'JPN' }
const AT = '2026-12-03T14:02:00.000Z'

interface Who {
  readonly author: SuggestionAuthor
  readonly access: TextAccess
  readonly canDecide?: boolean
}

/** A clause body in a Y.Doc and an editor state over it, written back as the y-prosemirror binding does. */
function draft(text: string) {
  const ydoc = buildDraftDoc('T', [{ kind: 'article', heading: 'H', text }])
  const clauseId = readClauses(ydoc)[0]?.id ?? ''
  const fragment = clausesMap(ydoc).get(clauseId)?.get(ClauseKey.body)
  if (!(fragment instanceof Y.XmlFragment)) throw new Error('no body')
  const init = initProseMirrorDoc(fragment, schema)
  let state = EditorState.create({ schema, doc: init.doc })

  /** Runs the user's transaction through the rewrite and the Y.Doc; the guard's verdict must be null. */
  const run = (who: Who, make: (s: EditorState) => Transaction | null, sync = true): { notice: string | null; refusedBy: string | null } => {
    const tr = make(state)
    if (!tr) throw new Error('the command did not apply')
    const ctx: RewriteContext = { mode: who.access === 'suggest' ? 'suggest' : 'edit', author: who.author, canDecide: who.canDecide ?? false, newId: () => newId(), now: () => AT }
    const rewrite = rewriteTransaction(state, tr, ctx)
    if (rewrite.kind === 'refuse') return { notice: rewrite.notice, refusedBy: null }
    const next = state.apply(rewrite.kind === 'replace' ? rewrite.tr : tr)
    let refusedBy: string | null = null
    const observe = (t: Y.Transaction) => {
      if (t.origin !== ySyncPluginKey) return
      refusedBy = judge(analyzeTransaction(ydoc, t), { userId: who.author.id, stateCode: who.author.state, access: who.access, mayDecide: who.canDecide ?? false, mayRename: false, mayAddRemove: true })
    }
    ydoc.on('afterTransaction', observe)
    const write = (doc: PMNode) => updateYFragment(ydoc, fragment, doc, init.meta)
    // As the editor's binding writes (installTextSync), or as y-prosemirror alone would.
    ydoc.transact(() => (sync ? writeEditorChange(fragment, next.doc, init.meta.mapping, write) : write(next.doc)), ySyncPluginKey)
    ydoc.off('afterTransaction', observe)
    state = next
    // What the Y.Doc holds is what the editor shows.
    expect(yXmlFragmentToProseMirrorRootNode(fragment, schema).toJSON()).toEqual(state.doc.toJSON())
    return { notice: rewrite.kind === 'replace' ? rewrite.notice : null, refusedBy }
  }

  const posOf = (needle: string, offset = 0): number => {
    let found = -1
    state.doc.descendants((node, pos) => {
      if (found < 0 && node.isText && node.text?.includes(needle)) found = pos + node.text.indexOf(needle) + offset
      return found < 0
    })
    if (found < 0) throw new Error(`no "${needle}"`)
    return found
  }
  const select = (from: number, to = from) => run({ author: KEN, access: 'write' }, (s) => s.tr.setSelection(TextSelection.create(s.doc, from, to)))
  const command = (cmd: Command) => (s: EditorState) => {
    let made: Transaction | null = null
    cmd(s, (t) => (made = t))
    return made
  }
  return {
    ydoc,
    fragment,
    get state() {
      return state
    },
    run,
    posOf,
    select,
    command,
    type: (who: Who, text: string) => run(who, (s) => s.tr.insertText(text)),
    backspace: (who: Who) => run(who, (s) => (s.selection.empty ? s.tr.delete(s.selection.head - 1, s.selection.head) : s.tr.deleteSelection())),
    del: (who: Who) => run(who, (s) => (s.selection.empty ? s.tr.delete(s.selection.head, s.selection.head + 1) : s.tr.deleteSelection())),
    /** The body's base text (suggestions not applied) and its open suggestions. */
    read: () => ({ text: readClauses(ydoc)[0]?.text ?? '', suggestions: readSuggestions(fragment) }),
  }
}

const kenSuggests: Who = { author: KEN, access: 'suggest' }
const jpnSuggests: Who = { author: JPN, access: 'suggest' }

describe('suggesting: the user’s changes become their suggestions, and the guard accepts every update', () => {
  it('typed text is one insertion by its author, continued while typing on', () => {
    const d = draft('Each State shall adopt measures.')
    d.select(d.posOf(' measures'))
    for (const ch of ' appropriate') expect(d.type(kenSuggests, ch)).toEqual({ notice: null, refusedBy: null })
    const { text, suggestions } = d.read()
    expect(text).toBe('Each State shall adopt measures.')
    expect(suggestions).toEqual([{ id: expect.any(String), user: KEN.id, name: KEN.name, state: 'KEN', at: AT, kind: 'insert', inserted: ' appropriate', deleted: '' }])
    expect(d.state.selection.head).toBe(d.posOf(' measures'))
  })

  it('typing a letter the text already has next to it stays an insertion in the Y.Doc (y-prosemirror alone would mark the old one)', () => {
    const d = draft('a b')
    d.select(d.posOf(' b'))
    // Without the character-and-mark sync the guard sees a plain space added and an old one marked.
    expect(d.run(kenSuggests, (s) => s.tr.insertText(' '), false).refusedBy).not.toBeNull()
    const e = draft('a b')
    e.select(e.posOf(' b'))
    expect(e.type(kenSuggests, ' ').refusedBy).toBeNull()
    expect(e.type(kenSuggests, 'a').refusedBy).toBeNull()
    expect(e.read().suggestions.map((s) => s.inserted)).toEqual([' a'])
  })

  it('Backspace strikes the text instead of deleting it, one deletion, the cursor moving before it', () => {
    const d = draft('shall adopt such measures')
    d.select(d.posOf(' measures'))
    for (let i = 0; i < 5; i++) expect(d.backspace(kenSuggests).refusedBy).toBeNull()
    expect(d.read()).toEqual({ text: 'shall adopt such measures', suggestions: [expect.objectContaining({ kind: 'delete', deleted: ' such', inserted: '', state: 'KEN' })] })
    expect(d.state.selection.head).toBe(d.posOf(' such'))
  })

  it('Delete strikes forward, the cursor moving past the struck text', () => {
    const d = draft('shall adopt such measures')
    d.select(d.posOf(' such'))
    for (let i = 0; i < 5; i++) expect(d.del(kenSuggests).refusedBy).toBeNull()
    expect(d.read().suggestions).toEqual([expect.objectContaining({ kind: 'delete', deleted: ' such' })])
    expect(d.state.selection.head).toBe(d.posOf(' measures'))
  })

  it('deleting one’s own insertion withdraws it: the text really goes', () => {
    const d = draft('adopt measures')
    d.select(d.posOf(' measures'))
    d.type(kenSuggests, ' all')
    for (let i = 0; i < 4; i++) expect(d.backspace(kenSuggests).refusedBy).toBeNull()
    expect(d.read()).toEqual({ text: 'adopt measures', suggestions: [] })
    expect(d.state.doc.textContent).toBe('adopt measures')
  })

  it('typing over a selection is a replacement: deletion and insertion share one id, the new words after the old', () => {
    const d = draft('for ninety days')
    d.select(d.posOf('ninety'), d.posOf('ninety') + 6)
    expect(d.type(kenSuggests, 's').refusedBy).toBeNull()
    for (const ch of 'ixty') expect(d.type(kenSuggests, ch).refusedBy).toBeNull()
    const [only, ...rest] = d.read().suggestions
    expect(rest).toEqual([])
    expect(only).toMatchObject({ kind: 'replace', deleted: 'ninety', inserted: 'sixty' })
    expect(d.state.doc.textContent).toBe('for ninetysixty days')
  })

  it('a paste of one paragraph’s text is an insertion without the pasted marks of others', () => {
    const d = draft('adopt measures')
    d.select(d.posOf(' measures'))
    const kenMark = schema.marks.insertion?.create({ id: 'sugg1', user: JPN.id, name: JPN.name, state: 'JPN', at: AT })
    const slice = new Slice(Fragment.from(schema.nodes.paragraph?.create(null, schema.text(' legislative', kenMark ? [kenMark] : []))), 1, 1)
    expect(d.run(kenSuggests, (s) => s.tr.replaceSelection(slice)).refusedBy).toBeNull()
    expect(d.read().suggestions).toEqual([expect.objectContaining({ state: 'KEN', inserted: ' legislative' })])
  })

  it('others’ suggestions are left alone by a delegation striking across them', () => {
    const d = draft('shall adopt measures')
    d.select(d.posOf(' measures'))
    d.type(kenSuggests, ' all')
    const end = d.posOf(' measures')
    d.select(d.posOf(' adopt'), end)
    const result = d.backspace(jpnSuggests)
    expect(result).toEqual({ notice: NOTICES.others, refusedBy: null })
    const suggestions = d.read().suggestions
    expect(suggestions).toEqual([expect.objectContaining({ state: 'JPN', kind: 'delete', deleted: ' adopt' }), expect.objectContaining({ state: 'KEN', kind: 'insert', inserted: ' all' })])
  })

  it('paragraphs, line breaks and formatting are refused with the reason', () => {
    const d = draft('First paragraph.\nSecond paragraph.')
    d.select(d.posOf(' paragraph.'))
    expect(d.run(kenSuggests, d.command(splitBlock))).toEqual({ notice: NOTICES.structure, refusedBy: null })
    d.select(d.posOf('Second'))
    expect(d.run(kenSuggests, d.command(joinBackward)).notice).toBe(NOTICES.structure)
    const two = new Slice(Fragment.from([schema.nodes.paragraph?.create(null, schema.text('one')), schema.nodes.paragraph?.create(null, schema.text('two'))].filter((n) => n !== undefined)), 1, 1)
    expect(d.run(kenSuggests, (s) => s.tr.replaceSelection(two)).notice).toBe(NOTICES.structure)
    expect(d.run(kenSuggests, (s) => s.tr.replaceSelectionWith(schema.nodes.hardBreak?.create() ?? schema.text('x'))).notice).toBe(NOTICES.lineBreak)
    d.select(d.posOf('First'), d.posOf(' paragraph.'))
    const bold = schema.marks.bold
    if (!bold) throw new Error('no bold')
    expect(d.run(kenSuggests, d.command(toggleMark(bold))).notice).toBe(NOTICES.formatting)
    expect(d.read()).toEqual({ text: 'First paragraph.\nSecond paragraph.', suggestions: [] })
  })

  it('Yjs transactions (remote changes, undo) pass untouched', () => {
    const d = draft('adopt measures')
    const tr = d.state.tr.insertText('x', 1).setMeta(ySyncPluginKey, { isChangeOrigin: true })
    expect(rewriteTransaction(d.state, tr, { mode: 'suggest', author: KEN, canDecide: false, newId, now: () => AT })).toEqual({ kind: 'pass' })
  })

  it.each([15, 2026, 7])('a seeded run of typing, striking, selecting and retyping never sends what the guard refuses (seed %i)', (start) => {
    let seed = start
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const d = draft('Each State shall adopt such legislative measures.\n(a) to preserve data for ninety days;')
    for (let i = 0; i < 200; i++) {
      const pick = random()
      const who: Who = pick < 0.4 ? kenSuggests : pick < 0.8 ? jpnSuggests : pick < 0.9 ? { author: JPN, access: 'write' } : { author: KEN, access: 'write', canDecide: true }
      const size = d.state.doc.content.size
      const a = 1 + Math.floor(random() * (size - 2))
      const b = random() < 0.3 ? Math.min(size - 1, a + Math.floor(random() * 8)) : a
      d.run({ author: KEN, access: 'write' }, (s) => s.tr.setSelection(TextSelection.between(s.doc.resolve(a), s.doc.resolve(b))))
      const action = random()
      const before = JSON.stringify(d.state.doc.toJSON()) + JSON.stringify(d.state.selection.toJSON())
      const result = action < 0.45 ? d.type(who, 'xe '[Math.floor(random() * 3)] ?? 'x') : action < 0.75 ? d.backspace(who) : d.del(who)
      if (result.refusedBy !== null) expect.fail(`step ${i} (${who.author.state} ${who.access}, ${action}) refused: ${result.refusedBy}; before: ${before}`)
    }
    expect(d.read().suggestions.length).toBeGreaterThan(0)
  })
})

describe('editing directly: others’ suggestions are protected', () => {
  const jpnWrites: Who = { author: JPN, access: 'write' }

  it('text typed inside another’s insertion does not inherit its mark', () => {
    const d = draft('adopt measures')
    d.select(d.posOf(' measures'))
    d.type(kenSuggests, ' alll')
    d.select(d.posOf('ll') + 1)
    expect(d.type(jpnWrites, 'Z').refusedBy).toBeNull()
    expect(d.state.doc.textContent).toBe('adopt alZll measures')
    expect(d.read()).toMatchObject({ text: 'adoptZ measures', suggestions: [{ state: 'KEN', inserted: ' alll' }] })
  })

  it('deleting another’s suggestion needs the right to decide', () => {
    const d = draft('adopt measures')
    d.select(d.posOf(' measures'))
    d.type(kenSuggests, ' all')
    d.select(d.posOf(' all'), d.posOf(' measures'))
    expect(d.backspace(jpnWrites).notice).toBe(NOTICES.othersDelete)
    expect(d.backspace({ author: JPN, access: 'write', canDecide: true }).refusedBy).toBeNull()
    expect(d.read().suggestions).toEqual([])
  })

  it('splitting or joining a paragraph that holds another’s suggestion is refused; elsewhere it is not', () => {
    const d = draft('First paragraph.\nSecond paragraph.')
    d.select(d.posOf(' paragraph.'))
    d.type(kenSuggests, ' long')
    d.select(d.posOf('First'))
    expect(d.run({ author: JPN, access: 'write', canDecide: true }, d.command(splitBlock)).notice).toBe(NOTICES.othersMove)
    d.select(d.posOf('Second'), d.posOf('Second') + 3)
    expect(d.run(jpnWrites, d.command(splitBlock))).toEqual({ notice: null, refusedBy: null })
    expect(d.read().text).toBe('First paragraph.\n\nond paragraph.')
  })
})

describe('the clipboard', () => {
  it('pasted or dropped content keeps no suggestion marks, other marks stay', () => {
    const bold = schema.marks.bold?.create()
    const ken = schema.marks.insertion?.create({ id: 'sugg1', user: KEN.id, name: KEN.name, state: 'KEN', at: AT })
    if (!bold || !ken) throw new Error('no marks')
    const slice = new Slice(Fragment.from(schema.nodes.paragraph?.create(null, [schema.text('kept', [bold, ken]), schema.text(' plain')])), 1, 1)
    const cleaned = withoutSuggestionMarks(slice)
    expect(cleaned.content.firstChild?.firstChild?.marks.map((m) => m.type.name)).toEqual(['bold'])
    expect(cleaned.content.firstChild?.textContent).toBe('kept plain')
    expect([cleaned.openStart, cleaned.openEnd]).toEqual([1, 1])
  })
})
