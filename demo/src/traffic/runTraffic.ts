import { Pool } from 'undici';
import type { DemoTenant } from '@sightline/contracts';
import { DEMO_TENANTS } from '@sightline/contracts';

/** TrafficOptions configures runTraffic. */
export interface TrafficOptions {
  gatewayUrl: string;
  /** Requests per second per tenant. */
  rps: number;
  /** Seconds to run; 0 runs until signal aborts. */
  durationS: number;
  tenants?: readonly DemoTenant[];
  signal?: AbortSignal;
  /** Requests in flight per tenant beyond which ticks are skipped, so a stuck gateway cannot pile up sockets. */
  maxInFlightPerTenant?: number;
  summaryIntervalMs?: number;
  /** Receives the periodic one-line summary (counts by status per tenant since the last one). */
  onSummary?: (line: string, counts: TrafficCounts) => void;
  /** How long in-flight requests may finish after the run ends before they are cancelled. */
  drainMs?: number;
}

/** TrafficCounts are response counts per tenant, keyed by HTTP status, `error` (no response) or `skipped`. */
export type TrafficCounts = Record<string, Record<string, number>>;

interface Route {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** TRAFFIC_ROUTES are the requests each tenant cycles through. */
export const TRAFFIC_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/api/orders' },
  { method: 'GET', path: '/api/users/42' },
  { method: 'POST', path: '/api/search', body: JSON.stringify({ q: 'blue widgets', limit: 10 }) },
];

/**
 * runTraffic sends each demo tenant's requests, with its demo API key, to the gateway at a steady rate until
 * the duration passes or the signal aborts, and resolves with the total counts once in-flight requests end.
 */
export async function runTraffic(options: TrafficOptions): Promise<TrafficCounts> {
  const tenants = options.tenants ?? DEMO_TENANTS;
  const maxInFlight = options.maxInFlightPerTenant ?? 20;
  const pool = new Pool(new URL(options.gatewayUrl).origin, {
    connections: Math.max(4, tenants.length * 4),
    keepAliveTimeout: 10_000,
  });
  const cancel = new AbortController();
  const totals: TrafficCounts = {};
  let interval: TrafficCounts = {};
  const inFlight = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  const count = (tenant: string, key: string) => {
    for (const c of [totals, interval]) {
      const t = (c[tenant] ??= {});
      t[key] = (t[key] ?? 0) + 1;
    }
  };

  const fire = (tenant: DemoTenant, route: Route) => {
    const n = inFlight.get(tenant.id) ?? 0;
    if (n >= maxInFlight) return count(tenant.id, 'skipped');
    inFlight.set(tenant.id, n + 1);
    const p = pool
      .request({
        method: route.method,
        path: route.path,
        headers: {
          'x-api-key': tenant.demoApiKey,
          ...(route.body ? { 'content-type': 'application/json' } : {}),
        },
        body: route.body,
        signal: cancel.signal,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      })
      .then(async (res) => {
        await res.body.dump();
        count(tenant.id, String(res.statusCode));
      })
      .catch(() => count(tenant.id, 'error'))
      .finally(() => {
        inFlight.set(tenant.id, (inFlight.get(tenant.id) ?? 1) - 1);
        pending.delete(p);
      });
    pending.add(p);
  };

  const tickers = tenants.map((tenant) => {
    let next = 0;
    return setInterval(
      () => fire(tenant, TRAFFIC_ROUTES[next++ % TRAFFIC_ROUTES.length]!),
      1000 / options.rps,
    );
  });
  const summary = setInterval(() => {
    options.onSummary?.(formatSummary(interval), interval);
    interval = {};
  }, options.summaryIntervalMs ?? 10_000);

  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    const timer = options.durationS > 0 ? setTimeout(resolve, options.durationS * 1000) : undefined;
    options.signal?.addEventListener(
      'abort',
      () => {
        if (timer) clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

  for (const t of tickers) clearInterval(t);
  clearInterval(summary);
  const drain = setTimeout(() => cancel.abort(), options.drainMs ?? 2_000);
  await Promise.all([...pending]);
  clearTimeout(drain);
  await pool.close();
  return totals;
}

/** formatSummary renders counts as one line, e.g. `acme 200=48 429=2 | globex 200=50`. */
export function formatSummary(counts: TrafficCounts): string {
  const parts = Object.entries(counts).map(
    ([tenant, byStatus]) =>
      `${tenant} ${Object.entries(byStatus)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, n]) => `${status}=${n}`)
        .join(' ')}`,
  );
  return parts.length ? parts.join(' | ') : 'no requests';
}
