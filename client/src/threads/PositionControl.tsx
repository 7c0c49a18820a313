import { useState } from 'react'
import type { ClauseConsensus, PositionView, Stance } from '../../../shared/threadsApi'
import { errorMessage } from '../api/http'
import { ChoicePopover } from '../ui/ChoicePopover'
import { threadsApi } from '../api/threads'

export const STANCE_LABEL: Record<Stance, string> = { support: 'Support', reservation: 'Reservation', objection: 'Objection', none: 'No position' }

const CHOICES = (Object.keys(STANCE_LABEL) as Stance[]).map((value) => ({ value, label: STANCE_LABEL[value] }))
const STATEMENT_MAX = 5_000 // the positions API's limit

interface Props {
  readonly draftId: string
  readonly clauseId: string
  readonly label: string
  readonly consensus: ClauseConsensus | null
  /** The State the user speaks for, when they may record positions now. */
  readonly state: string | null
  readonly mine: PositionView | null
  readonly onChanged: () => void
}

/**
 * The clause's consensus summary, and for a delegate their State's position on it: recorded only
 * on "Record position" after choosing a stance (and optionally writing a statement for the record).
 */
export function PositionControl({ draftId, clauseId, label, consensus, state, mine, onChanged }: Props) {
  const [statement, setStatement] = useState('')
  const record = async (stance: Stance): Promise<string | null> => {
    try {
      await threadsApi.setPosition(draftId, clauseId, stance, statement.trim())
      onChanged()
      return null
    } catch (e) {
      return errorMessage(e, 'Could not record the position.')
    }
  }
  return (
    <div className="positions-line">
      <span className="consensus" aria-label={`Positions on ${label}`}>{consensus?.summary ?? 'No positions yet'}</span>
      {state && (
        <span className="position-control">
          <span className="position-mine">
            {state}: {mine ? STANCE_LABEL[mine.stance] : 'no position recorded'}
            {mine?.statement && (
              <>
                {' '}
                <q className="position-statement">{mine.statement}</q>
              </>
            )}
          </span>
          <ChoicePopover
            opener={mine ? 'Change position…' : 'Record position…'}
            openerLabel={`${mine ? 'Change position' : 'Record position'} of ${state} on ${label}`}
            legend={`${state} position on ${label}`}
            choices={CHOICES}
            current={mine?.stance ?? null}
            allowSame
            question={(s) => `Record ${STANCE_LABEL[s]} for ${state} on ${label}?`}
            confirmText="Record position"
            onConfirm={record}
            onOpen={() => setStatement(mine?.statement ?? '')}
          >
            <label className="choice-field">
              Statement for the record (optional)
              <textarea
                rows={3}
                maxLength={STATEMENT_MAX}
                value={statement}
                onChange={(e) => setStatement(e.currentTarget.value)}
              />
            </label>
          </ChoicePopover>
        </span>
      )}
    </div>
  )
}
