import { useEffect, useRef, useState } from 'react'
import type { NotificationView } from '../../../shared/consoleApi'
import { formatDate } from '../../../shared/dates'
import { inboxApi } from '../api/console'
import { navigate } from '../router'
import '../console/console.css'

/** The bell: the unread count, live (server-sent events), and the inbox under it. */
export function Bell() {
  const [unread, setUnread] = useState(0)
  const [open, setOpen] = useState(false)
  const [items, setItems] = useState<NotificationView[] | null>(null)
  const panel = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const source = new EventSource('/api/notifications/stream')
    source.addEventListener('count', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { unread: number }
      setUnread(data.unread)
    })
    return () => source.close()
  }, [])

  useEffect(() => {
    if (!open) return
    inboxApi.list().then((r) => { setItems(r.notifications); setUnread(r.unread) }, () => setItems([]))
  }, [open, unread])

  const label = unread === 1 ? '1 unread notification' : `${unread} unread notifications`
  return (
    <div className="bell">
      <button type="button" className="bell-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">Notifications</span>
        <span className="visually-hidden">{`Notifications: ${label}`}</span>
        {unread > 0 && <span className="bell-count" aria-hidden="true">{unread}</span>}
      </button>
      <span className="visually-hidden" role="status">{label}</span>
      {open && (
        <div className="bell-panel" ref={panel}>
          {items?.length === 0 && <p className="muted">Nothing yet.</p>}
          <ul>
            {items?.map((n) => (
              <li key={n.id} className={`bell-item${n.read ? '' : ' bell-unread'}`}>
                <a href={n.link ?? '/'} onClick={(e) => { e.preventDefault(); setOpen(false); navigate(n.link ?? '/') }}>{n.title}</a>
                <div className="muted">{n.body}</div>
                <div className="muted">{formatDate(n.createdAt)}</div>
              </li>
            ))}
          </ul>
          {unread > 0 && <button type="button" className="link-button" onClick={() => void inboxApi.readAll().then((r) => setUnread(r.unread))}>Mark all read</button>}
        </div>
      )}
    </div>
  )
}
