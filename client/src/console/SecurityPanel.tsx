import { ROLES, type Role } from '../../../shared/permissions'
import type { ConsoleStatus } from '../../../shared/consoleApi'
import { consoleApi } from '../api/console'

/** Which roles must sign in with a second factor; and whether e-mail is on. */
export function SecurityPanel({ status, onChange }: { status: ConsoleStatus; onChange: (s: ConsoleStatus) => void }) {
  const toggle = (role: Role, on: boolean) => {
    const roles = on ? [...status.totpRequiredRoles, role] : status.totpRequiredRoles.filter((r) => r !== role)
    void consoleApi.setTotpRoles(roles).then(onChange)
  }
  return (
    <section aria-labelledby="security-title">
      <h2 id="security-title">Security and e-mail</h2>
      <p>{status.emailEnabled ? 'E-mail is on: invitations, password resets and notifications are sent.' : 'E-mail is off (no SMTP_URL on the server): invitations give a link to hand over; nothing is mailed.'}</p>
      <fieldset>
        <legend>Second factor required at sign-in for</legend>
        {ROLES.map((role) => (
          <label key={role} className="console-check">
            <input type="checkbox" checked={status.totpRequiredRoles.includes(role)} onChange={(e) => toggle(role, e.target.checked)} /> {role}
          </label>
        ))}
      </fieldset>
    </section>
  )
}
