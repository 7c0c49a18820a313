import { type SubmitEvent, useEffect, useState } from 'react'
import { accountApi } from '../api/console'
import { errorMessage } from '../api/http'

/** Turns the second factor on (scan, confirm with a code, recovery codes shown once) or off. */
export function SecondFactor() {
  const [state, setState] = useState<{ enabled: boolean; left: number; required: boolean } | null>(null)
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null)
  const [codes, setCodes] = useState<string[] | null>(null)
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const load = () => accountApi.security().then((s) => setState({ enabled: s.totp.enabled, left: s.totp.recoveryCodesLeft, required: s.required }), () => setState(null))
  useEffect(() => void load(), [])

  const confirm = async (event: SubmitEvent) => {
    event.preventDefault()
    try {
      const res = await accountApi.confirmTotp(code)
      setCodes(res.recoveryCodes)
      setSetup(null)
      setCode('')
      setError(null)
      await load()
    } catch (e) {
      setError(errorMessage(e, 'Could not turn it on.'))
    }
  }
  const disable = async (event: SubmitEvent) => {
    event.preventDefault()
    try {
      await accountApi.disableTotp(code)
      setCode('')
      setError(null)
      await load()
    } catch (e) {
      setError(errorMessage(e, 'Could not turn it off.'))
    }
  }
  if (!state) return null
  return (
    <section aria-labelledby="totp-title">
      <h2 id="totp-title">Second factor</h2>
      {state.required && !state.enabled && <p className="console-note" role="alert">Your role must sign in with a second factor: set it up now to go on.</p>}
      {codes && (
        <div role="status">
          <p>Recovery codes, shown this once: keep them somewhere safe. Each works once instead of a code.</p>
          <ul className="recovery-codes">{codes.map((c) => <li key={c}>{c}</li>)}</ul>
        </div>
      )}
      {state.enabled ? (
        <form onSubmit={(e) => void disable(e)} className="console-form" aria-label="Turn the second factor off">
          <p>On ({state.left} recovery codes left).</p>
          {!state.required && (
            <>
              <label>Code <input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} required /></label>
              <button type="submit">Turn off</button>
            </>
          )}
        </form>
      ) : setup ? (
        <form onSubmit={(e) => void confirm(e)} className="console-form" aria-label="Confirm the second factor">
          <p>Add this key to your authenticator app (or open the link on your phone): <code>{setup.secret}</code> <a href={setup.uri}>otpauth link</a></p>
          <label>Code from the app <input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} required /></label>
          <button type="submit">Turn on</button>
        </form>
      ) : (
        <button type="button" onClick={() => void accountApi.startTotp().then(setSetup, (e: unknown) => setError(errorMessage(e, 'Could not start.')))}>Set up a second factor</button>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  )
}
