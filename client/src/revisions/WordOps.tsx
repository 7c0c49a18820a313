import type { WordOp } from '../../../shared/diff/types'
import { opParagraphs } from '../../../shared/diff/words'
import './diff.css'

/** Which text to show: both (inline), or only the old or only the new side (side by side). */
export type OpsSide = 'inline' | 'before' | 'after'

function visibleOps(ops: readonly WordOp[], side: OpsSide): readonly WordOp[] {
  if (side === 'before') return ops.filter((o) => o.op !== 'insert')
  if (side === 'after') return ops.filter((o) => o.op !== 'delete')
  return ops
}

/** One run of text: <ins> underlined, <del> struck through (colour is never the only cue). */
function Op({ op }: { op: WordOp }) {
  if (op.op === 'insert') return <ins className="diff-ins">{op.text}</ins>
  if (op.op === 'delete') return <del className="diff-del">{op.text}</del>
  return <>{op.text}</>
}

/** A heading's ops on one line. */
export function InlineOps({ ops, side = 'inline' }: { ops: readonly WordOp[]; side?: OpsSide }) {
  return (
    <>
      {visibleOps(ops, side).map((op, i) => (
        <Op key={i} op={op} />
      ))}
    </>
  )
}

/** A body's ops as paragraphs: a "\n" op starts a new one (an inserted or deleted boundary shows as a mark). */
export function ParagraphOps({ ops, side = 'inline' }: { ops: readonly WordOp[]; side?: OpsSide }) {
  const lines = opParagraphs(visibleOps(ops, side))
  if (lines.length === 1 && lines[0]?.length === 0) return <p className="diff-empty muted">(no text)</p>
  return (
    <>
      {lines.map((line, i) => {
        const changed = line.length > 0 && line.every((o) => o.op !== 'equal')
        const kind = changed && line.every((o) => o.op === 'insert') ? ' diff-line-ins' : changed && line.every((o) => o.op === 'delete') ? ' diff-line-del' : ''
        return (
          <p key={i} className={`diff-paragraph${kind}`}>
            {line.map((op, k) => (
              <Op key={k} op={op} />
            ))}
          </p>
        )
      })}
    </>
  )
}
