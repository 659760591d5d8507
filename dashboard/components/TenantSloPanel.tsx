'use client';

import { useEffect, useState } from 'react';
import { apiGet } from '../lib/apiGet';
import { periodRange } from '../lib/budgetBurnDown';
import { firingAlerts } from '../lib/firingAlerts';
import type { FiringAlertRow } from '../lib/firingAlerts';
import { formatBudget, formatDateTime } from '../lib/format';
import type { Loadable } from '../lib/Loadable';
import { isSlaHistory, isSloHistory, isTenantSloStatus } from '../lib/sloApiShapes';
import type { SlaHistory, SloHistory, TenantSloStatus } from '../lib/sloApiShapes';
import { toLoadable } from '../lib/toLoadable';
import { BudgetBurnDownChart } from './BudgetBurnDownChart';
import { BurnRateChart } from './BurnRateChart';
import { FiringAlertList } from './FiringAlertList';
import { SlaHistoryCharts } from './SlaHistoryCharts';

/** HISTORY_RANGES are the ranges the availability and latency charts offer, each with a step that keeps them light. */
export const HISTORY_RANGES = [
  { id: '1h', label: '1 hour', ms: 3_600_000, step: '1m' },
  { id: '6h', label: '6 hours', ms: 6 * 3_600_000, step: '5m' },
  { id: '24h', label: '24 hours', ms: 86_400_000, step: '5m' },
  { id: '7d', label: '7 days', ms: 7 * 86_400_000, step: '1h' },
] as const;

/** TenantSloPanelProps carry where to fetch from and what to do when the token is refused. */
export interface TenantSloPanelProps {
  apiUrl: string;
  tenantId: string;
  token: string;
  onUnauthorized: () => void;
}

const LOADING = { kind: 'loading' } as const;

/** TenantSloPanel shows a tenant's availability and latency over time, its SLO budgets, burn rates and firing alerts. */
export function TenantSloPanel({ apiUrl, tenantId, token, onUnauthorized }: TenantSloPanelProps) {
  const [rangeId, setRangeId] = useState<(typeof HISTORY_RANGES)[number]['id']>('6h');
  const [sla, setSla] = useState<Loadable<SlaHistory>>(LOADING);
  const [slos, setSlos] = useState<Loadable<TenantSloStatus>>(LOADING);
  const [budgets, setBudgets] = useState<Record<string, Loadable<SloHistory>>>({});
  const tenantPath = `/v1/tenants/${encodeURIComponent(tenantId)}`;

  useEffect(() => {
    const abort = new AbortController();
    const range = HISTORY_RANGES.find((r) => r.id === rangeId) ?? HISTORY_RANGES[1];
    const to = new Date();
    const params = new URLSearchParams({
      from: new Date(to.getTime() - range.ms).toISOString(),
      to: to.toISOString(),
      step: range.step,
    });
    setSla(LOADING);
    apiGet(apiUrl, `${tenantPath}/sla/history?${params.toString()}`, token, isSlaHistory, abort.signal).then(
      (r) => setSla(toLoadable(r, onUnauthorized)),
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, tenantPath, token, onUnauthorized, rangeId]);

  useEffect(() => {
    const abort = new AbortController();
    apiGet(apiUrl, `${tenantPath}/slos`, token, isTenantSloStatus, abort.signal).then(
      (r) => {
        const loaded = toLoadable(r, onUnauthorized);
        setSlos(loaded);
        if (loaded.kind !== 'ok') return;
        for (const s of loaded.body.slos) {
          const params = new URLSearchParams(periodRange(s.period, new Date()));
          apiGet(
            apiUrl,
            `${tenantPath}/slos/${encodeURIComponent(s.slo)}/history?${params.toString()}`,
            token,
            isSloHistory,
            abort.signal,
          ).then(
            (h) => setBudgets((b) => ({ ...b, [s.slo]: toLoadable(h, onUnauthorized) })),
            () => undefined,
          );
        }
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, tenantPath, token, onUnauthorized]);

  const alerts: Loadable<FiringAlertRow[]> =
    slos.kind === 'ok' ? { kind: 'ok', body: firingAlerts(slos.body) } : slos;

  return (
    <>
      <section aria-labelledby="history-title" className="panel-section">
        <div className="section-bar">
          <h2 id="history-title">Availability and latency over time</h2>
          <label className="range-select">
            Range{' '}
            <select
              value={rangeId}
              onChange={(e) => setRangeId(e.target.value as typeof rangeId)}
              data-testid="history-range"
            >
              {HISTORY_RANGES.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <SlaHistoryCharts history={sla} />
      </section>
      <section aria-labelledby="alerts-title" className="panel-section">
        <h2 id="alerts-title">Firing SLO alerts</h2>
        <FiringAlertList alerts={alerts} />
      </section>
      <section aria-labelledby="slos-title" className="panel-section" data-testid="tenant-slos">
        <h2 id="slos-title">SLOs</h2>
        {slos.kind === 'loading' ? (
          <p className="board-note" role="status">
            Loading SLOs…
          </p>
        ) : slos.kind === 'error' ? (
          <p className="alert" role="alert" data-testid="slos-error">
            {slos.message}
          </p>
        ) : slos.body.slos.length === 0 ? (
          <p className="board-note" data-testid="slos-empty">
            This tenant has no SLOs defined.
          </p>
        ) : (
          slos.body.slos.map((s) => (
            <article key={s.slo} className="slo-card" data-testid={`slo-${s.slo}`}>
              <h3>
                {s.slo}{' '}
                <span className="board-note">
                  · objective {(s.objective * 100).toFixed(2)}% over {s.period}
                </span>
              </h3>
              <p className="board-note">
                {s.description ? `${s.description}. ` : ''}Budget left {formatBudget(s.errorBudgetRemaining)}
                {s.timeToExhaustionSeconds !== null
                  ? ` · spent by ${formatDateTime(Date.now() + s.timeToExhaustionSeconds * 1000)} at the current burn`
                  : ''}
                {slos.body.evaluatedAt
                  ? ` · evaluated ${formatDateTime(slos.body.evaluatedAt)}`
                  : ' · not evaluated yet'}
              </p>
              <div className="chart-grid">
                <BudgetBurnDownChart slo={s.slo} period={s.period} history={budgets[s.slo] ?? LOADING} />
                <BurnRateChart slo={s} />
              </div>
            </article>
          ))
        )}
      </section>
    </>
  );
}
