import type { PersonRef } from '../../../shared/threadsApi'

/** "Amina Wanjiru (KEN)", or "Name, rapporteur" for those who speak for no State. */
export function personLabel(person: PersonRef): string {
  return person.state ? `${person.name} (${person.state})` : `${person.name}, ${person.role}`
}

export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
}
