import { type Phase, type Role, can } from '../../shared/permissions'

/**
 * Whether a collaboration connection of this role is read-only in this phase (at the upgrade and
 * after a phase change); a damaged draft is read-only for everyone besides (Room.isReadOnly).
 */
export function isReadOnly(role: Role, phase: Phase): boolean {
  return !can(role, 'draft.editText', phase)
}
