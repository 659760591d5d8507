'use client';

import type { Tenant } from '@sightline/contracts';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { apiGet } from '../lib/apiGet';
import { arrangeTiles } from '../lib/arrangeTiles';
import { BOARD_HISTORY, BOARD_HISTORY_REFRESH_MS, boardHistoryPath } from '../lib/boardHistory';
import { boardHref, boardViewFromParams, boardViewToParams } from '../lib/boardView';
import type { BoardView } from '../lib/boardView';
import { burnRateSeries } from '../lib/burnRateSeries';
import { fetchTenants } from '../lib/fetchTenants';
import { isAuthError } from '../lib/isAuthError';
import { parseSlaUpdate } from '../lib/parseSlaUpdate';
import { applySlaUpdate, type SlaState } from '../lib/slaStore';
import { isSlaHistory } from '../lib/sloApiShapes';
import { boardStatus, isStale } from '../lib/status';
import { tokenStore } from '../lib/tokenStore';
import { usePolling } from '../lib/usePolling';
import { userStore } from '../lib/userStore';
import { BoardControls } from './BoardControls';
import { ConnectionStatus, type ConnectionState } from './ConnectionStatus';
import { TenantTile, type TileBurnHistory } from './TenantTile';
import { WindowSelector } from './WindowSelector';

/** SLA_UPDATE_EVENT mirrors SOCKET_EVENTS.slaUpdate in @sightline/contracts (a value import would bundle zod). */
const SLA_UPDATE_EVENT = 'sla:update';

/** SlaBoardProps carry the api base URL, read on the server at request time. */
export interface SlaBoardProps {
  apiUrl: string;
}

/**
 * SlaBoard lists the tenants and keeps one live SLA tile per tenant from the api's `sla:update` events, each with a
 * sparkline of its recent burn rate. The window, the order and the tier and status filters live in the URL, so a
 * view can be shared as a link.
 */
export function SlaBoard({ apiUrl }: SlaBoardProps) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const search = boardViewToParams(boardViewFromParams(searchParams ?? new URLSearchParams())).toString();
  const [view, setView] = useState<BoardView>(() => boardViewFromParams(new URLSearchParams(search)));
  const [token, setToken] = useState<string | null>(null);
  const [tenants, setTenants] = useState<Tenant[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sla, setSla] = useState<SlaState>({});
  const [burn, setBurn] = useState<Readonly<Record<string, TileBurnHistory>>>({});
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [now, setNow] = useState(() => Date.now());
  const slaWindow = view.window;

  // Back and forward change the URL without a click here; the view follows it.
  useEffect(() => {
    setView(boardViewFromParams(new URLSearchParams(search)));
  }, [search]);

  const changeView = useCallback(
    (next: BoardView) => {
      setView(next);
      // replace, not push: every tick of a box would otherwise be a step of the back button.
      router.replace(boardHref(next), { scroll: false });
    },
    [router],
  );

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

  const tenantIds = tenants?.map((t) => t.id).join(',') ?? '';
  useEffect(() => setBurn({}), [slaWindow]);
  usePolling(
    async (signal) => {
      if (token === null || tenantIds === '') return;
      const range = BOARD_HISTORY[slaWindow];
      const to = Date.now();
      await Promise.all(
        tenantIds.split(',').map(async (id) => {
          const r = await apiGet(apiUrl, boardHistoryPath(id, slaWindow, to), token, isSlaHistory, signal);
          const entry: TileBurnHistory =
            r.kind === 'ok'
              ? { points: burnRateSeries(r.body), from: to - range.ms, to, stepMs: range.stepMs }
              : { points: undefined, failed: true, from: to - range.ms, to, stepMs: range.stepMs };
          setBurn((b) => ({ ...b, [id]: entry }));
        }),
      );
    },
    token !== null && tenantIds !== '',
    `${slaWindow}|${tenantIds}|${token ?? ''}`,
    BOARD_HISTORY_REFRESH_MS,
  );

  const tiles = arrangeTiles(
    (tenants ?? []).map((tenant) => {
      const entry = sla[tenant.id]?.[slaWindow];
      const stale = isStale(entry?.receivedAt, now);
      return { tenant, snapshot: entry?.snapshot, stale, status: boardStatus(entry?.snapshot, stale) };
    }),
    view,
  );

  return (
    <>
      <div className="board-bar">
        <h1 className="board-title">SLA board</h1>
        <WindowSelector value={slaWindow} onChange={(window) => changeView({ ...view, window })} />
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
      <BoardControls view={view} onChange={changeView} />
      <p className="board-note" role="status" data-testid="board-count">
        {tenants === null || tenants.length === 0
          ? ''
          : tiles.length === tenants.length
            ? `Showing all ${tenants.length} tenants`
            : `Showing ${tiles.length} of ${tenants.length} tenants`}
      </p>
      {tenants !== null && tenants.length > 0 && tiles.length === 0 ? (
        <p className="board-note" data-testid="board-empty">
          No tenant matches these filters.
        </p>
      ) : null}
      {tiles.length > 0 ? (
        <section className="tiles" aria-label={`Tenants, SLA over ${slaWindow}`}>
          {tiles.map((t) => (
            <TenantTile
              key={t.tenant.id}
              tenant={t.tenant}
              window={slaWindow}
              snapshot={t.snapshot}
              stale={t.stale}
              burn={burn[t.tenant.id]}
            />
          ))}
        </section>
      ) : null}
    </>
  );
}
