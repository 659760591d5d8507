'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { apiGet, type ApiResult } from '../lib/apiGet';
import { formatClock } from '../lib/format';
import type { Loadable } from '../lib/Loadable';
import {
  isEscalationPolicyList,
  isOnCallChannelList,
  isOnCallUserList,
  isScheduleList,
  type EscalationPolicy,
  type OnCallChannel,
  type OnCallUser,
  type Schedule,
} from '../lib/onCallApiShapes';
import { onCallConfigAccess } from '../lib/onCallConfigAccess';
import { OnCallDirectory } from '../lib/onCallDirectory';
import { canReadOnCall } from '../lib/roles';
import { scheduleLayerText } from '../lib/scheduleLayerText';
import { scheduleShifts, type ScheduleShifts } from '../lib/scheduleShifts';
import { usePolling } from '../lib/usePolling';
import { useSession } from '../lib/useSession';
import { EscalationPolicyTable } from './EscalationPolicyTable';
import { OnCallFrame } from './OnCallFrame';
import { ScheduleOnCallTable, type ScheduleOnCallRow } from './ScheduleOnCallTable';

/** ON_CALL_REFRESH_MS is how often the on-call page refreshes: shifts change by the hour, not the second. */
export const ON_CALL_REFRESH_MS = 60_000;

/** OnCallOverviewProps carry the api base URL, read on the server at request time. */
export interface OnCallOverviewProps {
  apiUrl: string;
  /** refreshMs is how often the page refreshes (60 s). */
  refreshMs?: number;
}

// A list the api refuses to this viewer is a state of its own, not an error: the page explains it rather than alarming.
type ListState<T> = Loadable<T> | { kind: 'forbidden'; message: string };

interface OnCallState {
  schedules: ListState<Schedule[]>;
  policies: ListState<EscalationPolicy[]>;
  users: OnCallUser[] | null;
  channels: OnCallChannel[] | null;
  shifts: ReadonlyMap<string, Loadable<ScheduleShifts>>;
  /** refreshedAt is when everything last loaded without a problem. */
  refreshedAt: number | null;
  /** problem is why the last refresh fell short; what loaded before stays on screen. */
  problem: string | null;
}

const INITIAL: OnCallState = {
  schedules: { kind: 'loading' },
  policies: { kind: 'loading' },
  users: null,
  channels: null,
  shifts: new Map(),
  refreshedAt: null,
  problem: null,
};

function listState<B, T>(result: ApiResult<B>, map: (body: B) => T): ListState<T> {
  switch (result.kind) {
    case 'ok':
      return { kind: 'ok', body: map(result.body) };
    case 'forbidden':
      return { kind: 'forbidden', message: result.message };
    case 'unauthorized':
      return { kind: 'error', message: 'Your session has ended; sign in again.' };
    default:
      return { kind: 'error', message: result.message };
  }
}

// A failed refresh keeps the last good list on screen and reports the failure once, above the panels.
function keep<T>(prev: ListState<T>, next: ListState<T>, problems: string[]): ListState<T> {
  if (next.kind !== 'error' || prev.kind !== 'ok') return next;
  problems.push(next.message);
  return prev;
}

/**
 * OnCallOverview shows who is on call on each schedule now, until when and the next hand-offs, and each escalation
 * policy's steps in words, each linked to its editor. The platform's SREs see and may change all of it; tenant users
 * see, read only, the policies and schedules their tenant's alerts use, people by name only.
 */
