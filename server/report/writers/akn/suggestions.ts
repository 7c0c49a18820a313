/**
 * The States' suggestions in the Akoma Ntoso report: a TLCOrganization per suggesting State (a
 * TLCPerson per suggester without one) in the references, which the provisions' `ins`/`del` refer
 * to, and the "Suggestions by State" section with every suggestion's fate.
 */
import type { AssembledReport } from '../../../../shared/report/types'
import { NO_SUGGESTIONS, SUGGESTIONS_KEY, SUGGESTIONS_TITLE, suggestionBy, suggestionFate, suggestionWhat } from '../common/suggestions'
import { slug, suggesterRef } from './lines'
import { blockList, container, content, el, p, text } from './xml'

/** The references the suggestions refer to, each once, in order of first appearance. */
export function suggestionReferences(report: AssembledReport): string[] {
  const refs = new Map<string, string>()
  const add = (state: string | null, name: string) => {
    const eId = suggesterRef({ state, author: name })
    if (refs.has(eId)) return
    refs.set(eId, state ? el('TLCOrganization', { eId, href: `/ontology/organization/state/${state.toLowerCase()}`, showAs: name }) : el('TLCPerson', { eId, href: `/ontology/person/${slug(name)}`, showAs: name }))
  }
  for (const clause of report.clauses) for (const op of clause.suggested ?? []) if (op.op !== 'equal') add(op.state, op.author ?? '')
  for (const group of report.suggestions) for (const s of group.suggestions) add(s.by.state, s.by.state ? (s.by.stateName ?? s.by.state) : s.by.name)
  return [...refs.values()]
}

export function suggestionsSection(report: AssembledReport): string {
  const eId = 'hcontainer_suggestions'
  if (report.suggestions.length === 0) return container(eId, 'suggestions', SUGGESTIONS_TITLE, content(p(text(NO_SUGGESTIONS))))
  // An intro, not a content: a container holds either content or sub-containers.
  const key = report.clauses.some((c) => c.suggested) ? [el('intro', {}, p(text(SUGGESTIONS_KEY)))] : []
  const groups = report.suggestions.map((g, k) => {
    const groupId = `${eId}__hcontainer_${k + 1}`
    const items = g.suggestions.map((s) => [p(text(`${suggestionWhat(s)} (${suggestionBy(s)}). `), el('b', {}, text(suggestionFate(s))), text('.'), s.reason ? text(` Reason: ${s.reason}`) : '')])
    return container(groupId, 'state', g.label, content(blockList(`${groupId}__list_1`, items)))
  })
  return container(eId, 'suggestions', SUGGESTIONS_TITLE, ...key, ...groups)
}
