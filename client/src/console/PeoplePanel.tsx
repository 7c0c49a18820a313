import { type SubmitEvent, useCallback, useEffect, useState } from 'react'
import type { ConsoleUser } from '../../../shared/consoleApi'
import { ROLES, type Role } from '../../../shared/permissions'
import { type UserFilter, consoleApi } from '../api/console'
import { errorMessage } from '../api/http'
import { InviteForm } from './InviteForm'

type States = readonly { code: string; name: string }[]

/** One person: role and State (a delegate's), display name, disabled or not; each change saved at once. */
function PersonRow({ user, states, onChanged, onError }: { user: ConsoleUser; states: States; onChanged: (u: ConsoleUser) => void; onError: (m: string) => void }) {
  const [name, setName] = useState(user.displayName)
  const save = (patch: Parameters<typeof consoleApi.patchUser>[1]) =>
    consoleApi.patchUser(user.id, patch).then(onChanged, (e: unknown) => onError(errorMessage(e, 'Could not save.')))
  const changeRole = (role: Role) => {
    // A delegate needs a State: the first one until another is chosen.
    void save(role === 'delegate' ? { role, state: user.state?.code ?? states[0]?.code ?? null } : { role })
  }
  return (
    <tr className={user.disabled ? 'console-disabled' : undefined}>
      <td>
        <strong>{user.username}</strong>
        <div className="muted">{user.email ?? 'no e-mail'}{user.totp ? ' · 2FA' : ''}</div>
      </td>
      <td>
        <input aria-label={`Display name of ${user.username}`} value={name} onChange={(e) => setName(e.target.value)} onBlur={() => name !== user.displayName && void save({ displayName: name })} />
      </td>
      <td>
        <select aria-label={`Role of ${user.username}`} value={user.role} onChange={(e) => changeRole(e.target.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </td>
      <td>
        {user.role === 'delegate' ? (
          <select aria-label={`State of ${user.username}`} value={user.state?.code ?? ''} onChange={(e) => void save({ state: e.target.value })}>
            {states.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
          </select>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
      <td>
        <button type="button" className="link-button" onClick={() => void save({ disabled: !user.disabled })}>
          {user.disabled ? `Enable ${user.username}` : `Disable ${user.username}`}
        </button>
      </td>
    </tr>
  )
}

function AddUserForm({ states, onAdded }: { states: States; onAdded: () => void }) {
  const [form, setForm] = useState({ username: '', displayName: '', role: 'delegate' as Role, state: '', email: '', password: '' })
  const [error, setError] = useState<string | null>(null)
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setError(null)
    try {
      await consoleApi.addUser({ ...form, state: form.role === 'delegate' ? form.state || states[0]?.code : undefined, email: form.email || undefined })
      setForm({ ...form, username: '', displayName: '', email: '', password: '' })
      onAdded()
    } catch (e) {
      setError(errorMessage(e, 'Could not add the user.'))
    }
  }
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) })
  return (
    <form className="console-form" onSubmit={(e) => void submit(e)} aria-label="Add a user with a password">
      <label>Username <input required {...field('username')} /></label>
      <label>Display name <input required {...field('displayName')} /></label>
      <label>Role <select {...field('role')}>{ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</select></label>
      {form.role === 'delegate' && <label>State <select {...field('state')}>{states.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}</select></label>}
      <label>E-mail (optional) <input type="email" {...field('email')} /></label>
      <label>Password <input type="password" autoComplete="new-password" required {...field('password')} /></label>
      <button type="submit">Add user</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  )
}

/** People of the secretariat's working groups: filter, add, invite, change, disable. */
export function PeoplePanel({ emailEnabled }: { emailEnabled: boolean }) {
  const [filter, setFilter] = useState<UserFilter>({ role: '', state: '', q: '' })
  const [users, setUsers] = useState<ConsoleUser[] | null>(null)
  const [states, setStates] = useState<States>([])
  const [message, setMessage] = useState<string | null>(null)
  const load = useCallback(() => {
    consoleApi.users(filter).then(setUsers, (e: unknown) => setMessage(errorMessage(e, 'Could not load the users.')))
  }, [filter])
  useEffect(load, [load])
  useEffect(() => {
    consoleApi.states().then(setStates, () => setStates([]))
  }, [])
  const replace = (changed: ConsoleUser) => {
    setMessage(null)
    setUsers((list) => list?.map((u) => (u.id === changed.id ? changed : u)) ?? null)
  }
  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">People</h2>
      <InviteForm states={states} emailEnabled={emailEnabled} onInvited={load} />
      <details>
        <summary>Add a user with a password</summary>
        <AddUserForm states={states} onAdded={load} />
      </details>
      <div className="console-filter" role="search" aria-label="Filter people">
        <label>Role <select value={filter.role} onChange={(e) => setFilter({ ...filter, role: e.target.value as Role | '' })}><option value="">any</option>{ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</select></label>
        <label>State <select value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.target.value })}><option value="">any</option>{states.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}</select></label>
        <label>Name <input value={filter.q} onChange={(e) => setFilter({ ...filter, q: e.target.value })} /></label>
      </div>
      {message && <p className="error" role="alert">{message}</p>}
      <table className="console-table">
        <caption className="visually-hidden">People of your working groups</caption>
        <thead><tr><th scope="col">User</th><th scope="col">Display name</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Access</th></tr></thead>
        <tbody>
          {users?.map((u) => <PersonRow key={`${u.id}-${u.displayName}`} user={u} states={states} onChanged={replace} onError={setMessage} />)}
        </tbody>
      </table>
      {users?.length === 0 && <p className="muted">Nobody matches.</p>}
    </section>
  )
}
