'use client';

import type { Tenant } from '@sightline/contracts';
import { useCallback, useEffect, useState } from 'react';
import { apiGet } from '../lib/apiGet';
import { fetchTenants } from '../lib/fetchTenants';
import type { Loadable } from '../lib/Loadable';
import { EXECUTIVE_TENANT, isReportList, type Report } from '../lib/reportApiShapes';
import { reportAccess } from '../lib/reportAccess';
import { reportListPath } from '../lib/reportListPath';
import { toLoadable } from '../lib/toLoadable';
import { POLL_INTERVAL_MS, usePolling } from '../lib/usePolling';
import { useSession } from '../lib/useSession';
import { GenerateReportForm } from './GenerateReportForm';
import { ReportArchiveTable } from './ReportArchiveTable';
import { ReportRecipientsEditor } from './ReportRecipientsEditor';

/** ReportCenterProps carry the api base URL, read on the server at request time. */
export interface ReportCenterProps {
  apiUrl: string;
  /** jobPollMs is how often a generating job is followed; one second unless a test shortens it. */
  jobPollMs?: number;
}

type KindFilter = '' | 'tenant' | 'executive';

/**
 * ReportCenter is the reports page: the archive of weekly SLA reports (filtered by tenant and kind, refreshed while
 * jobs run), a form that generates a report and follows its progress, and, for tenant admins and platform super
 * admins, who receives the reports by e-mail.
 */
export function ReportCenter({ apiUrl, jobPollMs }: ReportCenterProps) {
  const { session, signOut } = useSession();
  const access = reportAccess(session?.user ?? null);
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [tenantFilter, setTenantFilter] = useState('');
  const [kindFilter, setKindFilter] = useState<KindFilter>('');
  const [reports, setReports] = useState<Loadable<Report[]>>({ kind: 'loading' });
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const { ownTenant, platform } = access;

  useEffect(() => {
    if (session === null || !access.read) return;
    const abort = new AbortController();
    fetchTenants(apiUrl, session.token, abort.signal).then(
      (r) => {
        if (r.kind === 'unauthorized') return signOut();
        // The api already lists only the tenants the token sees; a tenant reader is narrowed again to be sure.
        if (r.kind === 'ok')
          setTenants(
            platform || ownTenant === null ? r.tenants : r.tenants.filter((t) => t.id === ownTenant),
          );
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, session, access.read, platform, ownTenant, signOut]);

  usePolling(
    async (signal) => {
      if (session === null) return;
      const r = await apiGet(
        apiUrl,
        reportListPath(tenantFilter, kindFilter),
        session.token,
        isReportList,
        signal,
      );
      const next = toLoadable(r, signOut, (b) => b.reports);
      // A failed refresh keeps the list on screen.
      setReports((prev) => (next.kind === 'error' && prev.kind === 'ok' ? prev : next));
    },
    session !== null && access.read,
    `${session?.token ?? ''}|${tenantFilter}|${kindFilter}|${version}`,
    POLL_INTERVAL_MS,
  );

  const tenantName = useCallback(
    (id: string) =>
      id === EXECUTIVE_TENANT ? 'All tenants' : (tenants.find((t) => t.id === id)?.name ?? id),
    [tenants],
  );

  if (!access.read) {
    return (
      <>
        <h1 className="page-title">Weekly SLA reports</h1>
        <p className="alert" role="alert">
          Your role cannot see reports. Executives, tenant admins, SREs and super admins can.
        </p>
      </>
    );
  }

  const list = reports.kind === 'ok' ? reports.body : [];
  const running = list.filter((r) => r.status === 'queued' || r.status === 'running').length;

  return (
    <>
      <h1 className="page-title">Weekly SLA reports</h1>
      <div className="reports-layout">
        <section aria-labelledby="archive-title" aria-busy={reports.kind === 'loading'}>
          <h2 id="archive-title">Archive</h2>
          <div className="report-filters" role="group" aria-label="Filter reports">
            {platform || tenants.length > 1 ? (
              <div className="field">
                <label htmlFor="report-filter-tenant">Tenant</label>
                <select
                  id="report-filter-tenant"
                  value={tenantFilter}
                  onChange={(e) => setTenantFilter(e.target.value)}
                >
                  <option value="">All tenants</option>
                  {tenants.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="report-filter-kind">Kind</label>
              <select
                id="report-filter-kind"
                value={kindFilter}
                onChange={(e) => setKindFilter(e.target.value as KindFilter)}
              >
                <option value="">{platform ? 'All reports' : 'Tenant reports'}</option>
                {platform ? (
                  <>
                    <option value="tenant">Tenant reports</option>
                    <option value="executive">Executive summaries</option>
                  </>
                ) : null}
              </select>
            </div>
          </div>
          <p className="explore-status" role="status" data-testid="reports-status">
            {reports.kind === 'loading'
              ? 'Loading reports…'
              : reports.kind === 'ok'
                ? list.length === 0
                  ? 'No report matches.'
                  : `${list.length} report${list.length === 1 ? '' : 's'}${running > 0 ? `, ${running} being generated` : ''}`
                : ''}
          </p>
          {reports.kind === 'error' ? (
            <p className="alert" role="alert">
              {reports.message}
            </p>
          ) : null}
          {session !== null && list.length > 0 ? (
            <ReportArchiveTable
              reports={list}
              apiUrl={apiUrl}
              token={session.token}
              tenantName={tenantName}
              timeZoneOf={(id) => tenants.find((t) => t.id === id)?.timezone}
              onUnauthorized={signOut}
            />
          ) : null}
        </section>
        {session !== null ? (
          <GenerateReportForm
            apiUrl={apiUrl}
            token={session.token}
            tenants={tenants}
            platform={platform}
            tenantName={tenantName}
            onFinished={refresh}
            onUnauthorized={signOut}
            {...(jobPollMs === undefined ? {} : { pollMs: jobPollMs })}
          />
        ) : null}
        {session !== null && access.recipients !== 'none' ? (
          <ReportRecipientsEditor
            apiUrl={apiUrl}
            token={session.token}
            scope={access.recipients}
            ownTenant={ownTenant}
            tenants={tenants}
            onUnauthorized={signOut}
          />
        ) : null}
      </div>
    </>
  );
}
