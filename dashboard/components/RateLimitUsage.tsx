import { formatCount, formatShare } from '../lib/format';
import type { Loadable } from '../lib/Loadable';
import { peakRates } from '../lib/peakRates';
import { rateLimitedShare } from '../lib/rateLimitedShare';
import type { SlaHistory } from '../lib/sloApiShapes';
import type { TenantLimits } from '../lib/tenantActivityShapes';

/** RateLimitUsageProps carry the tenant's limits and its SLA history over the window, once loaded. */
export interface RateLimitUsageProps {
  limits: Loadable<TenantLimits>;
  history: Loadable<SlaHistory>;
  windowLabel: string;
}

const rate = (v: number | null) => (v === null ? '—' : v < 10 ? v.toFixed(1) : formatCount(v));
const STEP_NAME: Record<number, string> = {
  10: '10 s',
  60: '1 min',
  300: '5 min',
  3600: '1 h',
  86400: '1 d',
};

/**
 * RateLimitUsage sets the tenant's request limits against the busiest rate it sent over the window (a bar per limit,
 * with the share in words), and counts the requests the gateway refused with 429.
 */
export function RateLimitUsage({ limits, history, windowLabel }: RateLimitUsageProps) {
  if (limits.kind === 'loading' || history.kind === 'loading')
    return (
      <p className="board-note" role="status" data-testid="rate-limits-loading">
        Loading limits…
      </p>
    );
  if (limits.kind === 'error' || history.kind === 'error')
    return (
      <p className="alert" role="alert" data-testid="rate-limits-error">
        {limits.kind === 'error' ? limits.message : history.kind === 'error' ? history.message : ''}
      </p>
    );
  const peak = peakRates(history.body);
  // A window with no limit in force (an override can lift one) has no row: there is nothing to compare with.
  const rows = [
    { id: 'second', label: 'Per second', limit: limits.body.perSecond, peak: peak.perSecond },
    { id: 'minute', label: 'Per minute', limit: limits.body.perMinute, peak: peak.perMinute },
  ].flatMap((r) => (r.limit === null ? [] : [{ ...r, limit: r.limit }]));
  return (
    <div data-testid="rate-limits">
      <div className="table-scroll">
        <table className="sla-table activity-table">
          <caption className="visually-hidden">
            Request limits against the busiest rate of the last {windowLabel}
          </caption>
          <thead>
            <tr>
              <th scope="col">Limit</th>
              <th scope="col">Allowed</th>
              <th scope="col">Peak sent</th>
              <th scope="col">Peak of limit</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const used = r.peak === null ? null : r.peak / r.limit;
              return (
                <tr key={r.id} data-testid={`rate-limit-${r.id}`}>
                  <th scope="row">{r.label}</th>
                  <td>{formatCount(r.limit)}</td>
                  <td>{rate(r.peak)}</td>
                  <td>
                    <span className="usage">
                      <meter
                        className="usage-meter"
                        min={0}
                        max={1}
                        low={0.7}
                        high={0.9}
                        optimum={0}
                        value={Math.min(1, used ?? 0)}
                        aria-label={`${r.label}: peak ${used === null ? 'unknown' : formatShare(used)} of the limit`}
                      />
                      <span data-testid={`rate-limit-${r.id}-used`}>{formatShare(used)}</span>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="board-note" data-testid="rate-limited-count">
        {formatCount(peak.rateLimited)} of {formatCount(peak.requests)} requests rate-limited (
        {formatShare(rateLimitedShare(peak))}) in the last {windowLabel}. Peaks are averaged over{' '}
        {STEP_NAME[peak.stepSeconds] ?? `${peak.stepSeconds} s`} steps
        {limits.body.shadow ? '; this tenant is in shadow mode: limits are counted, not enforced.' : '.'}
      </p>
    </div>
  );
}
