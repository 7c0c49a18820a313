import { type SubmitEvent, useState } from 'react'
import { ROLES, type Role } from '../../../shared/permissions'
import { consoleApi } from '../api/console'
import { errorMessage } from '../api/http'

/** Invites a person by e-mail with a role (and a State): they choose their password through a one-time link. */
export function InviteForm({ states, emailEnabled, onInvited }: { states: readonly { code: string; name: string }[]; emailEnabled: boolean; onInvited: () => void }) {
  const [email, setEmail] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [role, setRole] = useState<Role>('delegate')
  const [state, setState] = useState('')
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; link?: string } | null>(null)
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setOutcome(null)
    try {
      const res = await consoleApi.invite({ email, role, ...(role === 'delegate' && { state: state || states[0]?.code }), ...(displayName && { displayName }) })
      setOutcome({ ok: true, text: res.emailSent ? `Invitation sent to ${email} (username ${res.user.username}).` : `E-mail is off: hand this link to ${email} (username ${res.user.username}).`, ...(res.link && { link: res.link }) })
      setEmail('')
      setDisplayName('')
      onInvited()
    } catch (e) {
      setOutcome({ ok: false, text: errorMessage(e, 'Could not send the invitation.') })
    }
  }
  return (
    <form className="console-form" onSubmit={(e) => void submit(e)} aria-label="Invite by e-mail">
      <label>E-mail <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
      <label>Display name <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} /></label>
      <label>Role <select value={role} onChange={(e) => setRole(e.target.value as Role)}>{ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</select></label>
      {role === 'delegate' && (
        <label>State <select value={state} onChange={(e) => setState(e.target.value)}>{states.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}</select></label>
      )}
      <button type="submit">Send invitation</button>
      {!emailEnabled && <p className="muted">E-mail is off on this server (no SMTP_URL): the invitation link is shown here to hand over.</p>}
      {outcome && (
        <p className={outcome.ok ? 'console-ok' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text} {outcome.link && <code className="console-link">{outcome.link}</code>}
        </p>
      )}
    </form>
  )
}
