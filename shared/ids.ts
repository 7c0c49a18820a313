const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

/** A random, URL-safe id (60 bits from the platform CSPRNG), e.g. for clauses and drafts. */
export function newId(length = 12): string {
  const bytes = new Uint8Array(length)
  globalThis.crypto.getRandomValues(bytes)
  let id = ''
  for (const byte of bytes) id += ALPHABET.charAt(byte & 31)
  return id
}

/** What every id we accept from outside looks like (drafts, clauses, threads, rounds, users…): URL-safe, at most 64 characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
