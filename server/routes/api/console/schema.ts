import { z } from 'zod'
import { ROLES } from '../../../../shared/permissions'
import { DraftTitleSchema } from '../drafts/schema'
import { GroupSlugSchema, StateCodeSchema } from '../users/schema'

const CONTROL_CHARACTERS = /\p{Cc}/u
const Line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !CONTROL_CHARACTERS.test(text), { message: 'must not contain control characters' })

export const SecuritySchema = z.object({ totpRequiredRoles: z.array(z.enum(ROLES)).max(ROLES.length) }).strict()

export const GroupCreateSchema = z.object({ slug: GroupSlugSchema, name: Line(200), mandate: z.string().trim().max(4000).optional() }).strict()
export const GroupPatchSchema = z
  .object({ name: Line(200).optional(), mandate: z.string().trim().max(4000).optional() })
  .strict()
  .refine((p) => p.name !== undefined || p.mandate !== undefined, { message: 'nothing to change' })

export const MemberStateCreateSchema = z.object({ code: StateCodeSchema, name: Line(120) }).strict()

export const DraftTitleBodySchema = z.object({ title: DraftTitleSchema }).strict()
export const DraftArchiveBodySchema = z.object({ archived: z.boolean() }).strict()
