import type { ReactNode } from 'react'
import type { DraftDetail } from '../../../shared/api'
import { type DraftView, navigate } from '../router'
import { AgreementPanel } from '../agreement/AgreementPanel'
import { DraftSizeNote } from './DraftSizeNote'
import { DraftTabs } from './DraftTabs'
import { RecoveryNotice } from './RecoveryNotice'

/** The draft's text mode (set by the secretariat), in words. */
function TextModeNote({ mode }: { mode: DraftDetail['textMode'] }) {
  return mode === 'suggest' ? (
    <span className="text-mode-note" title="Delegations mark up the text as suggestions; the rapporteur, the chair and the secretariat edit directly and decide.">
      Suggest mode
    </span>
  ) : (
    <span className="text-mode-note" title="Writers edit the text directly; anyone who may edit can still choose to suggest.">
      Edit mode
    </span>
  )
}

/** The draft's title and its views as tabs, with whatever status the view shows beside them. */
export function DraftHeader({ draft, view, children }: { draft: DraftDetail; view: DraftView; children?: ReactNode }) {
  return (
    <>
    {/* A div, not <header>: the page's banner is the top bar; a second banner landmark confuses screen readers. */}
    <div className="workspace-header">
      <div className="workspace-title">
        <button type="button" className="link-button" onClick={() => navigate('/')}>Drafts</button>
        <span aria-hidden="true"> / </span>
        <h1>{draft.title}</h1>
        <TextModeNote mode={draft.textMode} />
        <DraftSizeNote size={draft.size} />
      </div>
      <DraftTabs draftId={draft.id} view={view} />
      {children && <div className="workspace-status">{children}</div>}
    </div>
    <RecoveryNotice />
    {view === 'text' && <AgreementPanel draftId={draft.id} />}
    </>
  )
}
