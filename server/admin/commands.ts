import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { ROLES, isRole } from '../../shared/permissions'
import { checkPassphrase } from '../auth/passphrase'
import { hashPassword } from '../auth/passwords'
import type { CostLimits } from '../collaboration/updateGuard'
import type { SqliteStorage } from '../storage/sqlite/SqliteStorage'
import { type Storage, UsernameTakenError } from '../storage/Storage'
import { audit } from '../services/audit'
import { AccessUsageError, announceUserChange, auditList, userDisable, userEnable, userLeave } from './accessCommands'
import { backupDatabase } from './backup'
import { type Config, loadConfig } from '../config'
import { RepairError, repairDraft } from './repair'
import { exportDraft, importDraft, readExportFile } from './transfer'
import { SearchUsageError, searchRebuild } from './searchCommands'
import { userResetLink, userResetTotp } from './accountCommands'

export const USAGE = `Usage: npm run admin -- <command>
  user add --username U --password P --role ROLE [--state ISO3] [--group SLUG] [--name "Display Name"]
  user list [--group SLUG]
  group add --slug SLUG --name NAME [--mandate TEXT]
  group list
  draft list [--group SLUG]       id, group, phase, stored size (bytes / items), DAMAGED when read-only, title
  draft repair DRAFT_ID           drop the stored updates beyond the server's limits (kept aside under $DATA_DIR/repairs)
  user set-role --username U --role ROLE [--state ISO3]
  user disable --username U       no more sign-ins; its sessions, tokens and open sockets end
  user enable --username U
  user leave --username U --group SLUG
  user reset-totp --username U    remove the second factor (a lost phone); its sessions, tokens and open sockets end
  user reset-link --username U    print a one-time link (7 days) to choose a new password
  audit list [--limit N]          the whole audit log, instance-wide entries included
  backup FILE                     a consistent copy of the database (the server may keep running)
  restore FILE                    replace the database with a backup (stop the server first)
  export-draft DRAFT_ID FILE      one draft as JSON (metadata and its whole Yjs state)
  import-draft FILE [--group SLUG] [--as USERNAME]
                                  a new draft from an export (by default as the group's first secretariat)
  search rebuild [DRAFT_ID]       build the search index again from what is stored (every draft, or one)
Roles: ${ROLES.join(', ')}. A delegate needs --state (ISO 3166 alpha-3, e.g. KEN).
A password is a passphrase: at least 12 characters, not one character repeated, not a common password.`

export interface AdminResult {
  readonly code: number
  readonly out: string[]
}

class UsageError extends Error {}

function requireOption(values: Record<string, string | undefined>, name: string): string {
  const value = values[name]?.trim()
  if (!value) throw new UsageError(`--${name} is required.`)
  return value
}

async function groupBySlugOrFirst(storage: Storage, slug: string | undefined) {
  if (slug) {
    const group = await storage.getGroupBySlug(slug)
    if (!group) throw new UsageError(`Unknown working group "${slug}". Known: ${(await storage.listGroups()).map((g) => g.slug).join(', ') || 'none'}.`)
    return group
  }
  const [first] = await storage.listGroups()
  if (!first) throw new UsageError('There is no working group yet: create one with `group add`, or start the server once to load the demo.')
  return first
}

async function userAdd(storage: Storage, values: Record<string, string | undefined>): Promise<string[]> {
  const username = requireOption(values, 'username')
  // Not trimmed: sign-in compares the password exactly as typed.
  const password = values.password ?? ''
  if (!password) throw new UsageError('--password is required.')
  if (password.length > 500) throw new UsageError('The password may have at most 500 characters.')
  const role = requireOption(values, 'role')
  if (!isRole(role)) throw new UsageError(`Unknown role "${role}". Roles: ${ROLES.join(', ')}.`)
  if (!/^[A-Za-z0-9._-]{2,64}$/.test(username)) throw new UsageError('The username may hold letters, digits, ".", "_" and "-" (2–64).')
  const weak = checkPassphrase(password)
  if (weak) throw new UsageError(`--password: ${weak.message}`)
  const stateCode = values.state?.trim().toUpperCase() || null
  if (role !== 'delegate' && stateCode) throw new UsageError('Only a delegate speaks for a Member State: drop --state for this role.')
  if (role === 'delegate' && !stateCode) throw new UsageError('A delegate needs --state (the ISO 3166 alpha-3 code of their Member State).')
  if (stateCode && !(await storage.getMemberState(stateCode))) throw new UsageError(`Unknown Member State "${stateCode}".`)
  const group = await groupBySlugOrFirst(storage, values.group)
  const user = await storage.createUser({
    username,
    displayName: values.name?.trim() || username,
    role,
    stateCode,
    passwordHash: await hashPassword(password),
  })
  await storage.addMember(group.id, user.id)
  await audit(storage, new Date(), { action: 'user.created', actorName: 'admin-cli', target: user.id, data: { username, role, stateCode, group: group.slug } })
  return [`Created ${role} "${username}"${stateCode ? ` (${stateCode})` : ''} in ${group.slug}.`]
}

