import type { Storage, User } from '../storage/Storage'

export interface AuditInput {
  readonly action: string
  /** The working group the entry belongs to (a draft's group); omitted: about the actor or target user, or instance-wide. */
  readonly groupId?: string | null
  readonly actor?: User | null
  /** For actions without a signed-in actor, e.g. the username a failed sign-in tried. */
  readonly actorName?: string
  readonly target?: string | null
  readonly address?: string | null
  readonly data?: Record<string, unknown>
}

/** Records a security-relevant action in the append-only audit log. */
export async function audit(storage: Storage, now: Date, input: AuditInput): Promise<void> {
  await storage.appendAudit({
    at: now.toISOString(),
    action: input.action,
    groupId: input.groupId ?? null,
    actorId: input.actor?.id ?? null,
    actorName: input.actor?.username ?? input.actorName ?? null,
    target: input.target ?? null,
    address: input.address ?? null,
    data: input.data ?? {},
  })
}
