import { CLAUSE_STATUSES, type ClauseStatus } from '../../../shared/draft/format'
import { ChoicePopover } from '../ui/ChoicePopover'

export const STATUS_LABEL: Record<ClauseStatus, string> = {
  proposed: 'Proposed',
  'under-discussion': 'Under discussion',
  'agreed-ad-referendum': 'Agreed ad referendum',
  agreed: 'Agreed',
  adopted: 'Adopted',
}

const CHOICES = CLAUSE_STATUSES.map((value) => ({ value, label: STATUS_LABEL[value] }))

/**
 * The clause status as a badge; for those who may change it, "Change status…" opens a choice that
 * takes effect only on Confirm (a status is part of the record: no change on a stray arrow key).
 */
export function StatusControl({ status, label, readOnly, onChange }: { status: ClauseStatus; label: string; readOnly: boolean; onChange: (status: ClauseStatus) => void }) {
  const badge = <span className={`status-badge status-${status}`}>{STATUS_LABEL[status]}</span>
  if (readOnly) return badge
  return (
    <span className="status-control">
      {badge}
      <ChoicePopover
        opener="Change status…"
        openerLabel={`Change status of ${label}`}
        legend={`Status of ${label}`}
        choices={CHOICES}
        current={status}
        question={(s) => `Mark ${label} as ${STATUS_LABEL[s]}?`}
        confirmText="Confirm"
        onConfirm={(s) => {
          onChange(s)
          return null
        }}
      />
    </span>
  )
}
