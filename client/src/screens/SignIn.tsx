import { type SubmitEvent, useState } from 'react'
import { errorMessage } from '../api/http'
import { sessionApi } from '../api/session'

export function SignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await sessionApi.signIn(username, password)
      await onSignedIn()
    } catch (e) {
      setError(errorMessage(e, 'Could not reach the server.'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card sign-in" onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <label>
        Username
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}
