import type { GroupAlert } from '../lib/alertApiShapes';
import { formatDateTime } from '../lib/format';

/** GroupAlertListProps carry a group's alerts, firing first as the api sends them. */
export interface GroupAlertListProps {
  alerts: readonly GroupAlert[];
}

// Only http(s) links become anchors: an annotation is whatever the alert's sender wrote.
function safeUrl(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** GroupAlertList shows each alert of a group: status in words, labels, annotations, and a runbook link when it has one. */
export function GroupAlertList({ alerts }: GroupAlertListProps) {
  if (alerts.length === 0) return <p className="board-note">This group holds no alert you may see.</p>;
  return (
    <ul className="group-alerts" data-testid="group-alerts">
      {alerts.map((a) => {
        const runbook = safeUrl(a.annotations.runbook_url);
        const annotations = Object.entries(a.annotations)
          .filter(([k]) => k !== 'summary' && k !== 'runbook_url')
          .sort(([x], [y]) => x.localeCompare(y));
        return (
          <li
            key={a.fingerprint}
            className="group-alert"
            data-testid="group-alert"
            data-status={a.status}
            data-fingerprint={a.fingerprint}
          >
            <h3 className="group-alert-title">
              <span className="group-alert-status">{a.status === 'firing' ? 'Firing' : 'Resolved'}</span>{' '}
              {a.annotations.summary ?? a.labels.alertname ?? a.fingerprint}
            </h3>
            <p className="board-note">
              since <time dateTime={a.startsAt}>{formatDateTime(a.startsAt)}</time>
              {a.status === 'resolved' && a.endsAt !== null ? (
                <>
                  {' '}
                  · ended <time dateTime={a.endsAt}>{formatDateTime(a.endsAt)}</time>
                </>
              ) : null}{' '}
              · from {a.source}
            </p>
            {runbook !== null ? (
              <p>
                <a href={runbook} target="_blank" rel="noreferrer noopener" data-testid="runbook-link">
                  Runbook<span className="visually-hidden"> for this alert (opens in a new tab)</span>
                </a>
              </p>
            ) : null}
            {annotations.length > 0 ? (
              <dl className="span-attributes" data-testid="alert-annotations">
                {annotations.map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            <h4 className="visually-hidden">Labels</h4>
            <ul className="label-list" data-testid="alert-labels" aria-label="Labels">
              {Object.entries(a.labels)
                .sort(([x], [y]) => x.localeCompare(y))
                .map(([k, v]) => (
                  <li key={k}>
                    <code>
                      {k}={JSON.stringify(v)}
                    </code>
                  </li>
                ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
