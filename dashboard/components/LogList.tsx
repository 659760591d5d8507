import type { LogView } from '@sightline/contracts';
import Link from 'next/link';
import { formatClock } from '../lib/format';

/** LogListProps are the lines to show and whether each trace id links to its trace page. */
export interface LogListProps {
  logs: readonly LogView[];
  /** Off on a trace's own page, where every line belongs to the trace already shown. */
  linkTraces?: boolean;
  label: string;
}

function severityClass(n: number): string {
  if (n >= 17) return 'error';
  if (n >= 13) return 'warn';
  return 'info';
}

/** LogList shows log lines (time, severity, service, body), each with a link to its trace when it has one. */
export function LogList({ logs, linkTraces = true, label }: LogListProps) {
  return (
    <ol className="log-list" data-testid="log-list" aria-label={label}>
      {logs.map((log) => (
        <li
          key={log.id}
          className="log-line"
          data-testid="log-line"
          data-log-id={log.id}
          data-trace-id={log.traceId ?? ''}
          data-severity={severityClass(log.severityNumber)}
        >
          <time className="log-time" dateTime={log.time} title={log.time}>
            {formatClock(log.time)}
            <span className="log-ms">.{msOf(log.time)}</span>
          </time>
          <span className="log-severity">{log.severityText ?? `SEV${log.severityNumber}`}</span>
          <span className="log-service">{log.service}</span>
          <span className="log-body">{log.body}</span>
          {log.traceId !== null && linkTraces ? (
            <Link className="log-trace" href={`/traces/${log.traceId}`} data-testid="log-trace-link">
              <span className="visually-hidden">Open trace </span>
              {log.traceId.slice(0, 8)}…
            </Link>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function msOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '000' : String(d.getMilliseconds()).padStart(3, '0');
}
