import type { ClauseInput } from '../../shared/draft/ydoc'

/** mulberry32: a small deterministic PRNG, so every run builds the same draft. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Original legal-ish vocabulary for generated model provisions (no text copied from any instrument).
const SUBJECTS = ['Each State', 'The requesting State', 'The requested State', 'A competent authority', 'The central authority', 'Each Party', 'The designated contact point']
const MODALS = ['shall', 'may', 'shall endeavour to', 'shall, subject to its domestic law,', 'may, where appropriate,']
const VERBS = ['adopt', 'establish', 'maintain', 'provide', 'ensure', 'facilitate', 'preserve', 'disclose', 'transmit', 'consider', 'review', 'designate']
const OBJECTS = [
  'such legislative and other measures as may be necessary',
  'procedures for the expeditious preservation of stored computer data',
  'mutual legal assistance to the widest extent possible',
  'a point of contact available twenty-four hours a day',
  'the confidentiality of any request and its contents',
  'the protection of personal data transferred under this provision',
  'timely information on the status of the request',
  'appropriate safeguards for the rights of persons concerned',
  'cooperation with other States in investigations and proceedings',
  'the traffic data relating to a specified communication',
]
const QUALIFIERS = [
  'in accordance with its domestic law',
  'without undue delay',
  'to the extent permitted by its constitutional principles',
  'on the basis of reciprocity',
  'in a manner consistent with international human rights law',
  'within a reasonable period of time',
  'unless the request concerns an offence of a political character',
  'where the conduct constitutes an offence under the law of both States',
]
const HEADINGS = ['Scope', 'Definitions', 'Preservation of stored data', 'Production orders', 'Mutual assistance', 'Spontaneous information', 'Confidentiality', 'Grounds for refusal', 'Contact points', 'Extradition', 'Jurisdiction', 'Safeguards', 'Data protection', 'Joint investigations', 'Capacity building', 'Consultations']

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T

function sentence(rng: () => number): string {
  const parts = [pick(rng, SUBJECTS), pick(rng, MODALS), pick(rng, VERBS), pick(rng, OBJECTS), pick(rng, QUALIFIERS)]
  if (rng() < 0.4) parts.push('and', pick(rng, QUALIFIERS))
  return parts.join(' ')
}

/** Exactly `words` words of provisions: paragraphs, some followed by lettered sub-paragraphs. */
function clauseText(rng: () => number, words: number): string {
  const lines: string[] = []
  let left = words
  while (left > 0) {
    const sub = lines.length > 0 && rng() < 0.35
    let line = sentence(rng).split(' ')
    if (sub) line = line.slice(Math.max(0, line.length - 14))
    line = line.slice(0, left)
    left -= line.length
    const text = line.join(' ')
    lines.push(sub ? `(${String.fromCharCode(97 + (lines.length % 26))}) ${text};` : `${text}.`)
  }
  return lines.join('\n')
}

/** Words in the clause bodies (headings and sub-paragraph labels not counted). */
export function countWords(clauses: readonly ClauseInput[]): number {
  let n = 0
  for (const c of clauses) for (const line of c.text.split('\n')) n += line.replace(/^\([a-z]{1,2}\)\s+/, '').split(/\s+/).filter(Boolean).length
  return n
}

/** A deterministic draft of `clauses` clauses (a preamble and articles) holding `words` words in all. */
export function generateClauses(clauses: number, words: number, seed = 20240607): ClauseInput[] {
  const rng = seededRandom(seed)
  const perClause = Math.floor(words / clauses)
  return Array.from({ length: clauses }, (_, i) => {
    const count = perClause + (i < words - perClause * clauses ? 1 : 0)
    return {
      kind: i === 0 ? ('preamble' as const) : ('article' as const),
      heading: i === 0 ? 'Preamble' : `${pick(rng, HEADINGS)} (${i})`,
      text: clauseText(rng, count),
    }
  })
}
