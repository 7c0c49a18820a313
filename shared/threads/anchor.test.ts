import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ClauseKey } from '../draft/format'
import { buildDraftDoc, clausesMap, readClauses } from '../draft/ydoc'
import { type Anchor, anchorInText, decodeRelative, encodeRelative, replaceSpan, resolveSpan } from './anchor'

const TEXT = 'Each State shall preserve stored computer data for ninety days.\nA second paragraph follows.'

function setup() {
  const doc = buildDraftDoc('T', [{ kind: 'article', heading: 'Preservation', text: TEXT }])
  const id = readClauses(doc)[0]?.id ?? ''
  return { doc, id }
}

function bodyOf(doc: Y.Doc, id: string): Y.XmlFragment {
  const body = clausesMap(doc).get(id)?.get(ClauseKey.body)
  if (!(body instanceof Y.XmlFragment)) throw new Error('no body')
  return body
}

function paragraphText(doc: Y.Doc, id: string, index = 0): Y.XmlText {
  const paragraph = bodyOf(doc, id).get(index)
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  if (!(text instanceof Y.XmlText)) throw new Error('no text')
  return text
}

function spanOf(doc: Y.Doc, id: string, anchor: Anchor): string {
  const resolution = resolveSpan(doc, bodyOf(doc, id), anchor)
  return resolution.state === 'ok' ? resolution.text : resolution.state
}

function replica(of: Y.Doc): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(of))
  return doc
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('thread anchors', () => {
  const word = 'stored computer data'
  const from = TEXT.indexOf(word)

  it('round-trips through base64 and resolves to the quoted text', () => {
    const { doc, id } = setup()
    const anchor = anchorInText(paragraphText(doc, id), from, from + word.length)
    const decoded = { start: decodeRelative(encodeRelative(anchor.start)), end: decodeRelative(encodeRelative(anchor.end)) }
    expect(spanOf(doc, id, decoded)).toBe(word)
    expect(() => decodeRelative('not base64 at all!')).toThrow()
  })

  it('follows edits before, inside and after the span', () => {
    const { doc, id } = setup()
    const text = paragraphText(doc, id)
    const anchor = anchorInText(text, from, from + word.length)
    text.insert(0, 'Under these provisions, ')
    expect(spanOf(doc, id, anchor)).toBe(word)
    text.insert(text.toString().indexOf('computer'), 'electronic ')
    expect(spanOf(doc, id, anchor)).toBe('stored electronic computer data')
    text.insert(text.toString().indexOf(' for ninety'), ' and traffic data')
    expect(spanOf(doc, id, anchor)).toBe('stored electronic computer data')
    text.delete(0, 'Under these provisions, '.length)
    expect(spanOf(doc, id, anchor)).toBe('stored electronic computer data')
  })

  it('converges on both replicas when they edit around and inside the span concurrently', () => {
    const { doc: a, id } = setup()
    const b = replica(a)
    const anchor = anchorInText(paragraphText(a, id), from, from + word.length)
    paragraphText(a, id).insert(0, 'Firstly, ')
    const tb = paragraphText(b, id)
    tb.insert(tb.toString().indexOf('data'), 'and traffic ')
    tb.insert(tb.length, ' Added by B.')
    sync(a, b)
    expect(spanOf(a, id, anchor)).toBe('stored computer and traffic data')
    expect(spanOf(b, id, anchor)).toBe('stored computer and traffic data')
  })

  it('reports the span as removed once its text is deleted, and unknown on a replica that never saw it', () => {
    const { doc, id } = setup()
    const text = paragraphText(doc, id)
    const fresh = new Y.Doc()
    const anchor = anchorInText(text, from, from + word.length)
    text.delete(from - 1, word.length + 1)
    expect(spanOf(doc, id, anchor)).toBe('removed')
    expect(resolveSpan(fresh, fresh.getXmlFragment('x'), anchor).state).toBe('unknown')
  })

  it('reports the span as removed when its whole paragraph is deleted and collected', () => {
    const { doc, id } = setup()
    const anchor = anchorInText(paragraphText(doc, id), from, from + word.length)
    bodyOf(doc, id).delete(0, 1)
    expect(spanOf(doc, id, anchor)).toBe('removed')
    expect(spanOf(replica(doc), id, anchor)).toBe('removed')
  })

  it('refuses a span that points into another clause', () => {
    const doc = buildDraftDoc('T', [
      { kind: 'article', heading: 'One', text: 'First clause text.' },
      { kind: 'article', heading: 'Two', text: 'Second clause text.' },
    ])
    const [one, two] = readClauses(doc)
    const anchor = anchorInText(paragraphText(doc, one?.id ?? ''), 0, 5)
    expect(resolveSpan(doc, bodyOf(doc, two?.id ?? ''), anchor).state).toBe('outside')
  })

  it('spans paragraphs, and replaces a span within one paragraph', () => {
    const { doc, id } = setup()
    const first = paragraphText(doc, id, 0)
    const second = paragraphText(doc, id, 1)
    const across = { start: Y.createRelativePositionFromTypeIndex(first, TEXT.indexOf('ninety')), end: Y.createRelativePositionFromTypeIndex(second, 8, -1) }
    expect(spanOf(doc, id, across)).toBe('ninety days.\nA second')
    const anchor = anchorInText(first, TEXT.indexOf('ninety'), TEXT.indexOf('ninety') + 'ninety'.length)
    const resolution = resolveSpan(doc, bodyOf(doc, id), anchor)
    if (resolution.state !== 'ok') throw new Error('unresolved')
    expect(replaceSpan(resolution, 'one hundred and eighty')).toBe(true)
    expect(readClauses(doc)[0]?.text).toBe('Each State shall preserve stored computer data for one hundred and eighty days.\nA second paragraph follows.')
    const wide = resolveSpan(doc, bodyOf(doc, id), across)
    if (wide.state !== 'ok') throw new Error('unresolved')
    expect(replaceSpan(wide, 'x')).toBe(false)
  })
})
