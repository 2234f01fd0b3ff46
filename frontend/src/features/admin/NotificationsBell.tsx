import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog } from '../../ui';
import { useNotifications, useReadAllNotifications, useReadNotification } from './api/notifications';
import { notificationText } from './lib/notification-text';
import './inbox.css';

/** The admin header's bell: the unread count, and the inbox (mark one or all read). */
export function NotificationsBell() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const q = useNotifications();
  const readOne = useReadNotification();
  const readAll = useReadAllNotifications();
  const unread = q.data?.unread ?? 0;
  const list = q.data?.notifications ?? [];
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost btn-md inbox-bell"
        onClick={() => setOpen(true)}
        aria-label={t('inbox.open', { count: unread })}
        aria-haspopup="dialog"
        data-testid="inbox-bell"
        data-unread={unread}
      >
        <svg className="inbox-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="inbox-count" aria-hidden="true" data-testid="inbox-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <Dialog
        open={open}
        title={t('inbox.title')}
        onClose={() => setOpen(false)}
        footer={
          <>
            <Button onClick={() => readAll.mutate()} disabled={unread === 0 || readAll.isPending} data-testid="inbox-read-all">
              {t('inbox.markAllRead')}
            </Button>
            <Button variant="primary" onClick={() => setOpen(false)}>
              {t('common.done')}
            </Button>
          </>
        }
      >
        {q.isPending && <p>{t('common.loading')}</p>}
        {list.length === 0 && !q.isPending && <p data-testid="inbox-empty">{t('inbox.empty')}</p>}
        <ul className="inbox-list" data-testid="inbox-list">
          {list.map((n) => (
            <li key={n.id} className={`inbox-item ${n.read ? 'inbox-read' : 'inbox-unread'}`} data-testid="inbox-item" data-kind={n.kind} data-read={n.read}>
              <div className="inbox-text">
                {!n.read && <span className="sr-only">{t('inbox.unread')}: </span>}
                <p>{notificationText(i18n, n)}</p>
                <p className="hint">
                  <time dateTime={n.created_at}>
                    {new Date(n.created_at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                </p>
              </div>
              {!n.read && (
                <Button onClick={() => readOne.mutate(n.id)} disabled={readOne.isPending} data-testid="inbox-read">
                  {t('inbox.markRead')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </Dialog>
    </>
  );
}
