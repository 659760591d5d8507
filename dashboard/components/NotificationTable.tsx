import type { GroupNotification } from '../lib/alertApiShapes';
import { formatDateTime, NO_VALUE } from '../lib/format';

/** NotificationTableProps carry the notifications of a group. */
export interface NotificationTableProps {
  notifications: readonly GroupNotification[];
}

const STATUS_WORDS: Record<GroupNotification['status'], string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  dead: 'Dead (not delivered)',
};

/** NotificationTable lists the notifications sent for a group with their delivery status; dead ones say why. */
export function NotificationTable({ notifications }: NotificationTableProps) {
  if (notifications.length === 0)
    return <p className="board-note">No notification was sent for this group.</p>;
  const dead = notifications.filter((n) => n.status === 'dead').length;
  return (
    <>
      {dead > 0 ? (
        <p className="alert" data-testid="notifications-dead">
          {dead} notification{dead === 1 ? ' was' : 's were'} dead-lettered: nobody was told through{' '}
          {dead === 1 ? 'it' : 'them'}.
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="alert-table" data-testid="notifications">
          <caption className="visually-hidden">Notifications sent for this group, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Via</th>
              <th scope="col">Action</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Sent</th>
              <th scope="col">Delivered or last error</th>
            </tr>
          </thead>
          <tbody>
            {notifications.map((n) => (
              <tr
                key={n.id}
                data-testid="notification"
                data-status={n.status}
                className={n.status === 'dead' ? 'notification-dead' : undefined}
              >
                <th scope="row">{n.target}</th>
                <td>{n.integration}</td>
                <td>{n.action}</td>
                <td data-testid="notification-status">{STATUS_WORDS[n.status]}</td>
                <td>{n.attempts}</td>
                <td>
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                </td>
                <td data-testid="notification-outcome">
                  {n.status === 'delivered' && n.deliveredAt !== null ? (
                    <time dateTime={n.deliveredAt}>{formatDateTime(n.deliveredAt)}</time>
                  ) : n.lastError !== null ? (
                    <span className="notification-error">{n.lastError}</span>
                  ) : (
                    NO_VALUE
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
