import { useState } from 'react'
import { diffText } from '../../../shared/diff/words'
import { ParagraphOps } from '../revisions/WordOps'
import { condense } from './changedParagraphs'

interface Props {
  /** The wording the proposal is compared with (the clause's text now, while pending). */
  readonly from: string
  readonly to: string
  readonly label: string
}

/**
 * A proposal as only its changes: the word diff of the changed paragraphs (insertions underlined,
 * deletions struck and announced), unchanged paragraphs folded, and a toggle to the full wording.
 */
export function ProposalDiff({ from, to, label }: Props) {
  const [full, setFull] = useState(false)
  const shown = condense(diffText(from, to))
  return (
    <div className="proposal-diff-box">
      {full ? (
        <div className="proposal-full" aria-label="Full proposed wording">
          {to.split('\n').map((line, i) => (
            <p key={i} className="proposal-text">{line}</p>
          ))}
        </div>
      ) : (
        <div className="proposal-diff" aria-label={label}>
          {shown.map((part, i) =>
            part.kind === 'changed' ? (
              <ParagraphOps key={i} ops={part.ops} />
            ) : (
              <p key={i} className="proposal-unchanged muted">⋯ {part.count === 1 ? '1 paragraph unchanged' : `${part.count} paragraphs unchanged`}</p>
            ),
          )}
        </div>
      )}
      <button type="button" className="link-button small" aria-pressed={full} onClick={() => setFull(!full)}>
        {full ? 'Show the changes' : 'Show full wording'}
      </button>
    </div>
  )
}
