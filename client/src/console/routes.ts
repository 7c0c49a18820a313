/** The pages of issue 18 beside the router's: the console, the account, and the one-time link pages. */
export type AccountRoute = 'console' | 'account' | 'invitation' | 'reset' | null

export function accountRouteOf(path: string): AccountRoute {
  if (path === '/console') return 'console'
  if (path === '/account') return 'account'
  if (path === '/account/invitation') return 'invitation'
  if (path === '/account/reset') return 'reset'
  return null
}
