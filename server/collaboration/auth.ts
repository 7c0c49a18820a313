import type { IncomingMessage } from 'node:http'
import { ID_PATTERN } from '../../shared/ids'
import { CloseCode } from '../../shared/closeCodes'
import { SESSION_COOKIE, hashSecret, readBearer, readCookie, resolveCredentialHash } from '../auth/credentials'
import { draftIfMember } from '../auth/draftAccess'
import type { Draft, Storage, User } from '../storage/Storage'
import { connectionTextAccess } from './access'
import { type TextAccess, can } from '../../shared/permissions'
import { mustSetUpTotp } from '../services/console/settings'

export type UpgradeDecision =
  | { readonly ok: true; readonly user: User; readonly draft: Draft; readonly readOnly: boolean; readonly text: TextAccess; readonly decide: boolean; readonly credentialHash: string }
  | { readonly ok: false; readonly status: 400 | 401 | 403 | 404; readonly code: string; readonly message: string }

const PATH = /^\/collab\/([^/?]+)$/

/** The draft id of a `/collab/:draftId` URL, or null. */
export function collabDraftId(url: string | undefined): string | null {
  const pathname = (url ?? '').split('?')[0] ?? ''
  const id = PATH.exec(pathname)?.[1]
  return id !== undefined && ID_PATTERN.test(id) ? id : null
}

function queryToken(url: string | undefined): string | undefined {
  const query = (url ?? '').split('?')[1]
  return query ? (new URLSearchParams(query).get('token') ?? undefined) : undefined
}

/** A cookie-authenticated upgrade must come from our own origin (no cross-site websocket hijacking). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin) return true // not a browser
  try {
    return new URL(origin).host === req.headers.host
  } catch {
    return false
  }
}

/** Authenticates and authorises an upgrade to `/collab/:draftId` before any handshake. */
export async function authorizeUpgrade(storage: Storage, req: IncomingMessage): Promise<UpgradeDecision> {
  const draftId = collabDraftId(req.url)
  if (!draftId) return { ok: false, status: 404, code: 'not_found', message: 'Unknown websocket path.' }
  const bearer = queryToken(req.url) ?? readBearer(req.headers.authorization)
  const cookie = bearer ? undefined : readCookie(req.headers.cookie, SESSION_COOKIE)
  const secret = bearer ?? cookie
  if (!secret || secret.length > 200) return { ok: false, status: 401, code: 'unauthorized', message: 'Sign in first.' }
  if (cookie && !sameOrigin(req)) {
    return { ok: false, status: 403, code: 'forbidden', message: 'Cross-origin websocket refused.' }
  }
  const credentialHash = hashSecret(secret)
  const access = await connectionAccess(storage, credentialHash, draftId)
  if (!access.ok && access.code === CloseCode.SESSION_ENDED) return { ok: false, status: 401, code: 'unauthorized', message: 'Sign in first.' }
  // The same answer for a missing draft and one outside the user's groups: existence is not revealed.
  if (!access.ok) return { ok: false, status: 403, code: 'forbidden', message: 'You have no access to this draft.' }
  return { ...access, credentialHash }
}

export type ConnectionAccess =
  | { readonly ok: true; readonly user: User; readonly draft: Draft; readonly readOnly: boolean; readonly text: TextAccess; readonly decide: boolean }
  | { readonly ok: false; readonly code: typeof CloseCode.SESSION_ENDED | typeof CloseCode.ACCESS_REVOKED }

/**
 * The one rule of what a collaboration connection may do, at the upgrade and again whenever the
 * user's rights, the draft's phase or the credential may have changed: ended credential (or deleted
 * user) 4401, not a member of the draft's group 4403, else read-only or not by role and phase.
 */
export async function connectionAccess(storage: Storage, credentialHash: string, draftId: string, now = new Date()): Promise<ConnectionAccess> {
  const resolved = await resolveCredentialHash(storage, credentialHash, now)
  if (!resolved) return { ok: false, code: CloseCode.SESSION_ENDED }
  const draft = await draftIfMember(storage, resolved.user, draftId)
  if (!draft) return { ok: false, code: CloseCode.ACCESS_REVOKED }
  // A role that must have a second factor reads no draft until it is set up (as over HTTP).
  if (await mustSetUpTotp(storage, resolved.user)) return { ok: false, code: CloseCode.ACCESS_REVOKED }
  // A text under silence is frozen for everyone until the silence is settled (issue 16).
  const silenced = (await storage.agreement.openSilence(draft.id)) !== null
  const text = connectionTextAccess(resolved.user.role, draft.phase, draft.textMode, silenced)
  return { ok: true, user: resolved.user, draft, readOnly: text === 'read', text, decide: can(resolved.user.role, 'suggestion.decide', draft.phase) }
}
