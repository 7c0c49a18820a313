import { COMMON_PASSWORDS, SEQUENCES } from './commonPasswords'

/** The passphrase rule every NEW password meets (the API's change and the admin CLI's `user add`). */
export const PASSPHRASE_MIN_LENGTH = 12

export type PassphraseRule = 'min_length' | 'one_character' | 'common'

export interface PassphraseRefusal {
  readonly rule: PassphraseRule
  readonly message: string
}

const MESSAGES: Record<PassphraseRule, string> = {
  min_length: `A passphrase needs at least ${PASSPHRASE_MIN_LENGTH} characters (a few words are easiest to remember).`,
  one_character: 'A passphrase must not be one character repeated.',
  common: 'That passphrase is on the list of common passwords and patterns; choose words of your own.',
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })

/** Characters as a reader counts them (not UTF-16 units), after the same NFKC normalisation the hash uses. */
const characters = (text: string): string[] => Array.from(graphemes.segment(text.normalize('NFKC')), (s) => s.segment)

const backwards = (text: string): string => {
  let out = ''
  for (let i = text.length - 1; i >= 0; i--) out += text.charAt(i)
  return out
}
const RUNS: readonly string[] = SEQUENCES.flatMap((run) => [run, backwards(run)])

const isSequence = (text: string): boolean => text.length > 0 && RUNS.some((run) => run.includes(text))

/** The text is `unit` repeated two or more times, for some common unit ("adminadmin"). */
function repeatsCommon(text: string): boolean {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size !== 0) continue
    const unit = text.slice(0, size)
    if (unit.repeat(text.length / size) === text && (COMMON_PASSWORDS.has(unit) || isSequence(unit))) return true
  }
  return false
}

/** Whether the text (or its base, with digits, punctuation and spaces stripped from the end) is common. */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase().trim()
  const base = lower.replace(/[\p{N}\p{P}\p{S}\s]+$/u, '')
  for (const candidate of new Set([lower, base])) {
    if (COMMON_PASSWORDS.has(candidate) || isSequence(candidate) || repeatsCommon(candidate)) return true
  }
  // Only digits and punctuation: common when its digits count along ("1234-5678-9012").
  return base === '' && isSequence(lower.replace(/\P{N}/gu, ''))
}

/** Null when the password may be set; else the first rule it breaks, with a message naming it. */
export function checkPassphrase(password: string): PassphraseRefusal | null {
  const chars = characters(password)
  const refuse = (rule: PassphraseRule): PassphraseRefusal => ({ rule, message: MESSAGES[rule] })
  if (chars.length < PASSPHRASE_MIN_LENGTH) return refuse('min_length')
  if (new Set(chars).size === 1) return refuse('one_character')
  if (isCommonPassword(password)) return refuse('common')
  return null
}
