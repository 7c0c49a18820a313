/**
 * One date format throughout the product: "1 December 2026", with the time where it matters
 * ("1 December 2026, 14:02"). Deadlines name their time zone, since States read them in many.
 */

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }

/** "1 December 2026" (in `timeZone`, default the reader's). */
export function formatDate(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { ...DAY, ...(timeZone && { timeZone }) })
}

/** "1 December 2026, 14:02" (in `timeZone`, default the reader's). */
export function formatDateTime(iso: string, timeZone?: string): string {
  return `${formatDate(iso, timeZone)}, ${new Date(iso).toLocaleTimeString('en-GB', { ...TIME, ...(timeZone && { timeZone }) })}`
}

/** "4 December 2026, 15:00 UTC": what the server writes (it does not know the reader's zone). */
export function formatUtc(iso: string): string {
  return `${formatDateTime(iso, 'UTC')} UTC`
}

/** The reader's zone as a short name ("GMT+3"), or null when it is UTC. */
function zoneName(iso: string, timeZone?: string): string | null {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short', ...(timeZone && { timeZone }) }).formatToParts(new Date(iso))
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? null
  return name === 'UTC' || name === 'GMT' ? null : name
}

/** "4 December 2026, 18:00 GMT+3 (15:00 UTC)" in the reader's zone, or the UTC form when they are on UTC. */
export function formatDeadlineLocal(iso: string, timeZone?: string): string {
  const zone = zoneName(iso, timeZone)
  if (!zone) return formatUtc(iso)
  const utcTime = new Date(iso).toLocaleTimeString('en-GB', { ...TIME, timeZone: 'UTC' })
  const utcDay = formatDate(iso, 'UTC')
  const localDay = formatDate(iso, timeZone)
  return `${formatDateTime(iso, timeZone)} ${zone} (${utcDay === localDay ? '' : `${utcDay}, `}${utcTime} UTC)`
}
