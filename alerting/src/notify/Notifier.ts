/** NotifyAction is what a notification asks the receiving system to do with the alert group's incident. */
export type NotifyAction = 'trigger' | 'acknowledge' | 'resolve' | 'reminder';

/** NotifiedAlert is one alert of the group, as a notification carries it. */
export interface NotifiedAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string | null;
  generatorUrl: string | null;
}

/** Notification is one message for one target, built by the pipeline and handed to one notifier. */
export interface Notification {
  /** id is the outbox row id: stable across retries, so receivers that dedup on it can. */
  id: string;
  action: NotifyAction;
  /** dedupKey is stable for the alert group's whole life (PagerDuty's dedup_key). */
  dedupKey: string;
  /** severity is the group's `severity` label as sent (page, ticket, critical, warning, info, ...). */
  severity: string;
  /** title is a one-line summary (the summary annotation, else alertname and tenant). */
  title: string;
  /** tenant is the group's tenant label, or null for platform alerts. */
  tenant: string | null;
  /** groupLabels are the labels the route grouped by. */
  groupLabels: Record<string, string>;
  alerts: NotifiedAlert[];
  /** consoleUrl links to the group in the Sightline console. */
  consoleUrl: string;
  /** runbookUrl is the runbook_url annotation, when there is one. */
  runbookUrl: string | null;
  /** escalation says which step of which pass of the policy sent it, when a policy did. */
  escalation: { policy: string; step: number; pass: number } | null;
  /** occurredAt is when the pipeline decided to send it (ISO 8601). */
  occurredAt: string;
}

/** NotifyResult is a notifier's outcome: notifiers never throw across their interface. */
export type NotifyResult =
  { ok: true; detail?: string } | { ok: false; retryable: boolean; reason: string; retryAfterMs?: number };

/** Notifier delivers notifications to one configured channel of one integration. */
export interface Notifier {
  /** integration names the folder under notify/ (pagerduty, slack, email, webhook, memory). */
  readonly integration: string;
  send(notification: Notification, signal?: AbortSignal): Promise<NotifyResult>;
}
