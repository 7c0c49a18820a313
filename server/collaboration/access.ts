import { type Phase, type Role, type TextAccess, type TextMode, textAccess } from '../../shared/permissions'

/**
 * What a collaboration connection of this role may do to the text in this phase and text mode (at
 * the upgrade and after every change of them): read, suggest only, or write. A damaged draft is
 * read-only for everyone besides (Room.isReadOnly).
 */
export function connectionTextAccess(role: Role, phase: Phase, textMode: TextMode, silenced = false): TextAccess {
  return textAccess(role, phase, textMode, silenced)
}
