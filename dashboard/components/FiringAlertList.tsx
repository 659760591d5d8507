import { formatBurnRate, formatDateTime } from '../lib/format';
import type { FiringAlertRow } from '../lib/firingAlerts';
import type { Loadable } from '../lib/Loadable';

/** FiringAlertListProps carry the tenant's firing SLO alerts, once loaded. */
export interface FiringAlertListProps {
  alerts: Loadable<FiringAlertRow[]>;
}

/** FiringAlertList lists the SLO alerts firing now for the tenant, pages first. */
export function FiringAlertList({ alerts }: FiringAlertListProps) {
  if (alerts.kind === 'loading')
    return (
      <p className="board-note" role="status" data-testid="firing-alerts-loading">
        Loading alerts…
      </p>
    );
  if (alerts.kind === 'error')
    return (
      <p className="alert" role="alert" data-testid="firing-alerts-error">
        {alerts.message}
      </p>
    );
  if (alerts.body.length === 0)
    return (
      <p className="board-note" data-testid="firing-alerts-none">
        No SLO alert is firing.
      </p>
    );
  return (
    <ul className="alert-list" data-testid="firing-alerts">
      {alerts.body.map((a) => (
        <li key={a.key} className={`alert-item alert-${a.severity}`}>
          <span className="alert-severity">{a.severity}</span> <strong>{a.summary}</strong>
          <span className="board-note">
            {' '}
            · {a.slo} · {a.burnrateTier} · since {formatDateTime(a.startsAt)} · burn{' '}
            {formatBurnRate(a.longBurnRate)} / {formatBurnRate(a.shortBurnRate)}
          </span>
        </li>
      ))}
    </ul>
  );
}
