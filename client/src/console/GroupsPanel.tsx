import { type SubmitEvent, useCallback, useEffect, useState } from 'react'
import type { ConsoleGroup } from '../../../shared/consoleApi'
import { consoleApi } from '../api/console'
import { errorMessage } from '../api/http'

function GroupRow({ group, onError }: { group: ConsoleGroup; onError: (m: string | null) => void }) {
  const [name, setName] = useState(group.name)
  const [mandate, setMandate] = useState(group.mandate)
  const save = () => consoleApi.patchGroup(group.id, { name, mandate }).then(() => onError(null), (e: unknown) => onError(errorMessage(e, 'Could not save.')))
  return (
    <li className="console-group">
      <label>Name of {group.slug} <input value={name} onChange={(e) => setName(e.target.value)} /></label>
      <label>Mandate of {group.slug} <textarea rows={2} value={mandate} onChange={(e) => setMandate(e.target.value)} /></label>
      <button type="button" onClick={() => void save()} disabled={name === group.name && mandate === group.mandate}>Save {group.slug}</button>
    </li>
  )
}

/** The secretariat's working groups: add one, rename, set the mandate. */
export function GroupsPanel() {
  const [groups, setGroups] = useState<ConsoleGroup[]>([])
  const [error, setError] = useState<string | null>(null)
  const [form, setForm] = useState({ slug: '', name: '', mandate: '' })
  const load = useCallback(() => consoleApi.groups().then(setGroups, (e: unknown) => setError(errorMessage(e, 'Could not load the groups.'))), [])
  useEffect(() => void load(), [load])
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    try {
      await consoleApi.addGroup(form)
      setForm({ slug: '', name: '', mandate: '' })
      setError(null)
      await load()
    } catch (e) {
      setError(errorMessage(e, 'Could not add the group.'))
    }
  }
  return (
    <section aria-labelledby="groups-title">
      <h2 id="groups-title">Working groups</h2>
      <ul className="console-list">{groups.map((g) => <GroupRow key={g.id} group={g} onError={setError} />)}</ul>
      <form className="console-form" onSubmit={(e) => void submit(e)} aria-label="Add a working group">
        <label>Slug <input required pattern="[a-z0-9][a-z0-9-]+" value={form.slug} onChange={(e) => setForm({ ...form, slug: e.target.value })} /></label>
        <label>Name <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
        <label>Mandate <input value={form.mandate} onChange={(e) => setForm({ ...form, mandate: e.target.value })} /></label>
        <button type="submit">Add group</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  )
}
