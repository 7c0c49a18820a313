import type { DraftDetail } from '../../../shared/api'
import { type DraftView, draftPath, navigate } from '../router'
import type { SaveState } from './savedTracker'
import type { ConnectionStatus } from './session'
import { ConnectionIndicator, SaveIndicator } from './StatusBar'

export const TABS: readonly { view: DraftView; label: string }[] = [
  { view: 'text', label: 'Text' },
  { view: 'history', label: 'Comment history' },
  { view: 'positions', label: 'Positions' },
  { view: 'revisions', label: 'Revisions' },
  { view: 'reports', label: 'Reports' },
]

/** The draft's title, its views as tabs, and the connection and save state. */
export function DraftHeader({ draft, view, connection, saveState }: { draft: DraftDetail; view: DraftView; connection: ConnectionStatus; saveState: SaveState }) {
  return (
    <header className="workspace-header">
      <div className="workspace-title">
        <button type="button" className="link-button" onClick={() => navigate('/')}>Drafts</button>
        <span aria-hidden="true"> / </span>
        <h1>{draft.title}</h1>
      </div>
      <nav className="tabs" aria-label="Draft views">
        {TABS.map((tab) => (
          <a
            key={tab.view}
            href={draftPath(draft.id, tab.view)}
            aria-current={tab.view === view ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault()
              navigate(draftPath(draft.id, tab.view))
            }}
          >
            {tab.label}
          </a>
        ))}
      </nav>
      <div className="workspace-status">
        <ConnectionIndicator status={connection} />
        <SaveIndicator state={saveState} readOnly={!draft.access.canEdit} />
      </div>
    </header>
  )
}
