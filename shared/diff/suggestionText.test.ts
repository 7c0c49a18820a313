import { describe, expect, it } from 'vitest'
import { suggestionSentence } from './suggestionText'

describe('suggestion sentences', () => {
  it('says what each kind would do, quoting the words without their outer spaces', () => {
    expect(suggestionSentence('Kenya', { kind: 'insert', inserted: ' promptly', deleted: '' })).toBe('Kenya suggests: insert “promptly”')
    expect(suggestionSentence('Japan', { kind: 'delete', inserted: '', deleted: 'civil and ' })).toBe('Japan suggests: delete “civil and”')
    expect(suggestionSentence('Kenya', { kind: 'replace', inserted: 'shall', deleted: 'may' })).toBe('Kenya suggests: replace “may” by “shall”')
  })
})
