import { CLAUSE_STATUSES, type ClauseStatus } from '../../../shared/draft/format'

export const STATUS_LABEL: Record<ClauseStatus, string> = {
  proposed: 'Proposed',
  'under-discussion': 'Under discussion',
  agreed: 'Agreed',
  adopted: 'Adopted',
}

/** The clause status as a badge; a select styled as one for those who may change it. */
export function StatusControl({ status, label, readOnly, onChange }: { status: ClauseStatus; label: string; readOnly: boolean; onChange: (status: ClauseStatus) => void }) {
  if (readOnly) return <span className={`status-badge status-${status}`}>{STATUS_LABEL[status]}</span>
  return (
    <select
      className={`status-badge status-${status}`}
      aria-label={`Status of ${label}`}
      value={status}
      onChange={(e) => onChange(e.currentTarget.value as ClauseStatus)}
    >
      {CLAUSE_STATUSES.map((s) => (
        <option key={s} value={s}>
          {STATUS_LABEL[s]}
        </option>
      ))}
    </select>
  )
}
