'use client';

import type { LogView, Tenant } from '@sightline/contracts';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { apiGet } from '../lib/apiGet';
import { isLogPage, isServiceList } from '../lib/apiShapes';
import { fetchTenants } from '../lib/fetchTenants';
import {
  exploreHref,
  isoToLocalInput,
  localInputToIso,
  logQueryFromParams,
  logQueryToParams,
  SEVERITIES,
  type LogQuery,
} from '../lib/logQuery';
import { canReadLogs } from '../lib/roles';
import { useSession } from '../lib/useSession';
import { LogList } from './LogList';

/** PAGE_SIZE is how many lines one search or "Load more" fetches. */
const PAGE_SIZE = 50;

/** LogExplorerProps carry the api base URL, read on the server at request time. */
export interface LogExplorerProps {
  apiUrl: string;
}

type Results =
  | { kind: 'idle'; message: string }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | {
      kind: 'ok';
      logs: LogView[];
      nextCursor: string | null;
      loadingMore: boolean;
      moreError: string | null;
    };

/** LogExplorer searches logs by tenant, service, severity, text and time; the URL holds the search. */
export function LogExplorer({ apiUrl }: LogExplorerProps) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const search = logQueryToParams(logQueryFromParams(searchParams ?? new URLSearchParams())).toString();
  const { session, signOut } = useSession();
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [results, setResults] = useState<Results>({ kind: 'loading' });
  const allowed = session === null || session.user === null || canReadLogs(session.user.roles);

  useEffect(() => {
    if (session === null) return;
    const abort = new AbortController();
    fetchTenants(apiUrl, session.token, abort.signal).then(
      (r) => {
        if (r.kind === 'unauthorized') signOut();
        else if (r.kind === 'ok') setTenants(r.tenants);
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, session, signOut]);

  const query = logQueryFromParams(new URLSearchParams(search));
  const tenant = query.tenant ?? session?.user?.tenantId ?? undefined;

  useEffect(() => {
    if (session === null || !allowed) return;
    const q = logQueryFromParams(new URLSearchParams(search));
    const t = q.tenant ?? session.user?.tenantId ?? undefined;
    if (t === undefined) {
      setResults({ kind: 'idle', message: 'Pick a tenant, then search.' });
      return;
    }
    const abort = new AbortController();
    setResults({ kind: 'loading' });
    const params = logQueryToParams({ ...q, tenant: t });
    params.set('limit', String(PAGE_SIZE));
    apiGet(apiUrl, `/v1/logs?${params.toString()}`, session.token, isLogPage, abort.signal).then(
      (r) => {
        if (r.kind === 'unauthorized') signOut();
        else if (r.kind === 'ok')
          setResults({
            kind: 'ok',
            logs: r.body.logs,
            nextCursor: r.body.nextCursor,
            loadingMore: false,
            moreError: null,
          });
        else setResults({ kind: 'error', message: r.message });
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, session, search, allowed, signOut]);

  async function loadMore() {
    if (session === null || results.kind !== 'ok' || results.nextCursor === null || tenant === undefined)
      return;
    const cursor = results.nextCursor;
    setResults({ ...results, loadingMore: true, moreError: null });
    const params = logQueryToParams({ ...query, tenant });
    params.set('limit', String(PAGE_SIZE));
    params.set('cursor', cursor);
    const r = await apiGet(apiUrl, `/v1/logs?${params.toString()}`, session.token, isLogPage);
    if (r.kind === 'unauthorized') return signOut();
    setResults((prev) => {
      if (prev.kind !== 'ok' || prev.nextCursor !== cursor) return prev;
      if (r.kind !== 'ok') return { ...prev, loadingMore: false, moreError: r.message };
      return {
        kind: 'ok',
        logs: [...prev.logs, ...r.body.logs],
        nextCursor: r.body.nextCursor,
        loadingMore: false,
        moreError: null,
      };
    });
  }

  if (!allowed) {
    return (
      <>
        <h1 className="page-title">Log explorer</h1>
        <p className="alert" role="alert">
          Your role cannot search logs. Ask a tenant admin for the developer role.
        </p>
      </>
    );
  }

  return (
    <>
      <h1 className="page-title">Log explorer</h1>
      <ExplorerForm
        key={search}
        apiUrl={apiUrl}
        token={session?.token ?? null}
        initial={query}
        tenants={tenants}
        defaultTenant={tenant}
        onSearch={(q) => router.push(exploreHref(q))}
      />
      <section
        className="explore-results"
        aria-labelledby="results-title"
        aria-busy={results.kind === 'loading'}
      >
        <h2 id="results-title" className="visually-hidden">
          Results
        </h2>
        <p className="explore-status" role="status" data-testid="explore-status">
          {results.kind === 'loading'
            ? 'Searching…'
            : results.kind === 'idle'
              ? results.message
              : results.kind === 'ok'
                ? results.logs.length === 0
                  ? 'No log lines match.'
                  : `${results.logs.length} line${results.logs.length === 1 ? '' : 's'}${results.nextCursor === null ? '' : ', more available'}`
                : ''}
        </p>
        {results.kind === 'error' ? (
          <p className="alert" role="alert">
            {results.message}
          </p>
        ) : null}
        {results.kind === 'ok' ? (
          <>
            <LogList logs={results.logs} label="Matching log lines, newest first" />
            {results.moreError !== null ? (
              <p className="alert" role="alert">
                {results.moreError}
              </p>
            ) : null}
            {results.nextCursor !== null ? (
              <button
                type="button"
                className="button-quiet load-more"
                data-testid="load-more"
                disabled={results.loadingMore}
                onClick={() => void loadMore()}
              >
                {results.loadingMore ? 'Loading…' : 'Load more'}
              </button>
            ) : null}
          </>
        ) : null}
      </section>
    </>
  );
}

interface ExplorerFormProps {
  apiUrl: string;
  token: string | null;
  initial: LogQuery;
  tenants: Tenant[];
  defaultTenant: string | undefined;
  onSearch: (query: LogQuery) => void;
}

// Remounted (by key) whenever the URL's search changes, so the fields always show the search that ran.
function ExplorerForm({ apiUrl, token, initial, tenants, defaultTenant, onSearch }: ExplorerFormProps) {
  const [tenant, setTenant] = useState(initial.tenant ?? defaultTenant ?? '');
  const [services, setServices] = useState<string[]>([]);

  useEffect(() => {
    if (token === null || tenant === '') return;
    const abort = new AbortController();
    apiGet(
      apiUrl,
      `/v1/tenants/${encodeURIComponent(tenant)}/services`,
      token,
      isServiceList,
      abort.signal,
    ).then(
      (r) => setServices(r.kind === 'ok' ? r.body.services.map((s) => s.service) : []),
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, token, tenant]);

  const serviceOptions =
    initial.service !== undefined && !services.includes(initial.service)
      ? [initial.service, ...services]
      : services;
  const tenantOptions =
    tenants.some((t) => t.id === tenant) || tenant === ''
      ? tenants
      : [{ id: tenant, name: tenant }, ...tenants];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const v = String(form.get(name) ?? '').trim();
      return v === '' ? undefined : v;
    };
    const next: LogQuery = {};
    const fields: Partial<LogQuery> = {
      tenant: text('tenant'),
      service: text('service'),
      severity: text('severity'),
      q: text('q'),
      from: localInputToIso(String(form.get('from') ?? '')),
      to: localInputToIso(String(form.get('to') ?? '')),
      traceId: text('traceId')?.toLowerCase(),
    };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) next[k as keyof LogQuery] = v;
    onSearch(next);
  }

  return (
    <form
      className="explore-form"
      data-testid="explore-form"
      onSubmit={onSubmit}
      role="search"
      aria-label="Log search"
    >
      <div className="field">
        <label htmlFor="explore-tenant">Tenant</label>
        <select
          id="explore-tenant"
          name="tenant"
          data-testid="explore-tenant"
          value={tenant}
          onChange={(e) => setTenant(e.target.value)}
          required
        >
          <option value="">Choose a tenant</option>
          {tenantOptions.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="explore-service">Service</label>
        <select
          id="explore-service"
          name="service"
          data-testid="explore-service"
          defaultValue={initial.service ?? ''}
        >
          <option value="">Any service</option>
          {serviceOptions.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="explore-severity">Minimum severity</label>
        <select
          id="explore-severity"
          name="severity"
          data-testid="explore-severity"
          defaultValue={initial.severity ?? ''}
        >
          <option value="">Any</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-wide">
        <label htmlFor="explore-text">Text</label>
        <input
          id="explore-text"
          name="q"
          type="search"
          data-testid="explore-text"
          maxLength={500}
          defaultValue={initial.q ?? ''}
        />
      </div>
      <div className="field">
        <label htmlFor="explore-from">From</label>
        <input
          id="explore-from"
          name="from"
          type="datetime-local"
          step={1}
          data-testid="explore-from"
          defaultValue={isoToLocalInput(initial.from)}
          aria-describedby="explore-time-hint"
        />
      </div>
      <div className="field">
        <label htmlFor="explore-to">To</label>
        <input
          id="explore-to"
          name="to"
          type="datetime-local"
          step={1}
          data-testid="explore-to"
          defaultValue={isoToLocalInput(initial.to)}
          aria-describedby="explore-time-hint"
        />
      </div>
      <div className="field">
        <label htmlFor="explore-trace">Trace id</label>
        <input
          id="explore-trace"
          name="traceId"
          data-testid="explore-trace"
          pattern="[0-9a-fA-F]{32}"
          maxLength={32}
          spellCheck={false}
          defaultValue={initial.traceId ?? ''}
          title="32 hex digits"
        />
      </div>
      <p id="explore-time-hint" className="field-hint">
        Your local time; an empty range means the last hour.
      </p>
      <button type="submit" className="button-primary" data-testid="explore-submit">
        Search
      </button>
    </form>
  );
}
