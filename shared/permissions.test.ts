import { describe, expect, it } from 'vitest'
import { ACTIONS, type Action, PHASES, type Phase, ROLES, type Role, can, isRole, readOnlyReason, textAccess } from './permissions'

/** Actions whose answer depends on the draft's phase. */
const PHASED: readonly Action[] = ['draft.editText', 'comment.create', 'thread.resolve', 'proposal.create', 'proposal.apply', 'position.record', 'clause.setStatus', 'clause.proposeStatus', 'clause.confirmHold', 'clause.addRemove', 'suggestion.decide', 'revision.restore', 'meeting.open', 'meeting.present', 'meeting.askFloor', 'meeting.decide']
const UNPHASED: readonly Action[] = ACTIONS.filter((a) => !PHASED.includes(a))

const rolesAllowed = (action: Action, phase?: Phase): Role[] => ROLES.filter((role) => can(role, action, phase))

/** The brief's table for editing the text: who may edit, by phase. */
const EDIT_TEXT: Readonly<Record<Role, Readonly<Record<Phase, boolean>>>> = {
  secretariat: { drafting: true, consultation: false, closed: false },
  chair: { drafting: true, consultation: false, closed: false },
  rapporteur: { drafting: true, consultation: true, closed: false },
  delegate: { drafting: true, consultation: false, closed: false },
  observer: { drafting: false, consultation: false, closed: false },
}

const EDIT_CASES = ROLES.flatMap((role) => PHASES.map((phase) => [role, phase, EDIT_TEXT[role][phase]] as const))

describe("can(role, 'draft.editText', phase)", () => {
  it.each(EDIT_CASES)('%s in %s → %s', (role, phase, expected) => {
    expect(can(role, 'draft.editText', phase)).toBe(expected)
  })

  it.each(EDIT_CASES)('readOnlyReason(%s, %s) is null exactly when editable (%s)', (role, phase, editable) => {
    const reason = readOnlyReason(role, phase)
    if (editable) expect(reason).toBeNull()
    else expect(reason).toEqual(expect.any(String))
  })
})

describe('the permission table', () => {
  it('observers read every phase and write nothing', () => {
    for (const phase of PHASES) expect(can('observer', 'draft.read', phase)).toBe(true)
    expect(can('observer', 'draft.read')).toBe(true)
    for (const action of ACTIONS.filter((a) => a !== 'draft.read')) {
      for (const phase of PHASES) expect(can('observer', action, phase), `${action} in ${phase}`).toBe(false)
    }
  })

  it('observers never edit or comment', () => {
    for (const phase of PHASES) {
      expect(can('observer', 'draft.editText', phase)).toBe(false)
      expect(can('observer', 'comment.create', phase)).toBe(false)
      expect(can('observer', 'proposal.create', phase)).toBe(false)
    }
  })

  it('delegates edit only while drafting', () => {
    expect(PHASES.filter((phase) => can('delegate', 'draft.editText', phase))).toEqual(['drafting'])
  })

  it('the rapporteur edits while drafting and during consultation, not when closed', () => {
    expect(PHASES.filter((phase) => can('rapporteur', 'draft.editText', phase))).toEqual(['drafting', 'consultation'])
    expect(rolesAllowed('draft.editText', 'consultation')).toEqual(['rapporteur'])
  })

  it('nobody writes to a closed draft', () => {
    for (const action of PHASED) expect(rolesAllowed(action, 'closed'), action).toEqual([])
  })

  it('comments stay open to writers during consultation', () => {
    expect(rolesAllowed('comment.create', 'consultation')).toEqual(['secretariat', 'chair', 'rapporteur', 'delegate'])
    expect(rolesAllowed('comment.create', 'drafting')).toEqual(['secretariat', 'chair', 'rapporteur', 'delegate'])
  })

  it('only the secretariat manages the phase and users', () => {
    expect(rolesAllowed('draft.managePhase')).toEqual(['secretariat'])
    expect(rolesAllowed('users.manage')).toEqual(['secretariat'])
  })

  it('only the secretariat and the rapporteur create drafts', () => {
    expect(rolesAllowed('draft.create')).toEqual(['secretariat', 'rapporteur'])
  })

  it('resolving threads, revisions and reports follow the brief', () => {
    expect(rolesAllowed('thread.resolve', 'drafting')).toEqual(['secretariat', 'chair', 'rapporteur'])
    expect(rolesAllowed('revision.create')).toEqual(['secretariat', 'chair', 'rapporteur'])
    expect(rolesAllowed('revision.restore', 'drafting')).toEqual(['secretariat', 'rapporteur'])
    expect(rolesAllowed('revision.restore', 'consultation')).toEqual(['secretariat', 'rapporteur'])
    expect(rolesAllowed('report.assemble')).toEqual(['secretariat', 'rapporteur'])
    expect(rolesAllowed('proposal.apply', 'consultation')).toEqual(['secretariat', 'rapporteur'])
    expect(rolesAllowed('position.record', 'consultation')).toEqual(['delegate'])
  })

  it('leaves clause statuses to the chair and the secretariat', () => {
    for (const phase of ['drafting', 'consultation'] as const) expect(rolesAllowed('clause.setStatus', phase)).toEqual(['secretariat', 'chair'])
  })

  it('lets the rapporteur propose a status, delegates answer for their State ad referendum, the keepers add and delete clauses', () => {
    for (const phase of ['drafting', 'consultation'] as const) {
      expect(rolesAllowed('clause.proposeStatus', phase)).toEqual(['rapporteur'])
      expect(rolesAllowed('clause.confirmHold', phase)).toEqual(['delegate'])
      expect(rolesAllowed('clause.addRemove', phase)).toEqual(['secretariat', 'chair', 'rapporteur'])
    }
    expect(rolesAllowed('clause.addRemove', 'closed')).toEqual([])
  })

  it('meetings: the chair presides, the secretariat keeps the record, delegates ask for the floor', () => {
    for (const phase of ['drafting', 'consultation'] as const) {
      expect(rolesAllowed('meeting.open', phase)).toEqual(['secretariat', 'chair'])
      expect(rolesAllowed('meeting.present', phase)).toEqual(['chair'])
      expect(rolesAllowed('meeting.askFloor', phase)).toEqual(['delegate'])
      expect(rolesAllowed('meeting.decide', phase)).toEqual(['secretariat', 'chair'])
    }
    expect(rolesAllowed('meeting.attendance')).toEqual(['secretariat'])
    // A meeting under way when the draft closes can still be closed and its minutes kept.
    expect(rolesAllowed('meeting.close')).toEqual(['secretariat', 'chair'])
  })

  it('phase-independent actions give the same answer with or without a phase', () => {
    for (const action of UNPHASED) {
      for (const role of ROLES) {
        for (const phase of PHASES) expect(can(role, action, phase), `${role} ${action} ${phase}`).toBe(can(role, action))
      }
    }
  })

  it.each(PHASED)('throws when %s is asked without a phase', (action) => {
    expect(() => can('secretariat', action)).toThrow(/phase/)
  })
})

