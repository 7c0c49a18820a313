import { describe, expect, it } from 'vitest'
import { decisionLabel } from './format'

describe('decisionLabel', () => {
  it('names the State a decision concerns, and the status a logged change set', () => {
    expect(decisionLabel({ kind: 'agreed-ad-referendum', state: 'JPN', status: 'agreed-ad-referendum' })).toBe('Agreed ad referendum (JPN)')
    expect(decisionLabel({ kind: 'statement-noted', state: 'KEN', status: null })).toBe('Statement taken note of (KEN)')
    expect(decisionLabel({ kind: 'kept-in-brackets', state: null, status: null })).toBe('Kept in brackets')
    expect(decisionLabel({ kind: 'status', state: null, status: 'agreed' })).toBe('Status changed: Agreed')
  })
})
