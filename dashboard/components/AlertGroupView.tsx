'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import type { AlertGroup, AlertGroupDetail } from '../lib/alertApiShapes';
import { isAlertGroupActionResult, isAlertGroupDetail } from '../lib/alertApiShapes';
import { apiGet } from '../lib/apiGet';
import { apiSend } from '../lib/apiSend';
import { formatDateTime, NO_VALUE } from '../lib/format';
import { formatDuration } from '../lib/formatDuration';
import { groupSummary } from '../lib/groupSummary';
import { canReadAlerts, canRespondToAlerts } from '../lib/roles';
import { POLL_INTERVAL_MS, usePolling } from '../lib/usePolling';
import { useSession } from '../lib/useSession';
import { EscalationText } from './EscalationText';
import { GroupAlertList } from './GroupAlertList';
import { GroupStateBadge } from './GroupStateBadge';
import { GroupTimeline } from './GroupTimeline';
import { NotificationTable } from './NotificationTable';

/** AlertGroupViewProps carry the api base URL and the group id from the route. */
export interface AlertGroupViewProps {
  apiUrl: string;
  groupId: string;
  /** refreshMs is how often the group refreshes (5 s). */
  refreshMs?: number;
}

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ok'; detail: AlertGroupDetail; loadedAt: number };

type Action = 'ack' | 'resolve';

const DONE: Record<Action, string> = {
  ack: 'You acknowledged this group; its escalation has stopped.',
  resolve: 'You resolved this group.',
};

/**
 * AlertGroupView is one alert group, as notifications link to it: its state, alerts, timeline and notifications,
 * refreshed every few seconds, with Acknowledge and Resolve for the roles that may (the api checks again).
 */