describe('readOnlyReason', () => {
  it('explains an observer', () => {
    for (const phase of PHASES) expect(readOnlyReason('observer', phase)).toMatch(/observer/i)
  })

  it('mentions the comment round during consultation', () => {
    for (const role of ['secretariat', 'chair', 'delegate'] as const) {
      expect(readOnlyReason(role, 'consultation')).toMatch(/comment round/i)
    }
  })

  it('gives the comment round\'s deadline', () => {
    expect(readOnlyReason('delegate', 'consultation', '2026-11-30T12:00:00.000Z')).toBe(
      'Consultation until 30 November 2026, 12:00 UTC: the text is frozen while the comment round is open; suggest changes or comment.',
    )
  })

  it('says a closed draft is closed', () => {
    for (const role of ['secretariat', 'chair', 'rapporteur', 'delegate'] as const) {
      expect(readOnlyReason(role, 'closed')).toMatch(/closed/i)
    }
  })
})

describe('isRole', () => {
  it('accepts the five roles and nothing else', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true)
    for (const value of ['', 'emperor', 'Secretariat', 'delegate ', 'admin']) expect(isRole(value)).toBe(false)
  })
})

describe('textAccess', () => {
  it('lets writers edit while drafting, holds delegates to suggestions in suggest mode and everyone but the rapporteur during a round', () => {
    expect(textAccess('delegate', 'drafting', 'edit')).toBe('write')
    expect(textAccess('delegate', 'drafting', 'suggest')).toBe('suggest')
    for (const role of ['rapporteur', 'chair', 'secretariat'] as const) expect(textAccess(role, 'drafting', 'suggest')).toBe('write')
    expect(textAccess('rapporteur', 'consultation', 'edit')).toBe('write')
    for (const role of ['delegate', 'chair', 'secretariat'] as const) expect(textAccess(role, 'consultation', 'edit')).toBe('suggest')
    for (const role of ROLES) expect(textAccess(role, 'closed', 'edit')).toBe('read')
    expect(textAccess('observer', 'drafting', 'edit')).toBe('read')
  })

  it('says why a direct edit is not allowed in suggest mode', () => {
    expect(readOnlyReason('delegate', 'drafting', null, 'suggest')).toMatch(/suggest mode/)
    expect(readOnlyReason('rapporteur', 'drafting', null, 'suggest')).toBeNull()
  })
})
