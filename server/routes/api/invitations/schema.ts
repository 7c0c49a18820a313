import { z } from 'zod'
import { ROLES } from '../../../../shared/permissions'
import { DisplayNameSchema, EmailSchema, GroupSlugSchema, StateCodeSchema, UsernameSchema } from '../users/schema'

export const InvitationSchema = z
  .object({
    email: EmailSchema,
    role: z.enum(ROLES),
    state: StateCodeSchema.optional(),
    displayName: DisplayNameSchema.optional(),
    username: UsernameSchema.optional(),
    group: GroupSlugSchema.optional(),
  })
  .strict()

const Token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'not a link token')
export const LinkUseSchema = z.object({ token: Token, password: z.string().min(1).max(200) }).strict()
export const ResetRequestSchema = z.object({ email: EmailSchema }).strict()