export function OnCallOverview({ apiUrl, refreshMs = ON_CALL_REFRESH_MS }: OnCallOverviewProps) {
  const { session, signOut } = useSession();
  const [state, setState] = useState<OnCallState>(INITIAL);
  const current = useRef<OnCallState>(INITIAL);
  const allowed = session === null || session.user === null || canReadOnCall(session.user.roles);
  const access = onCallConfigAccess(session?.user ?? null);

  const commit = (next: OnCallState) => {
    current.current = next;
    setState(next);
  };

  usePolling(
    async (signal) => {
      if (session === null) return;
      const get = <T,>(path: string, isBody: (b: unknown) => b is T) =>
        apiGet(apiUrl, path, session.token, isBody, signal);
      // A tenant token gets its tenant's part of each list from the api, people and channels by name only.
      const [schedules, policies, users, channels] = await Promise.all([
        get('/v1/alerting/schedules', isScheduleList),
        get('/v1/alerting/policies', isEscalationPolicyList),
        get('/v1/alerting/users', isOnCallUserList),
        get('/v1/alerting/channels', isOnCallChannelList),
      ]);
      if ([schedules, policies, users, channels].some((r) => r.kind === 'unauthorized')) return signOut();
      const prev = current.current;
      const problems: string[] = [];
      const listed = keep(
        prev.schedules,
        listState(schedules, (b) => b.schedules),
        problems,
      );
      commit({
        ...prev,
        schedules: listed,
        policies: keep(
          prev.policies,
          listState(policies, (b) => b.policies),
          problems,
        ),
        // Names are a nicety: without the lists, ids are shown; a failed refresh keeps the names already known.
        users: users.kind === 'ok' ? users.body.users : users.kind === 'error' ? prev.users : null,
        channels:
          channels.kind === 'ok' ? channels.body.channels : channels.kind === 'error' ? prev.channels : null,
      });

      const ids = listed.kind === 'ok' ? listed.body.map((s) => s.id) : [];
      const results = await Promise.all(
        ids.map(async (id) => [id, await scheduleShifts(apiUrl, session.token, id, signal)] as const),
      );
      if (results.some(([, r]) => r.kind === 'unauthorized')) return signOut();
      const before = current.current;
      const shifts = new Map<string, Loadable<ScheduleShifts>>();
      for (const [id, r] of results) {
        const had = before.shifts.get(id);
        if (r.kind === 'ok') shifts.set(id, { kind: 'ok', body: r.body });
        else if (r.kind === 'error' && had?.kind === 'ok') {
          problems.push(r.message);
          shifts.set(id, had);
        } else if (r.kind !== 'unauthorized') shifts.set(id, { kind: 'error', message: r.message });
      }
      commit({
        ...before,
        shifts,
        // An answer that only says alerting failed is no refresh, on the first load as on later ones.
        refreshedAt:
          problems.length === 0 && before.schedules.kind !== 'error' && before.policies.kind !== 'error'
            ? Date.now()
            : before.refreshedAt,
        problem: problems.length === 0 ? null : [...new Set(problems)].join('; '),
      });
    },
    session !== null && allowed,
    session?.token ?? '',
    refreshMs,
  );

  if (!allowed) {
    return (
      <>
        <h1 className="page-title">On call</h1>
        <p className="alert" role="alert">
          Your role cannot see who is on call. Ask a tenant admin for the viewer role.
        </p>
      </>
    );
  }

  const { schedules, policies } = state;
  const directory = OnCallDirectory.from({
    contacts: access !== 'tenant',
    users: state.users,
    channels: state.channels,
    schedules: schedules.kind === 'ok' ? schedules.body : null,
    onCallNow: new Map(
      [...state.shifts].flatMap(([id, s]) => (s.kind === 'ok' ? [[id, s.body.now.users] as const] : [])),
    ),
  });
  const rows: ScheduleOnCallRow[] =
    schedules.kind === 'ok'
      ? schedules.body.map((s) => ({ id: s.id, name: s.name, layers: scheduleLayerText(s, directory) }))
      : [];
  const canEdit = access !== 'tenant';
  const now = state.refreshedAt ?? Date.now();

  return (
    <>
      <div className="page-bar">
        <h1 className="page-title">On call</h1>
        {state.refreshedAt !== null ? (
          <span className="board-note" data-testid="oncall-refreshed">
            Refreshed {formatClock(new Date(state.refreshedAt).toISOString())} · every{' '}
            {Math.round(refreshMs / 1000)} s
          </span>
        ) : null}
      </div>
      {state.problem !== null ? (
        <p className="alert" role="alert" data-testid="oncall-problem">
          Could not refresh: {state.problem}.
          {state.refreshedAt !== null
            ? ` Showing what loaded at ${formatClock(new Date(state.refreshedAt).toISOString())}.`
            : ''}
        </p>
      ) : null}

      {canEdit ? null : (
        <p className="board-note" data-testid="oncall-readonly-note">
          These are the schedules and escalation policies your tenant&apos;s alerts use. Only the
          platform&apos;s SREs can change them.
        </p>
      )}

      <section className="panel-section" aria-labelledby="oncall-schedules-title">
        <div className="page-bar">
          <h2 id="oncall-schedules-title">Who is on call</h2>
          {canEdit ? (
            <Link className="button-quiet" href="/oncall/schedules/new" data-testid="oncall-new-schedule">
              New schedule
            </Link>
          ) : null}
        </div>
        <p className="explore-status" role="status" data-testid="oncall-schedules-status">
          {schedules.kind === 'loading'
            ? 'Loading schedules…'
            : schedules.kind === 'ok'
              ? `${schedules.body.length} schedule${schedules.body.length === 1 ? '' : 's'}`
              : ''}
        </p>
        {schedules.kind === 'forbidden' ? (
          <p className="board-note" data-testid="oncall-schedules-note">
            Your account may not see on-call schedules ({schedules.message}).
          </p>
        ) : (
          <OnCallFrame
            testId="oncall-schedules"
            state={schedules.kind === 'ok' ? (rows.length === 0 ? 'empty' : 'ready') : schedules.kind}
            message={
              schedules.kind === 'loading'
                ? 'Loading schedules…'
                : schedules.kind === 'error'
                  ? schedules.message
                  : canEdit
                    ? 'No on-call schedule is configured.'
                    : 'No on-call schedule pages for your tenant.'
            }
          >
            <ScheduleOnCallTable schedules={rows} shifts={state.shifts} directory={directory} now={now} />
          </OnCallFrame>
        )}
      </section>

      <section className="panel-section" aria-labelledby="oncall-policies-title">
        <div className="page-bar">
          <h2 id="oncall-policies-title">Escalation policies</h2>
          {canEdit ? (
            <Link className="button-quiet" href="/oncall/policies/new" data-testid="oncall-new-policy">
              New escalation policy
            </Link>
          ) : null}
        </div>
        <p className="explore-status" role="status" data-testid="oncall-policies-status">
          {policies.kind === 'loading'
            ? 'Loading escalation policies…'
            : policies.kind === 'ok'
              ? `${policies.body.length} polic${policies.body.length === 1 ? 'y' : 'ies'}`
              : ''}
        </p>
        {policies.kind === 'forbidden' ? (
          <p className="board-note" data-testid="oncall-policies-note">
            Your account may not see escalation policies ({policies.message}).
          </p>
        ) : (
          <OnCallFrame
            testId="oncall-policies"
            state={policies.kind === 'ok' ? (policies.body.length === 0 ? 'empty' : 'ready') : policies.kind}
            message={
              policies.kind === 'loading'
                ? 'Loading escalation policies…'
                : policies.kind === 'error'
                  ? policies.message
                  : canEdit
                    ? 'No escalation policy is configured.'
                    : 'No escalation policy pages for your tenant.'
            }
          >
            {policies.kind === 'ok' ? (
              <EscalationPolicyTable policies={policies.body} directory={directory} />
            ) : null}
          </OnCallFrame>
        )}
      </section>
    </>
  );
}
