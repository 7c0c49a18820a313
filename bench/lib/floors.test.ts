import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fsyncFloor, sendToManyFloor, wsRoundTripFloor } from './floors'

describe('the floors', () => {
  it('commits each row durably and summarises every commit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-floor-'))
    try {
      const s = fsyncFloor(dir, 20)
      expect(s.count).toBe(20)
      expect(s.p50).toBeLessThanOrEqual(s.p99)
      expect(s.p99).toBeLessThanOrEqual(s.max)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('times every loopback round trip, and a send per socket', async () => {
    const s = await wsRoundTripFloor(20)
    expect(s.count).toBe(20)
    expect(s.p50).toBeGreaterThan(0)
    expect(await sendToManyFloor(20, 2)).toBeGreaterThan(0)
  })
})
