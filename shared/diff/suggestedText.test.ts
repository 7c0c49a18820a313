import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bodyText, buildDraftDoc, readClauseEntries } from '../draft/ydoc'
import { suggestedRuns } from './suggestedText'

const kenya = { id: 'sugKenya01', user: 'usrKenya01', name: 'Amina Otieno', state: 'KEN', at: '2026-12-01T10:00:00.000Z' }
const japan = { id: 'sugJapan01', user: 'usrJapan01', name: 'Kenji Sato', state: 'JPN', at: '2026-12-01T11:00:00.000Z' }

/** Every Y.XmlText of a body, in document order. */
function texts(node: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return node.toArray().flatMap((child) => (child instanceof Y.XmlText ? [child] : child instanceof Y.XmlElement ? texts(child) : []))
}

const join = (runs: readonly { op: string; text: string }[], keep: string) => runs.filter((r) => r.op === 'equal' || r.op === keep).map((r) => r.text).join('')

describe('a clause body with its suggestions as runs', () => {
  it('gives the base text without the insertions and the accepted text without the deletions, labels and brackets as bodyText writes them', () => {
    const doc = buildDraftDoc('T', [{ kind: 'article', heading: 'Measures', text: 'Each State shall [take] measures:\n(a) to prevent harm;\n(b) to punish it.\nOption A: within a year.\nOption B: promptly.' }])
    const body = readClauseEntries(doc)[0]?.body as Y.XmlFragment
    expect(suggestedRuns(body)).toBeNull()
    const [intro, a, b, optionA] = texts(body)
    intro?.insert('Each State shall '.length, 'promptly ', { insertion: kenya })
    a?.format('to '.length, 'prevent'.length, { deletion: japan })
    a?.insert('to prevent'.length, 'avert', { insertion: japan })
    b?.format(0, 'to punish it.'.length, { deletion: kenya })
    optionA?.insert('within a year'.length, ' at most', { insertion: kenya })
    const runs = suggestedRuns(body) ?? []
    expect(join(runs, 'delete')).toBe(bodyText(body))
    expect(join(runs, 'insert')).toBe('Each State shall promptly [take] measures:\n(a) to avert harm;\n(b) \nOption A: within a year at most.\nOption B: promptly.')
    expect(runs.filter((r) => r.op !== 'equal').map((r) => [r.op, r.text, r.suggestion?.state])).toEqual([
      ['insert', 'promptly ', 'KEN'],
      ['delete', 'prevent', 'JPN'],
      ['insert', 'avert', 'JPN'],
      ['delete', 'to punish it.', 'KEN'],
      ['insert', ' at most', 'KEN'],
    ])
    // Each "\n" and each line label is a run of its own.
    expect(runs.filter((r) => r.text.includes('\n')).every((r) => r.text === '\n')).toBe(true)
    expect(runs.map((r) => r.text)).toContain('(b) ')
    expect(runs.map((r) => r.text)).toContain('Option A: ')
  })
})
