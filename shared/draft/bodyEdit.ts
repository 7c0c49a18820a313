import * as Y from 'yjs'
import { alignIndices } from '../diff/words'
import { type Block, blocksToText, textToBlocks } from './blocks'
import { rewriteText } from './textEdit'
import { blocksToXml, bodyBlocks } from './ydoc'

/**
 * Rewrites a clause body toward a new text form (one paragraph per line, "(a) " sub-paragraphs,
 * "Option A: " options, "[…]" brackets) with the smallest edits: unchanged paragraphs are not
 * touched, a changed paragraph is edited word by word, and only unmatched paragraphs are inserted
 * or deleted. So brackets, options, lists, marks and the anchors of other threads survive wherever
 * the words they sit on survive. Call inside one transaction.
 */

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook

const children = (node: Y.XmlFragment | Y.XmlElement): XmlNode[] => node.toArray()
const blockText = (block: Block): string => blocksToText([block])

function cloneNode(node: XmlNode): Y.XmlElement | Y.XmlText {
  return node.clone() as Y.XmlElement | Y.XmlText
}

/** The one XmlText of a paragraph-like node (a paragraph, or a list item / option holding one paragraph). */
export function lineText(node: XmlNode): Y.XmlText | 'empty' | null {
  if (!(node instanceof Y.XmlElement)) return null
  const inner = children(node)
  if (node.nodeName !== 'paragraph') {
    const only = inner.length === 1 ? inner[0] : undefined
    return only instanceof Y.XmlElement && only.nodeName === 'paragraph' ? lineText(only) : null
  }
  if (inner.length === 0) return 'empty'
  const only = inner.length === 1 ? inner[0] : undefined
  return only instanceof Y.XmlText ? only : null
}

/** Makes a paragraph-like node read `line`, word by word where it can; else replaces its content. */
function editLine(target: XmlNode, source: XmlNode, line: string, states: readonly string[]): void {
  const text = lineText(target)
  if (text instanceof Y.XmlText) return rewriteText(text, line, states)
  if (text === 'empty' && target instanceof Y.XmlElement) {
    const fresh = lineText(source)
    if (fresh instanceof Y.XmlText) target.insert(0, [fresh.clone()])
    return
  }
  if (target instanceof Y.XmlElement && source instanceof Y.XmlElement) {
    target.delete(0, target.length)
    target.insert(0, children(source).map(cloneNode))
  }
}

/** Applies an alignment of target children (with their lines) to source children. */
function editChildren(
  target: Y.XmlFragment | Y.XmlElement,
  have: readonly string[],
  source: readonly XmlNode[],
  want: readonly string[],
  edit: (targetChild: XmlNode, sourceChild: XmlNode, a: number, b: number) => boolean,
): void {
  const current = children(target)
  let at = 0
  for (const pair of alignIndices(have, want, (p) => p)) {
    if (pair.b === undefined) {
      target.delete(at, 1)
    } else if (pair.a === undefined) {
      const node = source[pair.b]
      if (node) target.insert(at, [cloneNode(node)])
      at++
    } else {
      const targetChild = current[pair.a]
      const sourceChild = source[pair.b]
      if (targetChild && sourceChild && have[pair.a] !== want[pair.b] && !edit(targetChild, sourceChild, pair.a, pair.b)) {
        target.delete(at, 1)
        target.insert(at, [cloneNode(sourceChild)])
      }
      at++
    }
  }
}

function itemsOf(block: Block): readonly string[] | null {
  if (block.type === 'subparagraphs') return block.items
  if (block.type === 'options') return block.options
  return null
}

/** Rewrites `body` so that its text form reads `text`. New brackets name `states`. */
export function rewriteBody(body: Y.XmlFragment, text: string, states: readonly string[] = []): void {
  const wantBlocks = textToBlocks(text)
  // The new content lives in a scratch document, so its nodes can be read and cloned.
  const scratch = new Y.Doc()
  const source = scratch.getXmlFragment('body')
  source.insert(0, blocksToXml(wantBlocks))
  const sourceNodes = children(source)
  const haveBlocks = bodyBlocks(body)
  editChildren(body, haveBlocks.map(blockText), sourceNodes, wantBlocks.map(blockText), (targetNode, sourceNode, a, b) => {
    const have = haveBlocks[a]
    const want = wantBlocks[b]
    if (!have || !want || have.type !== want.type) return false
    if (want.type === 'paragraph') {
      editLine(targetNode, sourceNode, want.text, states)
      return true
    }
    const haveItems = itemsOf(have)
    const wantItems = itemsOf(want)
    if (!haveItems || !wantItems || !(targetNode instanceof Y.XmlElement) || !(sourceNode instanceof Y.XmlElement)) return false
    if (children(targetNode).length !== haveItems.length) return false
    const sourceItems = children(sourceNode)
    editChildren(targetNode, haveItems, sourceItems, wantItems, (item, sourceItem, _i, j) => {
      if (lineText(item) === null) return false
      editLine(item, sourceItem, wantItems[j] ?? '', states)
      return true
    })
    return true
  })
  scratch.destroy()
}
