import { CLAUSE_STATUSES, type ClauseStatus, isLockedStatus } from '../../../shared/draft/format'
import type { StatusChangeBody } from '../api/clauseStatus'
import { errorMessage } from '../api/http'
import { ChoicePopover } from '../ui/ChoicePopover'

export const STATUS_LABEL: Record<ClauseStatus, string> = {
  proposed: 'Proposed',
  'under-discussion': 'Under discussion',
  'agreed-ad-referendum': 'Agreed ad referendum',
  agreed: 'Agreed',
  adopted: 'Adopted',
}

const CHOICES = CLAUSE_STATUSES.map((value) => ({ value, label: STATUS_LABEL[value] }))

/** What the chosen status needs besides itself: a reason to reopen agreed language, the holding States ad referendum (asked in a prompt). */
function details(from: ClauseStatus, to: ClauseStatus): StatusChangeBody | null {
  if (to === 'agreed-ad-referendum') {
    const states = window.prompt('Which States agree ad referendum? ISO codes, separated by commas (e.g. KEN, JPN)')
    if (!states) return null
    const expected = window.prompt('By which date do they expect to confirm? (YYYY-MM-DD, optional)') ?? ''
    return { status: to, states: states.split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase()), expected: expected.trim() || null }
  }
  if (isLockedStatus(from) && !isLockedStatus(to)) {
    const reason = window.prompt('Why is this agreed language reopened? (on record)')
    return reason ? { status: to, reason } : null
  }
  return { status: to }
}

/**
 * The clause status as a badge; for those who may change it, "Change status…" opens a choice that
 * takes effect only on Confirm (a status is part of the record: no change on a stray arrow key).
 * The server sets it (PUT …/status), with who and why.
 */
export function StatusControl({ status, label, readOnly, onChange, propose = false }: { status: ClauseStatus; label: string; readOnly: boolean; onChange: (change: StatusChangeBody) => Promise<unknown>; propose?: boolean }) {
  const badge = <span className={`status-badge status-${status}`}>{STATUS_LABEL[status]}</span>
  if (readOnly) return badge
  return (
    <span className="status-control">
      {!propose && badge}
      <ChoicePopover
        opener={propose ? 'Propose status…' : 'Change status…'}
        openerLabel={propose ? `Propose status for ${label}` : `Change status of ${label}`}
        legend={`Status of ${label}`}
        choices={CHOICES}
        current={status}
        question={(s) => (propose ? `Ask the chair to mark ${label} as ${STATUS_LABEL[s]}?` : `Mark ${label} as ${STATUS_LABEL[s]}?`)}
        confirmText="Confirm"
        onConfirm={async (s) => {
          const change = details(status, s)
          if (!change) return 'Nothing was changed.'
          try {
            await onChange(change)
            return null
          } catch (e) {
            return errorMessage(e, 'Could not change the status.')
          }
        }}
      />
    </span>
  )
}