export function AlertGroupView({ apiUrl, groupId, refreshMs = POLL_INTERVAL_MS }: AlertGroupViewProps) {
  const { session, signOut } = useSession();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState<Action | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  // When the last action succeeded: a refresh that set off before it must not put the old state back.
  const actedAt = useRef(0);
  const wellFormed = /^[1-9]\d{0,14}$/.test(groupId);
  const allowed = session === null || session.user === null || canReadAlerts(session.user.roles);
  const responder =
    session?.user !== null && session?.user !== undefined && canRespondToAlerts(session.user.roles);

  async function load(signal?: AbortSignal): Promise<void> {
    if (session === null) return;
    if (!wellFormed) {
      setState({ kind: 'error', message: 'That is not an alert group id.' });
      return;
    }
    const started = Date.now();
    const r = await apiGet(apiUrl, `/v1/alert-groups/${groupId}`, session.token, isAlertGroupDetail, signal);
    if (r.kind === 'unauthorized') return signOut();
    if (started < actedAt.current) return;
    if (r.kind === 'ok') setState({ kind: 'ok', detail: r.body, loadedAt: Date.now() });
    else if (r.kind === 'notfound')
      setState({ kind: 'error', message: 'No such alert group, or it belongs to another tenant.' });
    // A failed refresh keeps the group on screen; only a first load shows the error instead.
    else setState((prev) => (prev.kind === 'ok' ? prev : { kind: 'error', message: r.message }));
  }

  usePolling(load, session !== null && allowed, `${groupId}|${session?.token ?? ''}`, refreshMs);

  async function act(action: Action) {
    if (session === null) return;
    setBusy(action);
    setOutcome(null);
    const r = await apiSend(
      apiUrl,
      'POST',
      `/v1/alert-groups/${groupId}/${action}`,
      session.token,
      {},
      isAlertGroupActionResult,
    );
    if (r.kind === 'unauthorized') return signOut();
    if (r.kind === 'ok') {
      actedAt.current = Date.now();
      const group: AlertGroup = r.body.group;
      setState((prev) =>
        prev.kind === 'ok' ? { ...prev, detail: { ...prev.detail, group }, loadedAt: Date.now() } : prev,
      );
      setOutcome({ ok: true, message: DONE[action] });
      // The action's timeline entry and notifications come with the full group.
      await load().catch(() => undefined);
    } else {
      setOutcome({ ok: false, message: r.message });
    }
    setBusy(null);
  }

  if (!allowed) {
    return (
      <>
        <h1 className="page-title">Alert group</h1>
        <p className="alert" role="alert">
          Your role cannot see alerts. Ask a tenant admin for the developer role.
        </p>
      </>
    );
  }

  const detail = state.kind === 'ok' ? state.detail : null;
  const group = detail?.group;
  const summary = detail !== null ? groupSummary(detail.group, detail.alerts) : null;
  const now = state.kind === 'ok' ? state.loadedAt : 0;

  return (
    <>
      <p className="breadcrumb">
        <Link href="/alerts">Alerts</Link> › Group {groupId}
      </p>
      <div className="page-bar">
        <h1 className="page-title" data-testid="group-title">
          {summary?.title ?? `Alert group ${groupId}`}
        </h1>
        {group !== undefined ? <GroupStateBadge group={group} testId="group-state" /> : null}
      </div>
      {state.kind === 'loading' ? (
        <p className="board-note" role="status">
          Loading alert group…
        </p>
      ) : null}
      {state.kind === 'error' ? (
        <p className="alert" role="alert" data-testid="group-error">
          {state.message}
        </p>
      ) : null}
      {group !== undefined && detail !== null && summary !== null ? (
        <>
          {responder && group.state !== 'resolved' ? (
            <div className="group-actions" role="group" aria-label="Respond to this group">
              {group.state === 'firing' ? (
                <button
                  type="button"
                  className="button-primary"
                  data-testid="ack-button"
                  disabled={busy !== null}
                  onClick={() => void act('ack')}
                >
                  {busy === 'ack' ? 'Acknowledging…' : 'Acknowledge'}
                </button>
              ) : null}
              <button
                type="button"
                className="button-quiet"
                data-testid="resolve-button"
                disabled={busy !== null}
                onClick={() => void act('resolve')}
              >
                {busy === 'resolve' ? 'Resolving…' : 'Resolve'}
              </button>
            </div>
          ) : null}
          <p
            className={outcome?.ok === false ? 'alert' : 'board-note'}
            role={outcome?.ok === false ? 'alert' : 'status'}
            data-testid="action-outcome"
          >
            {outcome?.message ?? ''}
          </p>
          <dl className="group-facts" data-testid="group-facts">
            <div>
              <dt>Tenant</dt>
              <dd>{group.tenant ?? 'platform'}</dd>
            </div>
            <div>
              <dt>Severity</dt>
              <dd>{summary.severity ?? NO_VALUE}</dd>
            </div>
            <div>
              <dt>Firing for</dt>
              <dd data-testid="group-firing-for">
                {summary.firingSince !== null ? (
                  <time dateTime={summary.firingSince} title={`since ${formatDateTime(summary.firingSince)}`}>
                    {formatDuration(now - Date.parse(summary.firingSince))}
                  </time>
                ) : (
                  NO_VALUE
                )}
              </dd>
            </div>
            <div>
              <dt>Escalation</dt>
              <dd data-testid="group-escalation">
                <EscalationText group={group} now={now} />
              </dd>
            </div>
            <div>
              <dt>Muted</dt>
              <dd data-testid="group-muted">{group.muted ?? 'no'}</dd>
            </div>
            <div>
              <dt>Acknowledged</dt>
              <dd data-testid="group-acknowledged">
                {group.acknowledgedAt !== null ? (
                  <>
                    <time dateTime={group.acknowledgedAt}>{formatDateTime(group.acknowledgedAt)}</time>
                    {group.acknowledgedBy !== null ? ` by ${group.acknowledgedBy}` : ''}
                  </>
                ) : (
                  'no'
                )}
              </dd>
            </div>
            {group.resolvedAt !== null ? (
              <div>
                <dt>Resolved</dt>
                <dd>
                  <time dateTime={group.resolvedAt}>{formatDateTime(group.resolvedAt)}</time>
                  {group.resolvedBy !== null ? ` by ${group.resolvedBy}` : ''}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Route · policy</dt>
              <dd>
                {group.route} · {group.policy ?? 'none'}
              </dd>
            </div>
            <div>
              <dt>Incident</dt>
              <dd>
                #{group.incident} · <code>{group.dedupKey}</code>
              </dd>
            </div>
          </dl>
          <section className="panel-section" aria-labelledby="group-alerts-title">
            <h2 id="group-alerts-title">
              Alerts ({summary.firingCount ?? 0} firing of {detail.alerts.length})
            </h2>
            <GroupAlertList alerts={detail.alerts} />
          </section>
          <section className="panel-section" aria-labelledby="group-timeline-title">
            <h2 id="group-timeline-title">Timeline</h2>
            <GroupTimeline timeline={detail.timeline} />
          </section>
          <section className="panel-section" aria-labelledby="group-notifications-title">
            <h2 id="group-notifications-title">Notifications</h2>
            <NotificationTable notifications={detail.notifications} />
          </section>
        </>
      ) : null}
    </>
  );
}
