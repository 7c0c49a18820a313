import type { Editor } from '@tiptap/react'
import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { bodyHtml } from '../../../shared/draft/ydoc'
import { ClauseEditor } from '../editor/ClauseEditor'
import type { HighlightSpan } from '../threads/highlights'
import { useInView } from './useInView'

/** The clause text as static HTML (escaped by bodyHtml), kept current; used until the editor mounts. */
function StaticBody({ fragment, label }: { fragment: Y.XmlFragment; label: string }) {
  const [html, setHtml] = useState(() => bodyHtml(fragment))
  useEffect(() => {
    const update = () => setHtml(bodyHtml(fragment))
    fragment.observeDeep(update)
    update()
    return () => fragment.unobserveDeep(update)
  }, [fragment])
  return <div className="clause-editor static" aria-label={`Text of ${label}`} dangerouslySetInnerHTML={{ __html: html }} />
}

interface Props {
  readonly fragment: Y.XmlFragment
  readonly label: string
  readonly editable: boolean
  readonly autoFocus: boolean
  readonly onFocus: (editor: Editor) => void
  readonly highlights: readonly HighlightSpan[]
  readonly onOpenThread: (threadId: string) => void
  readonly onSelectionAction?: ((editor: Editor, propose: boolean) => void) | undefined
  readonly canPropose: boolean
  readonly onReadOnlyKey: () => void
  readonly onEditor: (editor: Editor | null) => void
}

/**
 * Mounts the clause's editor only while it is near the viewport (or focused), so a 300-clause
 * draft keeps a small DOM and opens fast.
 */
export function ClauseBody(props: Props) {
  const ref = useRef<HTMLDivElement>(null)
  const inView = useInView(ref)
  const [focused, setFocused] = useState(false)
  const mounted = inView || focused || props.autoFocus
  return (
    <div
      ref={ref}
      className="clause-body"
      onFocus={() => setFocused(true)}
      onClick={(e) => {
        const span = (e.target as HTMLElement).closest<HTMLElement>('[data-thread]')
        if (span?.dataset.thread) props.onOpenThread(span.dataset.thread)
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setFocused(false)
      }}
    >
      {mounted ? (
        <ClauseEditor
          fragment={props.fragment}
          label={props.label}
          editable={props.editable}
          autoFocus={props.autoFocus}
          onFocus={props.onFocus}
          highlights={props.highlights}
          onSelectionAction={props.onSelectionAction}
          canPropose={props.canPropose}
          onReadOnlyKey={props.onReadOnlyKey}
          onEditor={props.onEditor}
        />
      ) : (
        <StaticBody fragment={props.fragment} label={props.label} />
      )}
    </div>
  )
}
