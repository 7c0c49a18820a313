const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

/** A random, URL-safe id (60 bits from the platform CSPRNG), e.g. for clauses and drafts. */
export function newId(length = 12): string {
  const bytes = new Uint8Array(length)
  globalThis.crypto.getRandomValues(bytes)
  let id = ''
  for (const byte of bytes) id += ALPHABET[byte & 31]
  return id
}
