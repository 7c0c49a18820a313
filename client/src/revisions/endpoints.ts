import type { DiffEndpoint } from '../../../shared/api'

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' })

/** "Revision 2: After the 56th session", "Current draft", "Your last visit (5 April 2018, 14:02)". */
export function endpointLabel(endpoint: DiffEndpoint): string {
  if (endpoint.kind === 'revision') return `Revision ${endpoint.number}: ${endpoint.label}`
  if (endpoint.kind === 'current') return 'Current draft'
  return `Your last visit (${when(endpoint.at)})`
}

export function formatWhen(iso: string): string {
  return when(iso)
}
