import { useEffect, useState } from 'react'
import { SEARCH_KIND_VALUES, type SearchHitView, type SearchKindValue, type SearchResponse } from '../../../shared/search/api'
import { errorMessage } from '../api/http'
import { searchApi } from '../api/search'
import { navigate, useLocationSearch } from '../router'
import { searchPath } from './SearchBox'
import './search.css'

const KIND_LABELS: Readonly<Record<SearchKindValue | '', string>> = { '': 'Everything', text: 'Text', comment: 'Comments and positions', event: 'History' }
const SOURCE_LABELS: Readonly<Record<SearchHitView['source'], string>> = {
  clause: 'Text now',
  revision: 'Revision',
  comment: 'Comment',
  proposal: 'Proposal',
  position: 'Position',
  event: 'History',
}

function sourceLabel(hit: SearchHitView): string {
  if (hit.source !== 'revision') return SOURCE_LABELS[hit.source]
  return hit.revisions.length > 1 ? `Revisions ${hit.revisions.join(', ')}` : `Revision ${hit.revisions.join('')}`
}

const dateOf = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })

function Hit({ hit }: { hit: SearchHitView }) {
  return (
    <li className="search-hit">
      <a
        href={hit.link}
        onClick={(e) => {
          e.preventDefault()
          navigate(hit.link)
        }}
      >
        <span className="search-source">{sourceLabel(hit)}</span>
        {hit.heading && hit.source !== 'event' && hit.source !== 'position' && <span className="search-heading">{hit.heading}</span>}
        <span className="search-snippet">
          {hit.snippet.map((piece, i) => (piece.hit ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
        </span>
      </a>
      <span className="search-meta muted">
        {[hit.who, hit.source === 'position' ? hit.heading : '', dateOf(hit.at)].filter(Boolean).join(' · ')}
      </span>
    </li>
  )
}

/** Results of the header's search: grouped by draft and clause, best first, each a link to where it is. */
export function SearchScreen() {
  const params = new URLSearchParams(useLocationSearch())
  const q = params.get('q') ?? ''
  const kindParam = params.get('kind') ?? ''
  const kind = (SEARCH_KIND_VALUES as readonly string[]).includes(kindParam) ? (kindParam as SearchKindValue) : undefined
  const [result, setResult] = useState<{ for: string; data: SearchResponse | null; error: string | null } | null>(null)
  const key = `${q}\u0000${kind ?? ''}`

  useEffect(() => {
    if (!q.trim()) return
    const controller = new AbortController()
    searchApi.search({ q, kind }, controller.signal).then(
      (data) => setResult({ for: key, data, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setResult({ for: key, data: null, error: errorMessage(error, 'The search could not be made. Try again.') })
      },
    )
    return () => controller.abort()
  }, [q, kind, key])

  const current = result?.for === key ? result : null
  return (
    <main className="content search-screen" aria-labelledby="search-title">
      <h1 id="search-title">Search{q && <>: “{q}”</>}</h1>
      <div className="search-kinds" role="group" aria-label="What to search">
        {(['', ...SEARCH_KIND_VALUES] as const).map((k) => (
          <button key={k} type="button" className="small" aria-pressed={(kind ?? '') === k} onClick={() => navigate(searchPath(q, k))}>
            {KIND_LABELS[k]}
          </button>
        ))}
      </div>
      {!q.trim() && <p className="muted">Type words in the search box above. “Quoted words” are found together; a State’s name or code finds what it said.</p>}
      {q.trim() && !current && <p className="muted" role="status">Searching…</p>}
      {current?.error && <p className="error" role="alert">{current.error}</p>}
      {current?.data && (
        <>
          <p className="muted" role="status">
            {current.data.total === 0 ? 'Nothing found.' : `${current.data.total} ${current.data.total === 1 ? 'result' : 'results'}`}
          </p>
          {current.data.drafts.map((group) => (
            <section key={group.draft.id} className="search-draft" aria-label={group.draft.title}>
              <h2>{group.draft.title}</h2>
              {group.clauses.map((clause) => (
                <section key={clause.clauseId ?? 'draft'} className="search-clause" aria-label={`${group.draft.title}: ${clause.label || 'the draft'}`}>
                  <h3>{clause.label || 'The draft'}</h3>
                  <ol className="search-hits">
                    {clause.hits.map((hit) => (
                      <Hit key={`${hit.source}-${hit.threadId ?? ''}-${hit.eventId ?? ''}-${hit.revisions.join('.')}-${hit.at}`} hit={hit} />
                    ))}
                  </ol>
                </section>
              ))}
            </section>
          ))}
        </>
      )}
    </main>
  )
}
