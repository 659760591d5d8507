import Link from 'next/link';
import type { AlertGroup } from '../lib/alertApiShapes';
import { formatDateTime, NO_VALUE } from '../lib/format';
import { formatDuration } from '../lib/formatDuration';
import { groupDisplayState } from '../lib/groupDisplayState';
import type { GroupSummary } from '../lib/groupSummary';
import { EscalationText } from './EscalationText';
import { GroupStateBadge } from './GroupStateBadge';

/** AlertGroupTableProps carry the groups in display order, what is known about each, and the viewer's clock. */
export interface AlertGroupTableProps {
  groups: readonly AlertGroup[];
  summaries: ReadonlyMap<number, GroupSummary>;
  now: number;
}

/** AlertGroupTable lists alert groups, one row each: title, tenant, severity, state, firing time, escalation, mute. */
export function AlertGroupTable({ groups, summaries, now }: AlertGroupTableProps) {
  return (
    <div className="table-scroll">
      <table className="alert-table" data-testid="alert-groups">
        <caption className="visually-hidden">
          Alert groups: firing and unacknowledged first, then acknowledged, pending or muted, then resolved
        </caption>
        <thead>
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">Tenant</th>
            <th scope="col">Severity</th>
            <th scope="col">State</th>
            <th scope="col">Firing for</th>
            <th scope="col">Escalation</th>
            <th scope="col">Muted</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const s = summaries.get(g.id);
            const state = groupDisplayState(g);
            return (
              <tr key={g.id} data-testid="alert-row" data-group-id={g.id} data-state={state}>
                <th scope="row" className="alert-title">
                  <Link href={`/alerts/${g.id}`} data-testid="alert-link">
                    {s?.title ?? `Alert group ${g.id}`}
                  </Link>
                  {s?.firingCount !== null && s?.firingCount !== undefined && s.firingCount > 1 ? (
                    <span className="board-note"> · {s.firingCount} alerts firing</span>
                  ) : null}
                </th>
                <td>{g.tenant ?? 'platform'}</td>
                <td data-testid="alert-severity">{s?.severity ?? NO_VALUE}</td>
                <td>
                  <GroupStateBadge group={g} testId="alert-state" />
                </td>
                <td data-testid="alert-firing-for">
                  {state === 'resolved' ? (
                    <>
                      resolved{' '}
                      <time dateTime={g.resolvedAt ?? g.updatedAt}>
                        {formatDateTime(g.resolvedAt ?? g.updatedAt)}
                      </time>
                    </>
                  ) : s?.firingSince ? (
                    <time dateTime={s.firingSince} title={`since ${formatDateTime(s.firingSince)}`}>
                      {formatDuration(now - Date.parse(s.firingSince))}
                    </time>
                  ) : (
                    NO_VALUE
                  )}
                </td>
                <td data-testid="alert-escalation">
                  <EscalationText group={g} now={now} />
                </td>
                <td data-testid="alert-muted">{g.muted ?? NO_VALUE}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
