import { describe, expect, it } from 'vitest'
import { PRESENCE_COLORS, colorFor } from './presence'

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

describe('presence colours', () => {
  it('carry white caret labels at 4.5:1 or better, all different', () => {
    for (const colour of PRESENCE_COLORS) expect((1 + 0.05) / (luminance(colour) + 0.05), colour).toBeGreaterThanOrEqual(4.5)
    expect(new Set(PRESENCE_COLORS).size).toBe(PRESENCE_COLORS.length)
  })

  it('gives each user one of them, the same every time', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `u-${i}`)
    expect(ids.every((id) => (PRESENCE_COLORS as readonly string[]).includes(colorFor(id)))).toBe(true)
    expect(new Set(ids.map(colorFor)).size).toBe(PRESENCE_COLORS.length)
    expect(colorFor('u-ken')).toBe(colorFor('u-ken'))
  })
})
