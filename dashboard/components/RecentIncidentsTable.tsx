import Link from 'next/link';
import { formatDateTime } from '../lib/format';
import { formatDuration } from '../lib/formatDuration';
import type { Loadable } from '../lib/Loadable';
import type { Incident, TenantIncidents } from '../lib/tenantActivityShapes';

/** RecentIncidentsTableProps carry the incidents, whether the viewer may open alert groups, and the time now. */
export interface RecentIncidentsTableProps {
  incidents: Loadable<TenantIncidents>;
  /** linkAlerts links each incident to its alert group; only roles that may read alerts get the link. */
  linkAlerts: boolean;
  now: number;
}

const since = (i: Incident, at: string | null) =>
  at === null ? null : Date.parse(at) - Date.parse(i.startedAt);

/**
 * RecentIncidentsTable lists the tenant's incidents, newest first: when each started, how long it lasted (or has
 * lasted, while open), how long until someone acknowledged and until it was resolved, and whether it paged.
 */
export function RecentIncidentsTable({ incidents, linkAlerts, now }: RecentIncidentsTableProps) {
  if (incidents.kind === 'loading')
    return (
      <p className="board-note" role="status" data-testid="incidents-loading">
        Loading incidents…
      </p>
    );
  if (incidents.kind === 'error')
    return (
      <p className="alert" role="alert" data-testid="incidents-error">
        {incidents.message}
      </p>
    );
  if (incidents.body.incidents.length === 0)
    return (
      <p className="board-note" data-testid="incidents-none">
        No incident in the last 7 days.
      </p>
    );
  return (
    <div className="table-scroll">
      <table className="sla-table activity-table" data-testid="incidents">
        <caption className="visually-hidden">Incidents of the last 7 days, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Time to ack</th>
            <th scope="col">Time to resolve</th>
            <th scope="col">Paged</th>
          </tr>
        </thead>
        <tbody>
          {incidents.body.incidents.map((i) => {
            const open = i.resolvedAt === null;
            return (
              <tr key={`${i.groupId}-${i.incident}`} data-testid="incident-row" data-open={open}>
                <th scope="row" className="route-cell">
                  {linkAlerts ? (
                    <Link href={`/alerts/${i.groupId}`} data-testid="incident-link">
                      {i.title}
                    </Link>
                  ) : (
                    i.title
                  )}
                  {i.severity ? <span className="board-note"> · {i.severity}</span> : null}
                </th>
                <td>
                  <time dateTime={i.startedAt}>{formatDateTime(i.startedAt)}</time>
                </td>
                <td data-testid="incident-duration">
                  {open
                    ? `${formatDuration(now - Date.parse(i.startedAt))} so far`
                    : formatDuration(since(i, i.resolvedAt))}
                </td>
                <td data-testid="incident-ack">
                  {i.acknowledgedAt === null
                    ? 'not acknowledged'
                    : formatDuration(since(i, i.acknowledgedAt))}
                </td>
                <td data-testid="incident-resolve">
                  {open ? 'open' : formatDuration(since(i, i.resolvedAt))}
                </td>
                <td>{i.paged ? 'Yes' : 'No'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
