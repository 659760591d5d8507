'use client';

import type { SlaSnapshot, Tenant } from '@sightline/contracts';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { apiGet } from '../lib/apiGet';
import { isServiceList } from '../lib/apiShapes';
import { fetchTenants } from '../lib/fetchTenants';
import { formatAvailability, formatBudget, formatClock, formatCount, formatMs } from '../lib/format';
import { isAuthError } from '../lib/isAuthError';
import { exploreHref } from '../lib/logQuery';
import { parseSlaUpdate } from '../lib/parseSlaUpdate';
import { canReadLogs } from '../lib/roles';
import { applySlaUpdate, type SlaState } from '../lib/slaStore';
import { SLA_WINDOWS } from '../lib/slaWindows';
import { STATUS_LABEL, tileStatus } from '../lib/status';
import { useSession } from '../lib/useSession';
import { TenantActivityPanel } from './TenantActivityPanel';
import { TenantSloPanel } from './TenantSloPanel';

/** SLA_UPDATE_EVENT mirrors SOCKET_EVENTS.slaUpdate in @sightline/contracts (a value import would bundle zod). */
const SLA_UPDATE_EVENT = 'sla:update';

/** TenantDetailProps carry the api base URL and the tenant id from the route. */
export interface TenantDetailProps {
  apiUrl: string;
  tenantId: string;
}

function isSnapshot(v: unknown): v is SlaSnapshot {
  return (
    parseSlaUpdate({ tenantId: (v as SlaSnapshot | null)?.tenantId, snapshots: [v] })?.snapshots.length === 1
  );
}

/**
 * TenantDetail shows one tenant: its current SLA for every window (REST first, then live), its history, SLOs
 * and firing alerts, its failing routes, rate-limit usage and recent incidents, and its services.
 */
export function TenantDetail({ apiUrl, tenantId }: TenantDetailProps) {
  const { session, signOut } = useSession();
  const [tenant, setTenant] = useState<Tenant | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [sla, setSla] = useState<SlaState>({});
  const [services, setServices] = useState<{ service: string; lastSeen: string }[] | null>(null);

  useEffect(() => {
    if (session === null) return;
    const abort = new AbortController();
    fetchTenants(apiUrl, session.token, abort.signal).then(
      (r) => {
        if (r.kind === 'unauthorized') signOut();
        else if (r.kind === 'error') setError(r.message);
        else setTenant(r.tenants.find((t) => t.id === tenantId) ?? null);
      },
      () => undefined,
    );
    for (const w of SLA_WINDOWS) {
      apiGet(
        apiUrl,
        `/v1/tenants/${encodeURIComponent(tenantId)}/sla?window=${w}`,
        session.token,
        isSnapshot,
        abort.signal,
      ).then(
        (r) => {
          if (r.kind === 'ok')
            setSla((s) => applySlaUpdate(s, { tenantId, snapshots: [r.body] }, Date.now()));
        },
        () => undefined,
      );
    }
    apiGet(
      apiUrl,
      `/v1/tenants/${encodeURIComponent(tenantId)}/services`,
      session.token,
      isServiceList,
      abort.signal,
    ).then(
      (r) => setServices(r.kind === 'ok' ? r.body.services : []),
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, tenantId, session, signOut]);

  useEffect(() => {
    if (session === null) return;
    const socket = io(apiUrl, { auth: { token: session.token }, transports: ['websocket', 'polling'] });
    socket.on('connect_error', (err) => {
      if (isAuthError(err)) signOut();
    });
    socket.on(SLA_UPDATE_EVENT, (payload: unknown) => {
      const event = parseSlaUpdate(payload);
      if (event !== null && event.tenantId === tenantId) setSla((s) => applySlaUpdate(s, event, Date.now()));
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [apiUrl, tenantId, session, signOut]);

  const windows = sla[tenantId] ?? {};
  const title = tenant?.name ?? tenantId;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">SLA board</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{title}</span>
      </nav>
      <div className="page-bar">
        <h1 className="page-title" data-testid="tenant-title">
          {title}
        </h1>
        {tenant ? <span className={`tier tier-${tenant.tier}`}>{tenant.tier}</span> : null}
        {canReadLogs(session?.user?.roles) ? (
          <Link
            className="button-quiet"
            href={exploreHref({ tenant: tenantId })}
            data-testid="tenant-logs-link"
          >
            Search this tenant&apos;s logs
          </Link>
        ) : null}
      </div>
      {error !== null ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      {tenant === null ? (
        <p className="alert" role="alert" data-testid="tenant-missing">
          This tenant does not exist, or your account may not see it.
        </p>
      ) : null}
      <section aria-labelledby="sla-title">
        <h2 id="sla-title">Current SLA</h2>
        <div className="table-scroll">
          <table className="sla-table" data-testid="tenant-sla">
            <caption className="visually-hidden">SLA of {title} per window, updated live</caption>
            <thead>
              <tr>
                <th scope="col">Window</th>
                <th scope="col">Status</th>
                <th scope="col">Availability</th>
                <th scope="col">Objective</th>
                <th scope="col">Budget left</th>
                <th scope="col">p50</th>
                <th scope="col">p95</th>
                <th scope="col">p99</th>
                <th scope="col">Requests</th>
                <th scope="col">5xx</th>
                <th scope="col">429</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {SLA_WINDOWS.map((w) => {
                const s = windows[w]?.snapshot;
                const status = tileStatus(s);
                return (
                  <tr key={w} data-testid={`tenant-sla-${w}`} data-status={status}>
                    <th scope="row">{w}</th>
                    <td>{STATUS_LABEL[status]}</td>
                    <td data-testid={`tenant-availability-${w}`}>{formatAvailability(s?.availability)}</td>
                    <td>{formatAvailability(s?.objective)}</td>
                    <td>{formatBudget(s?.errorBudgetRemaining)}</td>
                    <td>{formatMs(s?.latencyMs.p50)}</td>
                    <td>{formatMs(s?.latencyMs.p95)}</td>
                    <td>{formatMs(s?.latencyMs.p99)}</td>
                    <td>{formatCount(s?.requests)}</td>
                    <td>{formatCount(s?.errors)}</td>
                    <td>{formatCount(s?.rateLimited)}</td>
                    <td>{formatClock(s?.updatedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {session !== null ? (
        <TenantSloPanel apiUrl={apiUrl} tenantId={tenantId} token={session.token} onUnauthorized={signOut} />
      ) : null}
      {session !== null ? (
        <TenantActivityPanel
          apiUrl={apiUrl}
          tenantId={tenantId}
          token={session.token}
          roles={session.user?.roles}
          onUnauthorized={signOut}
        />
      ) : null}
      <section aria-labelledby="services-title">
        <h2 id="services-title">Services</h2>
        {services === null ? (
          <p className="board-note">Loading services…</p>
        ) : services.length === 0 ? (
          <p className="board-note">No service of this tenant has sent signals.</p>
        ) : (
          <ul className="service-list" data-testid="tenant-services">
            {services.map((s) => (
              <li key={s.service}>
                {s.service} <span className="board-note">· last seen {formatClock(s.lastSeen)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
