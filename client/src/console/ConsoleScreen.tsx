import { useEffect, useState } from 'react'
import type { ConsoleStatus } from '../../../shared/consoleApi'
import { consoleApi } from '../api/console'
import { errorMessage } from '../api/http'
import { AuditPanel } from './AuditPanel'
import { DraftsPanel } from './DraftsPanel'
import { GroupsPanel } from './GroupsPanel'
import { PeoplePanel } from './PeoplePanel'
import { SecurityPanel } from './SecurityPanel'
import { StatesPanel } from './StatesPanel'
import './console.css'

const TABS = ['People', 'Working groups', 'Member States', 'Drafts', 'Audit log', 'Security'] as const
type Tab = (typeof TABS)[number]

/** The secretariat's console: people, groups, States, drafts, the audit log and security (the server refuses everyone else). */
export function ConsoleScreen() {
  const [tab, setTab] = useState<Tab>('People')
  const [status, setStatus] = useState<ConsoleStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    consoleApi.status().then(setStatus, (e: unknown) => setError(errorMessage(e, 'Could not open the console.')))
  }, [])
  return (
    <main className="content console" id="main">
      <h1>Console</h1>
      {error && <p className="error" role="alert">{error}</p>}
      {status && (
        <>
          {!status.emailEnabled && <p className="console-note">E-mail is off on this server: nothing is mailed.</p>}
          <nav aria-label="Console sections" className="console-tabs">
            {TABS.map((t) => (
              <button key={t} type="button" aria-current={t === tab ? 'page' : undefined} onClick={() => setTab(t)}>{t}</button>
            ))}
          </nav>
          {tab === 'People' && <PeoplePanel emailEnabled={status.emailEnabled} />}
          {tab === 'Working groups' && <GroupsPanel />}
          {tab === 'Member States' && <StatesPanel />}
          {tab === 'Drafts' && <DraftsPanel />}
          {tab === 'Audit log' && <AuditPanel />}
          {tab === 'Security' && <SecurityPanel status={status} onChange={setStatus} />}
        </>
      )}
    </main>
  )
}
