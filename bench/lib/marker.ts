/**
 * Send timestamps travel inside the typed text: `~t<µs since the epoch, base 36>~`. Yjs writes an
 * inserted string as plain UTF-8 inside the update, so a receiver finds the marker in the raw
 * frame without decoding or applying the update.
 */
const TILDE = 0x7e
const T = 0x74

export function nowUs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000)
}

export function marker(sentUs: number): string {
  return `~t${sentUs.toString(36)}~`
}

/** Calls `found` with each send time (µs) embedded in the frame. */
export function scanMarkers(frame: Uint8Array, found: (sentUs: number) => void): void {
  const end = frame.length
  for (let i = frame.indexOf(TILDE); i !== -1 && i < end - 2; i = frame.indexOf(TILDE, i + 1)) {
    if (frame[i + 1] !== T) continue
    let value = 0
    let j = i + 2
    for (; j < end; j++) {
      const c = frame[j] ?? 0
      if (c >= 0x30 && c <= 0x39) value = value * 36 + (c - 0x30)
      else if (c >= 0x61 && c <= 0x7a) value = value * 36 + (c - 0x61 + 10)
      else break
    }
    if (j < end && frame[j] === TILDE && j > i + 2) {
      found(value)
      i = j
    }
  }
}
