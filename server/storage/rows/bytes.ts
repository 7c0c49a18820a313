/** A Uint8Array view of a BLOB / bytea Buffer (no copy): what every store hands back. */
export const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)

/** `bytes` of a nullable column. */
export const bytesOrNull = (buffer: Buffer | null): Uint8Array | null => (buffer ? bytes(buffer) : null)
