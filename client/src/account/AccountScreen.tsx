import { type SubmitEvent, useEffect, useState } from 'react'
import { NOTIFICATION_KIND_LABELS } from '../notifications/kinds'
import { accountApi } from '../api/console'
import { errorMessage } from '../api/http'
import { SecondFactor } from './SecondFactor'
import { Sessions } from './Sessions'
import '../console/console.css'

function PasswordForm() {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    try {
      const res = await accountApi.changePassword(current, next)
      setMessage({ ok: true, text: `Password changed; ${res.credentialsEnded} other sessions and tokens ended.` })
      setCurrent('')
      setNext('')
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e, 'Could not change the password.') })
    }
  }
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form className="console-form" onSubmit={(e) => void submit(e)}>
        <label>Current password <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required /></label>
        <label>New password <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required /></label>
        <button type="submit">Change password</button>
      </form>
      {message && <p className={message.ok ? 'console-ok' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </section>
  )
}

function NotificationSettings() {
  const [settings, setSettings] = useState<{ muted: string[]; email: string } | null>(null)
  const [emailEnabled, setEmailEnabled] = useState(false)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    accountApi.notificationSettings().then((r) => { setSettings(r.settings); setEmailEnabled(r.emailEnabled) }, () => setSettings(null))
  }, [])
  if (!settings) return null
  const save = (next: { muted: string[]; email: string }) => {
    setSettings(next)
    setSaved(false)
    void accountApi.saveNotificationSettings(next.muted, next.email).then(() => setSaved(true))
  }
  return (
    <section aria-labelledby="notify-title">
      <h2 id="notify-title">Notifications</h2>
      <fieldset>
        <legend>Tell me of</legend>
        {Object.entries(NOTIFICATION_KIND_LABELS).map(([kind, label]) => (
          <label key={kind} className="console-check">
            <input type="checkbox" checked={!settings.muted.includes(kind)} onChange={(e) => save({ ...settings, muted: e.target.checked ? settings.muted.filter((k) => k !== kind) : [...settings.muted, kind] })} /> {label}
          </label>
        ))}
      </fieldset>
      <label>
        E-mail{' '}
        <select value={settings.email} onChange={(e) => save({ ...settings, email: e.target.value })}>
          <option value="immediate">at once</option>
          <option value="digest">a daily digest</option>
          <option value="never">never</option>
        </select>
      </label>
      {!emailEnabled && <p className="muted">E-mail is off on this server: notifications show here only.</p>}
      {saved && <p role="status" className="muted">Saved.</p>}
    </section>
  )
}

/** The signed-in user's own account: password, second factor, sessions and tokens, notifications. */
export function AccountScreen() {
  return (
    <main className="content account" id="main">
      <h1>Account</h1>
      <SecondFactor />
      <PasswordForm />
      <Sessions />
      <NotificationSettings />
    </main>
  )
}
