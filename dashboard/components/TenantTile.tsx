import type { SlaSnapshot, SlaWindow, Tenant } from '@sightline/contracts';
import Link from 'next/link';
import type { BurnPoint } from '../lib/burnRateSeries';
import {
  formatAvailability,
  formatBudget,
  formatClock,
  formatCount,
  formatMs,
  formatShare,
} from '../lib/format';
import { rateLimitedShare } from '../lib/rateLimitedShare';
import { STATUS_LABEL, tileStatus } from '../lib/status';
import { BurnSparkline } from './BurnSparkline';

/** TileBurnHistory is the recent burn rate a tile draws, with the range and step it covers. */
export interface TileBurnHistory {
  /** points is undefined while the history loads, or when it could not be loaded (`failed`). */
  points: readonly BurnPoint[] | undefined;
  failed?: boolean;
  from: number;
  to: number;
  stepMs: number;
}

/** TenantTileProps are one tenant, its latest snapshot for the selected window, whether that is stale, and its burn. */
export interface TenantTileProps {
  tenant: Tenant;
  window: SlaWindow;
  snapshot?: SlaSnapshot | undefined;
  stale?: boolean;
  burn?: TileBurnHistory | undefined;
}

/** TenantTile shows one tenant's SLA over one window; its status is in text and data-status, not colour alone. */
export function TenantTile({ tenant, window, snapshot, stale = false, burn }: TenantTileProps) {
  const status = tileStatus(snapshot);
  const nameId = `tile-name-${tenant.id}`;
  return (
    <article
      className="tile"
      data-testid={`tile-${tenant.id}`}
      data-status={status}
      data-stale={stale ? 'true' : 'false'}
      aria-labelledby={nameId}
    >
      <header className="tile-head">
        <h2 id={nameId} className="tile-name" title={tenant.name}>
          {/* The link stretches over the whole tile (CSS), so a click anywhere opens the tenant page. */}
          <Link className="tile-link" href={`/tenants/${encodeURIComponent(tenant.id)}`}>
            {tenant.name}
          </Link>
        </h2>
        <span className={`tier tier-${tenant.tier}`}>
          <span className="visually-hidden">Tier: </span>
          {tenant.tier}
        </span>
      </header>
      <p className="tile-status" data-testid={`status-${tenant.id}`}>
        <span className="status-dot" aria-hidden="true" />
        <span className="visually-hidden">Status: </span>
        {STATUS_LABEL[status]}
        {stale ? <span className="stale-label"> · stale</span> : null}
      </p>
      <dl className="metrics">
        <div className="metric metric-main">
          <dt>Availability · {window}</dt>
          <dd data-testid={`availability-${tenant.id}`}>{formatAvailability(snapshot?.availability)}</dd>
        </div>
        <div className="metric">
          <dt>p99</dt>
          <dd data-testid={`p99-${tenant.id}`}>{formatMs(snapshot?.latencyMs.p99)}</dd>
        </div>
        <div className="metric">
          <dt>Budget left</dt>
          <dd data-testid={`budget-${tenant.id}`}>{formatBudget(snapshot?.errorBudgetRemaining)}</dd>
        </div>
        <div className="metric">
          <dt>Requests</dt>
          <dd data-testid={`requests-${tenant.id}`}>{formatCount(snapshot?.requests)}</dd>
        </div>
        <div className="metric">
          <dt>Rate-limited</dt>
          <dd data-testid={`ratelimited-${tenant.id}`}>{formatShare(rateLimitedShare(snapshot))}</dd>
        </div>
        <div className="metric metric-spark">
          <dt>Burn rate · {window}</dt>
          <dd>
            <BurnSparkline
              points={burn?.points}
              failed={burn?.failed ?? false}
              from={burn?.from ?? 0}
              to={burn?.to ?? 0}
              stepMs={burn?.stepMs ?? 1}
              windowLabel={window}
              testId={`burn-${tenant.id}`}
            />
          </dd>
        </div>
      </dl>
      <p className="tile-foot">
        {snapshot === undefined ? (
          'waiting for data'
        ) : (
          <>
            objective {formatAvailability(snapshot.objective)} · updated{' '}
            <time dateTime={snapshot.updatedAt} data-testid={`updated-${tenant.id}`}>
              {formatClock(snapshot.updatedAt)}
            </time>
          </>
        )}
      </p>
    </article>
  );
}
