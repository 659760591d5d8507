'use client';

import type { Tenant } from '@sightline/contracts';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AlertGroup, GroupAlert } from '../lib/alertApiShapes';
import { isAlertGroupDetail, isAlertGroupList } from '../lib/alertApiShapes';
import {
  ALERT_STATE_FILTERS,
  alertGroupsPath,
  alertQueryFromParams,
  alertQueryToParams,
  alertsHref,
  type AlertQuery,
} from '../lib/alertQuery';
import { apiGet } from '../lib/apiGet';
import { formatClock } from '../lib/format';
import { fetchTenants } from '../lib/fetchTenants';
import { groupDisplayState } from '../lib/groupDisplayState';
import { groupSummary, type GroupSummary } from '../lib/groupSummary';
import { canReadAlerts } from '../lib/roles';
import { sortAlertGroups } from '../lib/sortAlertGroups';
import { POLL_INTERVAL_MS, usePolling } from '../lib/usePolling';
import { useSession } from '../lib/useSession';
import { AlertGroupTable } from './AlertGroupTable';

/** SUMMARY_LIMIT is how many groups, from the top of the list, get their alerts loaded for a title and start time. */
const SUMMARY_LIMIT = 30;

/** SEVERITY_CHOICES are the severities offered in the filter: Sightline's own, then common Prometheus ones. */
const SEVERITY_CHOICES = ['page', 'ticket', 'critical', 'warning', 'info'];

/** AlertGroupListProps carry the api base URL, read on the server at request time. */
export interface AlertGroupListProps {
  apiUrl: string;
  /** refreshMs is how often the list refreshes (5 s). */
  refreshMs?: number;
}

type ListState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ok'; groups: AlertGroup[]; refreshedAt: number; problem: string | null };

// A group's alerts, as of the group's updatedAt: loaded again only when the group changes.
type AlertCache = ReadonlyMap<number, { updatedAt: string; alerts: GroupAlert[] }>;

/**
 * AlertGroupList is the on-call engineer's list of alert groups, open ones first, filtered by tenant, state and
 * severity through the URL, refreshed every few seconds. The api's group list carries no summary or start time, so
 * the alerts of the groups at the top are loaded too, once per change of each group.
 */
