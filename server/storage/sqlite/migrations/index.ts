import { core } from './001-core'
import type { Migration } from './types'

/** Every migration, one file each (NNN-name.ts), in version order. */
export const MIGRATIONS: readonly Migration[] = [core].sort((a, b) => a.version - b.version)

export type { Migration }
