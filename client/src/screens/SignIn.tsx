import { type SubmitEvent, useState } from 'react'
import { ForgotPassword } from '../account/LinkScreens'
import { ApiError, errorMessage } from '../api/http'
import { sessionApi } from '../api/session'
import { navigate } from '../router'

export function SignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  // Shown once the server asks for the second factor.
  const [code, setCode] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const answer = await sessionApi.signIn(username, password, code ?? undefined)
      // A role that must have a second factor sets it up first.
      if (answer.totpSetupRequired) navigate('/account')
      await onSignedIn()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'totp_required') {
        setCode('')
        setError(null)
        return
      }
      setError(errorMessage(e, 'Could not reach the server.'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
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
      {code !== null && (
        <label>
          Code from your authenticator app (or a recovery code)
          <input name="code" autoComplete="one-time-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} required autoFocus />
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
    <ForgotPassword />
    </>
  )
}
