'use client';

import type { Tenant } from '@sightline/contracts';
import { useEffect, useState } from 'react';
import { apiGet } from '../lib/apiGet';
import { apiSend } from '../lib/apiSend';
import { sortSilences } from '../lib/describeSilence';
import { fetchTenants } from '../lib/fetchTenants';
import type { Loadable } from '../lib/Loadable';
import { canReadAlerts, canRespondToAlerts } from '../lib/roles';
import { isSilenceList, type Silence } from '../lib/silenceApiShapes';
import { toLoadable } from '../lib/toLoadable';
import { POLL_INTERVAL_MS, usePolling } from '../lib/usePolling';
import { useSession } from '../lib/useSession';
import { SilenceForm } from './SilenceForm';
import { SilenceTable } from './SilenceTable';

/** SilenceManagerProps carry the api base URL, read on the server at request time. */
export interface SilenceManagerProps {
  apiUrl: string;
}

const isExpired = (body: unknown): body is undefined => body === undefined;

/**
 * SilenceManager lists silences and maintenance windows, lets responders create one-off silences and weekly
 * maintenance windows, and expire them. Statuses move with time, so the list refreshes on its own.
 */
export function SilenceManager({ apiUrl }: SilenceManagerProps) {
  const { session, signOut } = useSession();
  const [silences, setSilences] = useState<Loadable<Silence[]>>({ kind: 'loading' });
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [expiring, setExpiring] = useState<string | null>(null);
  const [expireProblem, setExpireProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const allowed = session === null || session.user === null || canReadAlerts(session.user.roles);
  const responder =
    session?.user !== null && session?.user !== undefined && canRespondToAlerts(session.user.roles);
  const ownTenant = session?.user?.tenantId ?? null;

  useEffect(() => {
    if (session === null || ownTenant !== null) return;
    const abort = new AbortController();
    fetchTenants(apiUrl, session.token, abort.signal).then(
      (r) => {
        if (r.kind === 'ok') setTenants(r.tenants);
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, session, ownTenant]);

  usePolling(
    async (signal) => {
      if (session === null) return;
      const r = await apiGet(apiUrl, '/v1/silences', session.token, isSilenceList, signal);
      const next = toLoadable(r, signOut, (b) => sortSilences(b.silences));
      // A failed refresh keeps the list on screen.
      setSilences((prev) => (next.kind === 'error' && prev.kind === 'ok' ? prev : next));
    },
    session !== null && allowed,
    `${session?.token ?? ''}|${version}`,
    POLL_INTERVAL_MS * 3,
  );

  async function expire(silence: Silence) {
    if (session === null) return;
    setExpiring(silence.id);
    setExpireProblem(null);
    const r = await apiSend(
      apiUrl,
      'DELETE',
      `/v1/silences/${encodeURIComponent(silence.id)}`,
      session.token,
      undefined,
      isExpired,
    );
    setExpiring(null);
    if (r.kind === 'unauthorized') return signOut();
    if (r.kind === 'ok') setVersion((v) => v + 1);
    else setExpireProblem(`Could not expire ${silence.id}: ${r.message}`);
  }

  if (!allowed) {
    return (
      <>
        <h1 className="page-title">Silences</h1>
        <p className="alert" role="alert">
          Your role cannot see silences. Ask a tenant admin for the developer role.
        </p>
      </>
    );
  }

  const list = silences.kind === 'ok' ? silences.body : [];
  const active = list.filter((s) => s.status === 'active').length;
  const current = list.filter((s) => s.status !== 'expired');
  const expired = list.filter((s) => s.status === 'expired');

  return (
    <>
      <h1 className="page-title">Silences and maintenance windows</h1>
      <div className="silences-layout">
        <section aria-labelledby="silences-title" aria-busy={silences.kind === 'loading'}>
          <h2 id="silences-title">Silences</h2>
          <p className="explore-status" role="status" data-testid="silences-status">
            {silences.kind === 'loading'
              ? 'Loading silences…'
              : silences.kind === 'ok'
                ? list.length === 0
                  ? 'No silence or maintenance window.'
                  : `${active} muting now, ${current.length - active} scheduled, ${expired.length} expired`
                : ''}
          </p>
          {silences.kind === 'error' ? (
            <p className="alert" role="alert">
              {silences.message}
            </p>
          ) : null}
          {expireProblem !== null ? (
            <p className="alert" role="alert" data-testid="silence-expire-problem">
              {expireProblem}
            </p>
          ) : null}
          {current.length > 0 ? (
            <SilenceTable
              silences={current}
              expiring={expiring}
              {...(responder ? { onExpire: (s: Silence) => void expire(s) } : {})}
            />
          ) : null}
          {expired.length > 0 ? (
            // Expired silences stay on record for good; folded away, they do not push the form down.
            <details className="expired-silences" data-testid="expired-silences">
              <summary>Expired ({expired.length})</summary>
              <SilenceTable silences={expired} expiring={null} />
            </details>
          ) : null}
        </section>
        {session !== null && responder ? (
          <SilenceForm
            apiUrl={apiUrl}
            token={session.token}
            tenants={tenants}
            ownTenant={ownTenant}
            onCreated={() => setVersion((v) => v + 1)}
            onUnauthorized={signOut}
          />
        ) : null}
      </div>
    </>
  );
}
