import { describe, expect, it } from 'vitest'
import type { AttributedOp, SuggestedOp } from '../../../../shared/report/types'
import { mergeTracked, suggestedLines } from './suggestions'

const at = '2026-12-01T10:00:00.000Z'
const eq = (text: string): SuggestedOp => ({ op: 'equal', text, author: null, at: null, suggestion: null, state: null })
const sIns = (text: string, author = 'Kenya'): SuggestedOp => ({ op: 'insert', text, author, at, suggestion: `s-${author}`, state: 'KEN' })
const sDel = (text: string, author = 'Kenya'): SuggestedOp => ({ op: 'delete', text, author, at, suggestion: `s-${author}`, state: 'KEN' })
const dIns = (text: string): AttributedOp => ({ op: 'insert', text, author: 'Japan', at })
const dDel = (text: string): AttributedOp => ({ op: 'delete', text, author: 'Japan', at })
const dEq = (text: string): AttributedOp => ({ op: 'equal', text, author: null, at: null })
const brief = (ops: readonly SuggestedOp[]) => ops.map((o) => `${o.op[0]}:${o.text}${o.suggestion ? '*' : ''}`)

describe('suggestions in the writers', () => {
  it('lays a clause with suggestions out in lines, labels apart', () => {
    const lines = suggestedLines([eq('Each State shall '), sIns('promptly '), eq('act:'), eq('\n'), eq('(a) '), sDel('at once'), eq('\n'), eq('Option A: '), eq('soon.')])
    expect(lines.map((l) => [l.kind, l.label, brief(l.ops)])).toEqual([
      ['paragraph', null, ['e:Each State shall ', 'i:promptly *', 'e:act:']],
      ['subparagraph', '(a)', ['d:at once*']],
      ['option', 'Option A:', ['e:soon.']],
    ])
  })

  it('merges the changes since the compared revision with the open suggestions on the same base text', () => {
    // Compared: "States may act now." → base: "States shall act now.\nSoon." ; Kenya suggests inserting "jointly " and deleting "now".
    const diff = [dEq('States '), dDel('may'), dIns('shall'), dEq(' act now.'), dIns('\n'), dIns('Soon.')]
    const suggested = [eq('States shall act '), sIns('jointly '), sDel('now'), eq('.'), eq('\n'), eq('Soon.')]
    expect(brief(mergeTracked(diff, suggested))).toEqual(['e:States ', 'd:may', 'i:shall', 'e: act ', 'i:jointly *', 'd:now*', 'e:.', 'i:\n', 'i:Soon.'])
    // A suggested deletion of newly inserted text stays the change's insertion.
    expect(brief(mergeTracked([dEq('A '), dIns('new')], [eq('A '), sDel('new')]))).toEqual(['e:A ', 'i:new'])
    // Different base texts (an older revision's text form): the changes alone.
    expect(brief(mergeTracked([dEq('A')], [eq('B'), sIns('x')]))).toEqual(['e:A'])
  })
})
