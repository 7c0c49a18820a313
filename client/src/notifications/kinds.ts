/** The kinds of notification, as the settings name them (the server's NOTIFICATION_KINDS). */
export const NOTIFICATION_KIND_LABELS: Readonly<Record<string, string>> = {
  'round.opened': 'a comment round opening',
  'round.reminder': '48 hours before a deadline',
  'round.closed': 'a comment round closing',
  reply: 'replies in threads I took part in',
  decision: 'decisions on my State’s proposals and suggestions',
  mention: '@mentions of me or my State',
  'ad-referendum': 'status changes of clauses my State holds ad referendum',
  'meeting.opened': 'a meeting of the Working Group opening on a draft',
}
