'use client';

import { useEffect, useState } from 'react';
import { apiGet } from '../lib/apiGet';
import type { Loadable } from '../lib/Loadable';
import { canReadAlerts } from '../lib/roles';
import { isSlaHistory } from '../lib/sloApiShapes';
import type { SlaHistory } from '../lib/sloApiShapes';
import { isTenantIncidents, isTenantLimits, isTopFailingRoutes } from '../lib/tenantActivityShapes';
import type { TenantIncidents, TenantLimits, TopFailingRoutes } from '../lib/tenantActivityShapes';
import { toLoadable } from '../lib/toLoadable';
import { FailingRoutesTable } from './FailingRoutesTable';
import { RateLimitUsage } from './RateLimitUsage';
import { RecentIncidentsTable } from './RecentIncidentsTable';

/**
 * ACTIVITY_WINDOWS are the windows of the routes and rate-limit panels, each with the history step its peak rate is
 * read at (the finest that keeps the range within the api's 2000 steps).
 */
export const ACTIVITY_WINDOWS = [
  { id: '1h', label: '1 hour', ms: 3_600_000, step: '10s' },
  { id: '1d', label: '1 day', ms: 86_400_000, step: '1m' },
  { id: '7d', label: '7 days', ms: 7 * 86_400_000, step: '1h' },
] as const;

/** TenantActivityPanelProps carry where to fetch from, who is looking, and what to do when the token is refused. */
export interface TenantActivityPanelProps {
  apiUrl: string;
  tenantId: string;
  token: string;
  roles: readonly string[] | undefined;
  onUnauthorized: () => void;
}

const LOADING = { kind: 'loading' } as const;

/** TenantActivityPanel shows a tenant's top failing routes, its rate-limit usage against its limits, and its incidents. */
export function TenantActivityPanel({
  apiUrl,
  tenantId,
  token,
  roles,
  onUnauthorized,
}: TenantActivityPanelProps) {
  const [windowId, setWindowId] = useState<(typeof ACTIVITY_WINDOWS)[number]['id']>('1h');
  const [routes, setRoutes] = useState<Loadable<TopFailingRoutes>>(LOADING);
  const [history, setHistory] = useState<Loadable<SlaHistory>>(LOADING);
  const [limits, setLimits] = useState<Loadable<TenantLimits>>(LOADING);
  const [incidents, setIncidents] = useState<Loadable<TenantIncidents>>(LOADING);
  const [now, setNow] = useState(() => Date.now());
  const tenantPath = `/v1/tenants/${encodeURIComponent(tenantId)}`;
  const win = ACTIVITY_WINDOWS.find((w) => w.id === windowId) ?? ACTIVITY_WINDOWS[0];

  useEffect(() => {
    const abort = new AbortController();
    const to = new Date();
    const params = new URLSearchParams({
      from: new Date(to.getTime() - win.ms).toISOString(),
      to: to.toISOString(),
      step: win.step,
    });
    setRoutes(LOADING);
    setHistory(LOADING);
    apiGet(apiUrl, `${tenantPath}/routes?window=${win.id}`, token, isTopFailingRoutes, abort.signal).then(
      (r) => setRoutes(toLoadable(r, onUnauthorized)),
      () => undefined,
    );
    apiGet(apiUrl, `${tenantPath}/sla/history?${params.toString()}`, token, isSlaHistory, abort.signal).then(
      (r) => setHistory(toLoadable(r, onUnauthorized)),
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, tenantPath, token, onUnauthorized, win]);

  useEffect(() => {
    const abort = new AbortController();
    apiGet(apiUrl, `${tenantPath}/limits`, token, isTenantLimits, abort.signal).then(
      (r) => setLimits(toLoadable(r, onUnauthorized)),
      () => undefined,
    );
    apiGet(apiUrl, `${tenantPath}/incidents?window=7d`, token, isTenantIncidents, abort.signal).then(
      (r) => {
        setIncidents(toLoadable(r, onUnauthorized));
        setNow(Date.now());
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, tenantPath, token, onUnauthorized]);

  return (
    <>
      <section aria-labelledby="traffic-title" className="panel-section" data-testid="tenant-traffic">
        <div className="section-bar">
          <h2 id="traffic-title">Failing routes and rate limits</h2>
          <label className="range-select">
            Window{' '}
            <select
              value={windowId}
              onChange={(e) => setWindowId(e.target.value as typeof windowId)}
              data-testid="activity-window"
            >
              {ACTIVITY_WINDOWS.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <h3 id="routes-title">Top failing routes</h3>
        <FailingRoutesTable routes={routes} windowLabel={win.label} />
        <h3 id="limits-title">Rate-limit usage against limits</h3>
        <RateLimitUsage limits={limits} history={history} windowLabel={win.label} />
      </section>
      <section aria-labelledby="incidents-title" className="panel-section" data-testid="tenant-incidents">
        <h2 id="incidents-title">Recent incidents</h2>
        <RecentIncidentsTable incidents={incidents} linkAlerts={canReadAlerts(roles)} now={now} />
      </section>
    </>
  );
}
