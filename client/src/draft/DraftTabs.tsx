import { type DraftView, draftPath, navigate } from '../router'

const TABS: readonly { view: DraftView; label: string }[] = [
  { view: 'text', label: 'Text' },
  { view: 'history', label: 'Comment history' },
  { view: 'positions', label: 'Positions' },
  { view: 'dashboard', label: 'Dashboard' },
  { view: 'revisions', label: 'Revisions' },
  { view: 'reports', label: 'Reports' },
]

/** The views of one draft as tabs; the current one is marked for assistive technology too. */
export function DraftTabs({ draftId, view }: { draftId: string; view: DraftView }) {
  return (
    <nav className="tabs" aria-label="Draft views">
      {TABS.map((tab) => (
        <a
          key={tab.view}
          href={draftPath(draftId, tab.view)}
          aria-current={tab.view === view ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault()
            navigate(draftPath(draftId, tab.view))
          }}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  )
}
