'use client';

import type { SlaWindow, Tenant } from '@sightline/contracts';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { fetchTenants } from '../lib/fetchTenants';
import { isAuthError } from '../lib/isAuthError';
import { parseSlaUpdate } from '../lib/parseSlaUpdate';
import { applySlaUpdate, type SlaState } from '../lib/slaStore';
import { DEFAULT_SLA_WINDOW } from '../lib/slaWindows';
import { isStale } from '../lib/status';
import { tokenStore } from '../lib/tokenStore';
import { userStore } from '../lib/userStore';
import { ConnectionStatus, type ConnectionState } from './ConnectionStatus';
import { TenantTile } from './TenantTile';
import { WindowSelector } from './WindowSelector';

/** SLA_UPDATE_EVENT mirrors SOCKET_EVENTS.slaUpdate in @sightline/contracts (a value import would bundle zod). */
const SLA_UPDATE_EVENT = 'sla:update';

/** SlaBoardProps carry the api base URL, read on the server at request time. */
export interface SlaBoardProps {
  apiUrl: string;
}

/** SlaBoard lists the tenants and keeps one live SLA tile per tenant from the api's `sla:update` events. */
export function SlaBoard({ apiUrl }: SlaBoardProps) {
  const router = useRouter();
  const [token, setToken] = useState<string | null>(null);
  const [tenants, setTenants] = useState<Tenant[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sla, setSla] = useState<SlaState>({});
  const [slaWindow, setSlaWindow] = useState<SlaWindow>(DEFAULT_SLA_WINDOW);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [now, setNow] = useState(() => Date.now());

  const signOut = useCallback(() => {
    tokenStore.clear();
    userStore.clear();
    router.replace('/login');
  }, [router]);

  useEffect(() => {
    // sessionStorage only exists in the browser, so the token is read after mount.
    const stored = tokenStore.get();
    if (stored === null || stored === '') router.replace('/login');
    else setToken(stored);
  }, [router]);

  useEffect(() => {
    if (token === null) return;
    const abort = new AbortController();
    fetchTenants(apiUrl, token, abort.signal).then(
      (result) => {
        if (result.kind === 'unauthorized') signOut();
        else if (result.kind === 'error') setError(result.message);
        else setTenants(result.tenants);
      },
      () => undefined, // aborted on unmount
    );
    return () => abort.abort();
  }, [apiUrl, token, signOut]);

  useEffect(() => {
    if (token === null) return;
    const socket = io(apiUrl, { auth: { token }, transports: ['websocket', 'polling'] });
    socket.on('connect', () => setConnection('live'));
    socket.on('disconnect', (reason) => {
      setConnection('reconnecting');
      // The server hung up on purpose (often an expired token); socket.io will not retry that on its own.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err) => {
      if (isAuthError(err)) signOut();
      else setConnection('reconnecting');
    });
    socket.on(SLA_UPDATE_EVENT, (payload: unknown) => {
      const event = parseSlaUpdate(payload);
      if (event !== null) setSla((state) => applySlaUpdate(state, event, Date.now()));
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [apiUrl, token, signOut]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  return (
    <>
      <div className="board-bar">
        <h1 className="board-title">SLA board</h1>
        <WindowSelector value={slaWindow} onChange={setSlaWindow} />
        <ConnectionStatus state={connection} />
        <button type="button" className="button-quiet" onClick={signOut}>
          Sign out
        </button>
      </div>
      {error !== null ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      {tenants === null && error === null ? <p className="board-note">Loading tenants…</p> : null}
      {tenants !== null && tenants.length === 0 ? <p className="board-note">No tenants to show.</p> : null}
      {tenants !== null && tenants.length > 0 ? (
        <section className="tiles" aria-label={`Tenants, SLA over ${slaWindow}`}>
          {tenants.map((tenant) => {
            const entry = sla[tenant.id]?.[slaWindow];
            return (
              <TenantTile
                key={tenant.id}
                tenant={tenant}
                window={slaWindow}
                snapshot={entry?.snapshot}
                stale={isStale(entry?.receivedAt, now)}
              />
            );
          })}
        </section>
      ) : null}
    </>
  );
}