async function userSetRole(storage: Storage, values: Record<string, string | undefined>): Promise<string[]> {
  const username = requireOption(values, 'username')
  const role = requireOption(values, 'role')
  if (!isRole(role)) throw new UsageError(`Unknown role "${role}". Roles: ${ROLES.join(', ')}.`)
  const user = await storage.getUserByUsername(username)
  if (!user) throw new UsageError(`Unknown user "${username}".`)
  const stateCode = values.state?.trim().toUpperCase() || (role === 'delegate' ? user.stateCode : null)
  if (role === 'delegate' && !stateCode) throw new UsageError('A delegate needs --state (the ISO 3166 alpha-3 code of their Member State).')
  if (role !== 'delegate' && values.state) throw new UsageError('Only a delegate speaks for a Member State: drop --state for this role.')
  if (stateCode && !(await storage.getMemberState(stateCode))) throw new UsageError(`Unknown Member State "${stateCode}".`)
  await storage.setUserRole(user.id, role, stateCode)
  // Running servers (other processes) hear of it through the access change log.
  await announceUserChange(storage, user.id)
  await audit(storage, new Date(), { action: 'user.role', actorName: 'admin-cli', target: user.id, data: { username, from: user.role, to: role, stateCode } })
  return [`${username} is now ${role}${stateCode ? ` (${stateCode})` : ''}.`]
}

