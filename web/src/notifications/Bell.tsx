import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useSubscription } from 'urql';

import { graphql } from '../gql';
import { formatRelative } from '../lib/format';
import { navigate } from '../shell/router';

const InboxQuery = graphql(`
  query Inbox {
    unreadNotificationCount
    notifications(first: 20) {
      items { id kind subject body opportunityIds createdAt read late }
    }
  }
`);

const NewNotifications = graphql(`
  subscription NewNotifications {
    myNotifications { id kind subject body opportunityIds createdAt read late }
  }
`);

const MarkRead = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) { id read readAt }
  }
`);

const MarkAllRead = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);

/** The bell: the live unread count, and the inbox under it. */
export function Bell() {
  const { t, i18n } = useTranslation();
  const [{ data }, refetch] = useQuery({ query: InboxQuery });
  const [live] = useSubscription({ query: NewNotifications });
  const [, markRead] = useMutation(MarkRead);
  const [, markAll] = useMutation(MarkAllRead);
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (live.data) refetch({ requestPolicy: 'network-only' });
  }, [live.data, refetch]);

  useEffect(() => {
    if (!open) return;
    const close = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [open]);

  const unread = data?.unreadNotificationCount ?? 0;
  const items = data?.notifications.items ?? [];
  return (
    <div className="bell">
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls="inbox"
        aria-label={t('notifications.bell', { count: unread })}
        data-testid="bell"
        onClick={() => setOpen(!open)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div id="inbox" ref={panel} className="inbox" role="region" aria-label={t('notifications.title')}>
          <div className="inbox-header">
            <h2>{t('notifications.title')}</h2>
            {unread > 0 && (
              <button
                type="button"
                onClick={() => void markAll({}).then(() => refetch({ requestPolicy: 'network-only' }))}
              >
                {t('notifications.markAllRead')}
              </button>
            )}
          </div>
          {items.length === 0 && <p>{t('notifications.empty')}</p>}
          <ul>
            {items.map((item) => (
              <li key={item.id} className={item.read ? 'read' : 'unread'} data-testid="notification">
                <a
                  href={item.opportunityIds[0] ? `/opportunities/${item.opportunityIds[0]}` : '/board'}
                  onClick={(event) => {
                    event.preventDefault();
                    setOpen(false);
                    if (!item.read) void markRead({ id: item.id }).then(() => refetch({ requestPolicy: 'network-only' }));
                    if (item.opportunityIds.length === 1) navigate(`/opportunities/${item.opportunityIds[0]}`);
                  }}
                >
                  <strong>{item.subject}</strong>
                  <span>{item.body}</span>
                </a>
                <time dateTime={item.createdAt}>{formatRelative(item.createdAt, i18n.language)}</time>
                {!item.read && (
                  <button
                    type="button"
                    onClick={() => void markRead({ id: item.id }).then(() => refetch({ requestPolicy: 'network-only' }))}
                  >
                    {t('notifications.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