export function AlertGroupList({ apiUrl, refreshMs = POLL_INTERVAL_MS }: AlertGroupListProps) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const query = alertQueryFromParams(searchParams ?? new URLSearchParams());
  const search = alertQueryToParams(query).toString();
  const { session, signOut } = useSession();
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [alerts, setAlerts] = useState<AlertCache>(new Map());
  const cache = useRef<AlertCache>(alerts);
  const allowed = session === null || session.user === null || canReadAlerts(session.user.roles);
  const platformUser = session?.user?.tenantId === null;

  useEffect(() => {
    if (session === null || !platformUser) return;
    const abort = new AbortController();
    fetchTenants(apiUrl, session.token, abort.signal).then(
      (r) => {
        if (r.kind === 'ok') setTenants(r.tenants);
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, session, platformUser]);

  usePolling(
    async (signal) => {
      if (session === null) return;
      const q = alertQueryFromParams(new URLSearchParams(search));
      const r = await apiGet(apiUrl, alertGroupsPath(q), session.token, isAlertGroupList, signal);
      if (r.kind === 'unauthorized') return signOut();
      if (r.kind !== 'ok') {
        // Keep showing the last list while a refresh fails; say so beside it.
        setList((prev) =>
          prev.kind === 'ok' ? { ...prev, problem: r.message } : { kind: 'error', message: r.message },
        );
        return;
      }
      const groups = r.body.groups;
      setList({ kind: 'ok', groups, refreshedAt: Date.now(), problem: null });
      // Forget groups that left the list, so a long-open page does not keep every group it ever showed.
      const listed = new Set(groups.map((g) => g.id));
      if ([...cache.current.keys()].some((id) => !listed.has(id))) {
        cache.current = new Map([...cache.current].filter(([id]) => listed.has(id)));
        setAlerts(cache.current);
      }
      const stale = sortAlertGroups(groups)
        .slice(0, SUMMARY_LIMIT)
        .filter((g) => cache.current.get(g.id)?.updatedAt !== g.updatedAt);
      for (const g of stale) {
        const d = await apiGet(apiUrl, `/v1/alert-groups/${g.id}`, session.token, isAlertGroupDetail, signal);
        if (d.kind !== 'ok') continue;
        const next = new Map(cache.current);
        next.set(g.id, { updatedAt: g.updatedAt, alerts: d.body.alerts });
        cache.current = next;
        setAlerts(next);
      }
    },
    session !== null && allowed,
    `${search}|${session?.token ?? ''}`,
    refreshMs,
  );

  if (!allowed) {
    return (
      <>
        <h1 className="page-title">Alerts</h1>
        <p className="alert" role="alert">
          Your role cannot see alerts. Ask a tenant admin for the developer role.
        </p>
      </>
    );
  }

  const groups = list.kind === 'ok' ? list.groups : [];
  const summaries = new Map<number, GroupSummary>(
    groups.map((g) => [g.id, groupSummary(g, alerts.get(g.id)?.alerts)]),
  );
  const sorted = sortAlertGroups(groups, (g) => summaries.get(g.id)?.severity ?? null);
  const open = groups.filter((g) => g.state !== 'resolved').length;
  const unacked = groups.filter((g) => groupDisplayState(g) === 'firing').length;

  return (
    <>
      <div className="page-bar">
        <h1 className="page-title">Alerts</h1>
        {list.kind === 'ok' ? (
          <span className="board-note" data-testid="alerts-refreshed">
            Refreshed {formatClock(new Date(list.refreshedAt).toISOString())} · every{' '}
            {Math.round(refreshMs / 1000)} s
          </span>
        ) : null}
      </div>
      <AlertFilters
        key={search}
        initial={query}
        tenants={tenants}
        showTenant={platformUser}
        onApply={(q) => router.push(alertsHref(q))}
      />
      <section
        className="alerts-results"
        aria-labelledby="alerts-results-title"
        aria-busy={list.kind === 'loading'}
      >
        <h2 id="alerts-results-title" className="visually-hidden">
          Alert groups
        </h2>
        <p className="explore-status" role="status" data-testid="alerts-status">
          {list.kind === 'loading'
            ? 'Loading alert groups…'
            : list.kind === 'ok'
              ? groups.length === 0
                ? 'No alert group matches.'
                : `${groups.length} group${groups.length === 1 ? '' : 's'}: ${open} open, ${unacked} firing and unacknowledged`
              : ''}
        </p>
        {list.kind === 'error' ? (
          <p className="alert" role="alert" data-testid="alerts-error">
            {list.message}
          </p>
        ) : null}
        {list.kind === 'ok' && list.problem !== null ? (
          <p className="alert" role="alert" data-testid="alerts-error">
            Could not refresh: {list.problem}. Showing the list from{' '}
            {formatClock(new Date(list.refreshedAt).toISOString())}.
          </p>
        ) : null}
        {sorted.length > 0 ? (
          <AlertGroupTable
            groups={sorted}
            summaries={summaries}
            now={list.kind === 'ok' ? list.refreshedAt : 0}
          />
        ) : null}
      </section>
    </>
  );
}

interface AlertFiltersProps {
  initial: AlertQuery;
  tenants: Tenant[];
  showTenant: boolean;
  onApply: (query: AlertQuery) => void;
}

const STATE_WORDS: Record<string, string> = {
  open: 'Open (not resolved)',
  firing: 'Firing, not acknowledged',
  acknowledged: 'Acknowledged',
  pending: 'Pending',
  resolved: 'Resolved',
};

// Remounted (by key) whenever the URL's filter changes, so the fields always show the filter in force.
function AlertFilters({ initial, tenants, showTenant, onApply }: AlertFiltersProps) {
  const tenantOptions =
    initial.tenant === undefined || tenants.some((t) => t.id === initial.tenant)
      ? tenants
      : [{ id: initial.tenant, name: initial.tenant }, ...tenants];
  const severityOptions =
    initial.severity === undefined || SEVERITY_CHOICES.includes(initial.severity)
      ? SEVERITY_CHOICES
      : [initial.severity, ...SEVERITY_CHOICES];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply(
      alertQueryFromParams({
        get: (name) => {
          const v = form.get(name);
          return typeof v === 'string' ? v : null;
        },
      }),
    );
  }

  return (
    <form
      className="explore-form"
      data-testid="alert-filters"
      onSubmit={onSubmit}
      role="search"
      aria-label="Filter alerts"
    >
      {showTenant ? (
        <div className="field">
          <label htmlFor="alerts-tenant">Tenant</label>
          <select
            id="alerts-tenant"
            name="tenant"
            data-testid="alerts-tenant"
            defaultValue={initial.tenant ?? ''}
          >
            <option value="">All tenants</option>
            {tenantOptions.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="alerts-state">State</label>
        <select id="alerts-state" name="state" data-testid="alerts-state" defaultValue={initial.state ?? ''}>
          <option value="">Any state</option>
          {ALERT_STATE_FILTERS.map((s) => (
            <option key={s} value={s}>
              {STATE_WORDS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="alerts-severity">Severity</label>
        <select
          id="alerts-severity"
          name="severity"
          data-testid="alerts-severity"
          defaultValue={initial.severity ?? ''}
        >
          <option value="">Any severity</option>
          {severityOptions.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button-primary" data-testid="alerts-apply">
        Apply filters
      </button>
    </form>
  );
}
