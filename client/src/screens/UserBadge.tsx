import type { MeResponse } from '../../../shared/api'

/** Who is signed in: name, role and State, always visible. */
export function UserBadge({ me, onSignOut }: { me: MeResponse; onSignOut: () => void }) {
  const { user } = me
  return (
    <div className="user-badge" aria-label="Signed-in user">
      <span className="user-name">{user.displayName}</span>
      <span className="user-role">{user.role}</span>
      {user.state && <span className="user-state">{user.state.name}</span>}
      <button type="button" className="link-button" onClick={onSignOut}>
        Sign out
      </button>
    </div>
  )
}
