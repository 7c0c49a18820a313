import type { DraftDetail } from '../../../shared/api'
import { type DraftView, navigate } from '../router'
import { DraftTabs } from './DraftTabs'
import type { SaveState } from './savedTracker'
import type { ConnectionStatus } from './session'
import { ConnectionIndicator, SaveIndicator } from './StatusBar'

/** The draft's title, its views as tabs, and the connection and save state. */
export function DraftHeader({ draft, view, connection, saveState }: { draft: DraftDetail; view: DraftView; connection: ConnectionStatus; saveState: SaveState }) {
  return (
    <header className="workspace-header">
      <div className="workspace-title">
        <button type="button" className="link-button" onClick={() => navigate('/')}>Drafts</button>
        <span aria-hidden="true"> / </span>
        <h1>{draft.title}</h1>
      </div>
      <DraftTabs draftId={draft.id} view={view} />
      <div className="workspace-status">
        <ConnectionIndicator status={connection} />
        <SaveIndicator state={saveState} readOnly={!draft.access.canEdit} />
      </div>
    </header>
  )
}
