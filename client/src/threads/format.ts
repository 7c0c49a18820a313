import { formatDateTime } from '../../../shared/dates'
import type { PersonRef } from '../../../shared/threadsApi'

/** "Amina Wanjiru (KEN)", or "Name, rapporteur" for those who speak for no State. */
export function personLabel(person: PersonRef): string {
  return person.state ? `${person.name} (${person.state})` : `${person.name}, ${person.role}`
}

/** "1 December 2026, 14:02" in the reader's zone: the one date format of the product. */
export function formatWhen(iso: string): string {
  return formatDateTime(iso)
}
