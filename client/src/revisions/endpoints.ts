import type { DiffEndpoint } from '../../../shared/api'
import { formatDateTime } from '../../../shared/dates'

const when = (iso: string) => formatDateTime(iso)

/** "Revision 2: After the 56th session", "Current draft", "Your last visit (5 April 2018, 14:02)". */
export function endpointLabel(endpoint: DiffEndpoint): string {
  if (endpoint.kind === 'revision') return `Revision ${endpoint.number}: ${endpoint.label}`
  if (endpoint.kind === 'current') return 'Current draft'
  return `Your last visit (${when(endpoint.at)})`
}

export function formatWhen(iso: string): string {
  return when(iso)
}
