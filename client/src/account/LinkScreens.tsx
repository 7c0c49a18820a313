import { type SubmitEvent, useState } from 'react'
import { accountApi } from '../api/console'
import { errorMessage } from '../api/http'
import { navigate } from '../router'

/** `/account/invitation#token=…` and `/account/reset#token=…`: choose a password with a one-time link. */
export function SetPasswordScreen({ kind }: { kind: 'invitation' | 'reset' }) {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? ''
  const [password, setPassword] = useState('')
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null)
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    try {
      const res = await (kind === 'invitation' ? accountApi.acceptInvitation(token, password) : accountApi.confirmReset(token, password))
      setOutcome({ ok: true, text: `Password set. Sign in as ${res.username}.` })
    } catch (e) {
      setOutcome({ ok: false, text: errorMessage(e, 'Could not reach the server.') })
    }
  }
  return (
    <main className="content" id="main">
      <form className="card sign-in" onSubmit={(e) => void submit(e)} aria-labelledby="set-password-title">
        <h1 id="set-password-title">{kind === 'invitation' ? 'Welcome: choose your password' : 'Choose a new password'}</h1>
        <p className="muted">At least 12 characters; a few words make a good one.</p>
        <label>
          New password
          <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {outcome && <p className={outcome.ok ? 'console-ok' : 'error'} role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>}
        {outcome?.ok ? (
          <button type="button" onClick={() => navigate('/')}>Go to sign in</button>
        ) : (
          <button type="submit" disabled={!token}>Set password</button>
        )}
      </form>
    </main>
  )
}

/** "Forgot password": a reset link by e-mail; the answer is the same whether or not the address is known. */
export function ForgotPassword() {
  const [email, setEmail] = useState('')
  const [answer, setAnswer] = useState<string | null>(null)
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    try {
      setAnswer((await accountApi.requestReset(email)).message)
    } catch (e) {
      setAnswer(errorMessage(e, 'Could not reach the server.'))
    }
  }
  return (
    <details className="forgot card">
      <summary>Forgot your password?</summary>
      <form onSubmit={(e) => void submit(e)} className="console-form">
        <label>Your e-mail address <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required /></label>
        <button type="submit">Send a reset link</button>
      </form>
      {answer && <p role="status">{answer}</p>}
    </details>
  )
}
