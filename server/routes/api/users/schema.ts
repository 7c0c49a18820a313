import { z } from 'zod'
import { ROLES } from '../../../../shared/permissions'

const CONTROL_CHARACTERS = /\p{Cc}/u

/** A person's name as shown beside their words and in e-mail headers: no control characters (no header injection). */
export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine((name) => !CONTROL_CHARACTERS.test(name), { message: 'must not contain control characters' })

export const UsernameSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, 'letters, digits, dot, dash or underscore (2-64, starting with a letter or digit)')

/** One address, nothing around it: no display name, no second address, no line break. */
export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .regex(/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/, 'not an e-mail address')

export const StateCodeSchema = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code')
export const GroupSlugSchema = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'a working group slug')

export const UsersQuerySchema = z
  .object({
    role: z.enum(ROLES).optional(),
    state: StateCodeSchema.optional(),
    q: z.string().trim().max(100).optional(),
  })
  .strict()

export const UserCreateSchema = z
  .object({
    username: UsernameSchema,
    displayName: DisplayNameSchema,
    role: z.enum(ROLES),
    state: StateCodeSchema.optional(),
    email: EmailSchema.optional(),
    password: z.string().min(1).max(200),
    group: GroupSlugSchema.optional(),
  })
  .strict()

export const UserPatchSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    state: StateCodeSchema.nullable().optional(),
    displayName: DisplayNameSchema.optional(),
    disabled: z.boolean().optional(),
    email: EmailSchema.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
export type UserPatch = z.infer<typeof UserPatchSchema>
