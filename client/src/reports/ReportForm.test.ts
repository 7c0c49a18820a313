import { describe, expect, it } from 'vitest'
import { EMPTY_FORM, formBody } from './ReportForm'

describe('the report form body', () => {
  it('sends a typed symbol and leaves a blank one to the server (automatic)', () => {
    const form = { ...EMPTY_FORM, baseRevision: 3 }
    expect(formBody(form)).not.toHaveProperty('symbol')
    expect(formBody({ ...form, symbol: '   ' })).not.toHaveProperty('symbol')
    expect(formBody({ ...form, symbol: 'AALCO/WG-CYBER/2026/R.1' })).toMatchObject({ symbol: 'AALCO/WG-CYBER/2026/R.1', baseRevision: 3 })
    // The default "changes since" is the server's to choose: no compareTo is sent.
    expect(formBody(form)).not.toHaveProperty('compareTo')
  })
})