async function draftExport(storage: Storage, positionals: readonly string[]): Promise<string[]> {
  const [draftId, file] = positionals
  if (!draftId || !file) throw new UsageError('Usage: export-draft DRAFT_ID FILE')
  const draft = await storage.getDraft(draftId)
  if (!draft) throw new UsageError(`Unknown draft "${draftId}".`)
  const group = await storage.getGroup(draft.groupId)
  if (!group) throw new UsageError(`The draft's working group is missing.`)
  const data = await exportDraft(storage, draft, group)
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`)
  return [`Exported "${draft.title}" (${data.clauses} clauses) to ${file}.`]
}

async function draftImport(storage: Storage, positionals: readonly string[], values: Record<string, string | undefined>, limits: CostLimits): Promise<string[]> {
  const [file] = positionals
  if (!file) throw new UsageError('Usage: import-draft FILE [--group SLUG] [--as USERNAME]')
  let data
  try {
    data = readExportFile(file)
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const group = await groupBySlugOrFirst(storage, values.group)
  const members = await storage.listUsers(group.id)
  const author = values.as ? members.find((u) => u.username.toLowerCase() === values.as?.toLowerCase()) : members.find((u) => u.role === 'secretariat')
  if (!author) throw new UsageError(values.as ? `"${values.as}" is not a member of ${group.slug}.` : `${group.slug} has no secretariat member: pass --as USERNAME.`)
  try {
    const { draft, clauses } = await importDraft(storage, data, group, author, limits)
    return [`Imported "${draft.title}" (${clauses} clauses) into ${group.slug} as draft ${draft.id}.`]
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

async function userList(storage: Storage, values: Record<string, string | undefined>): Promise<string[]> {
  const group = values.group ? await groupBySlugOrFirst(storage, values.group) : null
  const users = await storage.listUsers(group?.id)
  return users.map((u) => [u.username, u.role, u.stateCode ?? '-', u.displayName].join('\t'))
}

async function draftList(storage: Storage, values: Record<string, string | undefined>): Promise<string[]> {
  const groups = values.group ? [await groupBySlugOrFirst(storage, values.group)] : await storage.listGroups()
  const lines: string[] = []
  for (const group of groups) {
    for (const d of await storage.listDrafts(group.id)) lines.push([d.id, group.slug, d.phase, await sizeText(storage, d.id), d.title].join('\t'))
  }
  return lines
}

/** "12.0 KiB / 340 items" (items as last measured, "?" before), and DAMAGED while the draft is read-only. */
async function sizeText(storage: Storage, draftId: string): Promise<string> {
  const [stats, health] = await Promise.all([storage.docs.stats(draftId), storage.docs.getHealth(draftId)])
  const bytes = stats.snapshotBytes + stats.updateBytes
  const size = `${bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`} / ${health?.measuredAt ? health.items : '?'} items`
  return health?.damage ? `${size} DAMAGED` : size
}

async function draftRepair(storage: Storage, positionals: readonly string[], config: Config): Promise<string[]> {
  const [draftId] = positionals
  if (!draftId) throw new UsageError('Usage: draft repair DRAFT_ID')
  if (!(await storage.getDraft(draftId))) throw new UsageError(`Unknown draft "${draftId}".`)
  try {
    const outcome = await repairDraft(storage, draftId, config.dataDir, config)
    const size = `${outcome.bytes} bytes, ${outcome.items} items`
    if (!outcome.file) return [`Nothing to drop: every stored update of ${draftId} is within the limits. The draft is whole (${size}).`]
    return [`Dropped ${outcome.dropped} update(s) of ${draftId}, kept aside in ${outcome.file}.`, `The draft is whole again (${size}).`]
  } catch (error) {
    if (error instanceof RepairError) throw new UsageError(error.message)
    throw error
  }
}

async function groupAdd(storage: Storage, values: Record<string, string | undefined>): Promise<string[]> {
  const slug = requireOption(values, 'slug')
  if (!/^[a-z0-9-]{2,64}$/.test(slug)) throw new UsageError('A slug holds lowercase letters, digits and "-".')
  if (await storage.getGroupBySlug(slug)) throw new UsageError(`The working group "${slug}" exists.`)
  await storage.createGroup({ slug, name: requireOption(values, 'name'), mandate: values.mandate ?? '' })
  return [`Created working group ${slug}.`]
}

/** Runs one admin command against the storage; never exits the process. */
/** `sqlite` is the same storage when it is SQLite: `backup` needs the database itself. */
export async function runAdmin(argv: readonly string[], storage: Storage, sqlite?: SqliteStorage, config: Config = loadConfig()): Promise<AdminResult> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        state: { type: 'string' },
        group: { type: 'string' },
        name: { type: 'string' },
        slug: { type: 'string' },
        mandate: { type: 'string' },
        as: { type: 'string' },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
    const strings = values as Record<string, string | undefined>
    const [first = '', second = ''] = positionals
    const twoWords = ['user', 'group', 'draft', 'audit', 'search'].includes(first)
    const command = twoWords ? `${first} ${second}`.trim() : first
    const rest = positionals.slice(twoWords ? 2 : 1)
    if (values.help || command === '' || command === 'help') return { code: 0, out: [USAGE] }
    switch (command) {
      case 'user add':
        return { code: 0, out: await userAdd(storage, strings) }
      case 'user disable':
        return { code: 0, out: await userDisable(storage, strings) }
      case 'user enable':
        return { code: 0, out: await userEnable(storage, strings) }
      case 'user leave':
        return { code: 0, out: await userLeave(storage, strings) }
      case 'user reset-totp':
        return { code: 0, out: await userResetTotp(storage, strings) }
      case 'user reset-link':
        return { code: 0, out: await userResetLink(storage, strings, config) }
      case 'audit list':
        return { code: 0, out: await auditList(storage, strings) }
      case 'user set-role':
        return { code: 0, out: await userSetRole(storage, strings) }
      case 'backup': {
        if (!sqlite) throw new UsageError('backup needs the SQLite storage.')
        const [file] = rest
        if (!file) throw new UsageError('Usage: backup FILE')
        const bytes = await backupDatabase(sqlite, file)
        return { code: 0, out: [`Backed up the database to ${file} (${bytes} bytes).`] }
      }
      case 'export-draft':
        return { code: 0, out: await draftExport(storage, rest) }
      case 'import-draft':
        return { code: 0, out: await draftImport(storage, rest, strings, config) }
      case 'user list':
        return { code: 0, out: await userList(storage, strings) }
      case 'draft list':
        return { code: 0, out: await draftList(storage, strings) }
      case 'draft repair':
        return { code: 0, out: await draftRepair(storage, rest, config) }
      case 'search rebuild':
        return { code: 0, out: await searchRebuild(storage, rest) }
      case 'group add':
        return { code: 0, out: await groupAdd(storage, strings) }
      case 'group list':
        return { code: 0, out: (await storage.listGroups()).map((g) => `${g.slug}\t${g.name}`) }
      default:
        throw new UsageError(`Unknown command "${command}".\n${USAGE}`)
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof AccessUsageError || error instanceof SearchUsageError || error instanceof UsernameTakenError) return { code: 2, out: [`Error: ${error.message}`] }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      return { code: 2, out: [`Error: ${error.message}`, USAGE] }
    }
    throw error
  }
}
