import { buildClientIfNeeded } from '../../server/scripts/buildClient'

/** Builds the client once before any test file runs, so parallel browser tests never build at once. */
export default async function setup(): Promise<void> {
  await buildClientIfNeeded(() => undefined)
}
