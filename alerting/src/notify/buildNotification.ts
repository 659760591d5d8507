import type { AlertRow, GroupRow } from '../dispatch/GroupRow';
import type { Notification, NotifyAction } from './Notifier';

/** NotificationDraft is a notification before the outbox gives it its id. */
export type NotificationDraft = Omit<Notification, 'id'>;

/** buildNotification describes a group and its alerts for every integration alike. */
export function buildNotification(
  group: GroupRow,
  alerts: readonly AlertRow[],
  action: NotifyAction,
  options: {
    consoleBaseUrl: string;
    at: Date;
    escalation?: { policy: string; step: number; pass: number } | null;
  },
): NotificationDraft {
  const firing = alerts.filter((a) => a.status === 'firing');
  const lead = firing[0] ?? alerts[0];
  const labels = lead?.labels ?? group.groupLabels;
  const annotations = lead?.annotations ?? {};
  const name = labels.alertname ?? 'alert';
  const tenant = group.tenantId ?? labels.tenant ?? null;
  const count = firing.length > 1 ? ` (+${firing.length - 1} more)` : '';
  const title = `${annotations.summary ?? `${name}${tenant ? ` for ${tenant}` : ''}`}${count}`;
  return {
    action,
    dedupKey: group.dedupKey,
    severity: labels.severity ?? group.groupLabels.severity ?? 'error',
    title,
    tenant,
    groupLabels: group.groupLabels,
    alerts: alerts.map((a) => ({
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.status === 'resolved' && a.endsAt ? a.endsAt.toISOString() : null,
      generatorUrl: a.generatorUrl,
    })),
    consoleUrl: `${options.consoleBaseUrl.replace(/\/$/, '')}/alerts/${group.id}`,
    runbookUrl: annotations.runbook_url ?? null,
    escalation: options.escalation ?? null,
    occurredAt: options.at.toISOString(),
  };
}
