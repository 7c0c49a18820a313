import { describe, expect, it } from 'vitest'
import { TEST_PASSWORD } from '../testing/factories'
import { PASSPHRASE_MIN_LENGTH, checkPassphrase, isCommonPassword } from './passphrase'

const ruleOf = (password: string) => checkPassphrase(password)?.rule ?? null

describe('the passphrase rule', () => {
  it('accepts a few words of one’s own, and the test and example passphrases', () => {
    for (const ok of ['plums ripen late in Nairobi', 'Tokyo-57th-session!', 'ngazi tatu za mlima', TEST_PASSWORD, 'correct-horse-battery-2', '  spaced password  ']) {
      expect({ ok, rule: ruleOf(ok) }).toEqual({ ok, rule: null })
    }
  })

  it(`refuses fewer than ${PASSPHRASE_MIN_LENGTH} characters, counted as characters (not UTF-16 units)`, () => {
    expect(ruleOf('longenough1')).toBe('min_length')
    expect(ruleOf('')).toBe('min_length')
    expect(ruleOf('a'.repeat(PASSPHRASE_MIN_LENGTH - 1))).toBe('min_length')
    // Six emoji are twelve UTF-16 units but six characters.
    expect(ruleOf('🌍🌏🌎🌍🌏🌎')).toBe('min_length')
    expect(checkPassphrase('short')?.message).toMatch(/at least 12 characters/)
  })

  it('refuses one character repeated, whatever the length', () => {
    expect(ruleOf('a'.repeat(40))).toBe('one_character')
    expect(ruleOf('            ')).toBe('one_character')
    expect(ruleOf('1'.repeat(12))).toBe('one_character')
    expect(checkPassphrase('z'.repeat(20))?.message).toMatch(/one character repeated/)
  })

  it('refuses the common list, lowercased, and with digits, punctuation or spaces stripped from the end', () => {
    for (const weak of ['password1234', 'PASSWORD!2024', 'Passw0rd.2024', 'P@ssw0rd12345', 'letmein12345', 'Welcome2024!!', 'admin1234567', 'Provisio2024!', 'aalco-2024-!!', 'iloveyou1234', 'Iloveyou!!!!!']) {
      expect({ weak, rule: ruleOf(weak) }).toEqual({ weak, rule: 'common' })
    }
    expect(checkPassphrase('letmein123456')?.message).toMatch(/common passwords/)
  })

  it('refuses counting and keyboard runs and a common word repeated', () => {
    for (const weak of ['123456789012', '1234-5678-9012', '210987654321', 'qwertyuiopas', 'QWERTY123456', 'abcdefghijkl', 'zyxwvutsrqpo', '1qaz2wsx3edc', 'adminadminadmin', 'passwordpassword', 'abcabcabcabc']) {
      expect({ weak, common: isCommonPassword(weak) }).toEqual({ weak, common: true })
    }
  })

  it('does not refuse a passphrase merely for containing a common word', () => {
    for (const ok of ['my password is long enough', 'the admin of the rolling text', '482915736048']) {
      expect({ ok, rule: ruleOf(ok) }).toEqual({ ok, rule: null })
    }
  })
})
