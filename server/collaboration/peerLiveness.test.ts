import { describe, expect, it } from 'vitest'
import { PeerLiveness } from './peerLiveness'

function setup() {
  let now = 0
  const log: string[] = []
  const liveness = new PeerLiveness(600, { gone: (peer) => log.push(`gone ${peer}`), back: (peer) => log.push(`back ${peer}`) }, () => now)
  return {
    liveness,
    log,
    at(ms: number) {
      now = ms
    },
  }
}

describe('peer liveness', () => {
  it('declares a peer gone once it has been silent past the limit, once', () => {
    const { liveness, log, at } = setup()
    liveness.heard('a')
    liveness.heard('b')
    at(500)
    liveness.heard('b')
    liveness.sweep()
    expect(log).toEqual([])
    at(700)
    liveness.sweep()
    liveness.sweep()
    expect(log).toEqual(['gone a'])
  })

  it('takes a peer that was only busy back as soon as it is heard from, and can declare it gone again', () => {
    const { liveness, log, at } = setup()
    liveness.heard('a')
    at(700)
    liveness.sweep()
    at(800)
    liveness.heard('a')
    expect(log).toEqual(['gone a', 'back a'])
    at(1500)
    liveness.sweep()
    expect(log).toEqual(['gone a', 'back a', 'gone a'])
  })

  it('declares a peer that says goodbye gone at once, and not again', () => {
    const { liveness, log, at } = setup()
    liveness.heard('a')
    liveness.left('a')
    at(10_000)
    liveness.sweep()
    liveness.left('b') // never heard of: nothing to say
    expect(log).toEqual(['gone a'])
  })

  it('forgets peers silent for a long time', () => {
    const { liveness, log, at } = setup()
    liveness.heard('a')
    at(700)
    liveness.sweep()
    at(700 + 100 * 600 + 1)
    liveness.sweep()
    liveness.heard('a') // a new acquaintance now, not a return
    expect(log).toEqual(['gone a'])
  })
})
