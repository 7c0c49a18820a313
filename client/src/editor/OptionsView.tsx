import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react'
import { optionLabel } from '../../../shared/draft/blocks'

/** Options shown together, each labelled; editors may keep one of them ("choose") or add another. */
export function OptionsView({ node, editor, getPos }: ReactNodeViewProps) {
  const editable = editor.isEditable
  const count = node.childCount
  const choose = (index: number) => {
    const pos = getPos()
    if (typeof pos === 'number') editor.chain().focus().chooseOption(pos, index).run()
  }
  return (
    <NodeViewWrapper className="options-block" data-count={count}>
      <div className="options-header" contentEditable={false}>
        <span>Alternative wordings: not yet chosen</span>
        {editable && (
          <span className="options-actions">
            {Array.from({ length: count }, (_, i) => (
              <button key={optionLabel(i)} type="button" className="small" onClick={() => choose(i)}>
                Keep option {optionLabel(i)}
              </button>
            ))}
          </span>
        )}
      </div>
      <NodeViewContent className="options-content" />
    </NodeViewWrapper>
  )
}
