import { type SubmitEvent, useCallback, useEffect, useState } from 'react'
import { consoleApi } from '../api/console'
import { errorMessage } from '../api/http'

/** The Member States (the 47 of the demo and any added since): add one. */
export function StatesPanel() {
  const [states, setStates] = useState<{ code: string; name: string }[]>([])
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => consoleApi.states().then(setStates, (e: unknown) => setError(errorMessage(e, 'Could not load the States.'))), [])
  useEffect(() => void load(), [load])
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    try {
      await consoleApi.addState(code, name)
      setCode('')
      setName('')
      setError(null)
      await load()
    } catch (e) {
      setError(errorMessage(e, 'Could not add the State.'))
    }
  }
  return (
    <section aria-labelledby="states-title">
      <h2 id="states-title">Member States ({states.length})</h2>
      <form className="console-form" onSubmit={(e) => void submit(e)} aria-label="Add a Member State">
        <label>Code (ISO 3166 alpha-3) <input required maxLength={3} value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} /></label>
        <label>Name <input required value={name} onChange={(e) => setName(e.target.value)} /></label>
        <button type="submit">Add State</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      <ul className="console-states">{states.map((s) => <li key={s.code}><abbr title={s.name}>{s.code}</abbr> {s.name}</li>)}</ul>
    </section>
  )
}
