import { createHash } from 'node:crypto';
import type { NotifiedAlert, Notification } from '../Notifier';
import { truncateText } from '../truncateText';
import { pagerDutySeverity } from './pagerDutySeverity';
import type { PagerDutySeverity } from './pagerDutySeverity';

// Limits from https://developer.pagerduty.com/docs/events-api-v2/trigger-events/ and the Events API v2 overview.
const MAX_SUMMARY = 1024;
const MAX_DEDUP_KEY = 255;
/** PAGERDUTY_MAX_EVENT_BYTES is the Events API v2 payload limit (512 KB). */
export const PAGERDUTY_MAX_EVENT_BYTES = 512 * 1024;
// Room left under the limit for the envelope, so trimming custom_details alone always gets us under it.
const CUSTOM_DETAILS_BUDGET = 400 * 1024;
const MAX_ALERTS = 20;
const MAX_VALUE = 2000;
const MAX_FIELD = 255;

/** PagerDutyEventAction is the Events API v2 `event_action`. */
export type PagerDutyEventAction = 'trigger' | 'acknowledge' | 'resolve';

/** PagerDutyEvent is one Events API v2 alert event as Sightline sends it. */
export interface PagerDutyEvent {
  routing_key: string;
  event_action: PagerDutyEventAction;
  dedup_key: string;
  client: string;
  client_url?: string;
  payload: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp?: string;
    class?: string;
    group?: string;
    component?: string;
    custom_details: Record<string, unknown>;
  };
  links: { href: string; text: string }[];
}

/**
 * isWebUrl accepts what PagerDuty's `format: url` accepts: http(s) to a named host with a top-level domain. IP
 * literals and `localhost` (the embedded console) fail that check and would get the whole event refused with a
 * 400, losing the page; such links travel in custom_details instead.
 */
function isWebUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    if (url.username || url.password) return false;
    return /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(url.hostname);
  } catch {
    return false;
  }
}

function clipRecord(record: Record<string, string>, max: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    out[truncateText(key, MAX_FIELD)] = truncateText(String(value), max);
  }
  return out;
}

function alertDetails(alert: NotifiedAlert, max: number): Record<string, unknown> {
  return {
    status: alert.status,
    labels: clipRecord(alert.labels, max),
    annotations: clipRecord(alert.annotations, max),
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    generatorUrl: alert.generatorUrl,
  };
}

function firstLabel(notification: Notification, names: string[]): string | undefined {
  // The group's own labels describe every alert of it; the first alert's only stand in when the group has none.
  for (const labels of [notification.groupLabels, notification.alerts[0]?.labels ?? {}]) {
    for (const name of names) {
      const value = labels[name];
      if (value !== undefined && value.trim() !== '') return value;
    }
  }
  return undefined;
}

function customDetails(notification: Notification): Record<string, unknown> {
  const base = {
    tenant: notification.tenant,
    labels: clipRecord(notification.groupLabels, MAX_VALUE),
    escalation: notification.escalation,
    notification_id: notification.id,
    alerts_total: notification.alerts.length,
    console_url: truncateText(notification.consoleUrl, MAX_VALUE),
    runbook_url: notification.runbookUrl === null ? null : truncateText(notification.runbookUrl, MAX_VALUE),
  };
  // Shrink the alert list until it fits: a huge group must still page, with what fits rather than not at all.
  for (const [count, max] of [
    [MAX_ALERTS, MAX_VALUE],
    [MAX_ALERTS, 200],
    [5, 200],
  ] as const) {
    const details = { ...base, alerts: notification.alerts.slice(0, count).map((a) => alertDetails(a, max)) };
    if (Buffer.byteLength(JSON.stringify(details)) <= CUSTOM_DETAILS_BUDGET) return details;
  }
  return { ...base, labels: clipRecord(notification.groupLabels, 200), alerts: [] };
}

/**
 * pagerDutyDedupKey is the dedup_key sent for a notification's dedupKey: itself when it fits PagerDuty's 255
 * characters, else a stable SHA-256 of it, so trigger, acknowledge and resolve still meet on the same alert.
 */
export function pagerDutyDedupKey(dedupKey: string): string {
  if (dedupKey.length > 0 && dedupKey.length <= MAX_DEDUP_KEY) return dedupKey;
  return `sha256:${createHash('sha256').update(dedupKey).digest('hex')}`;
}

/**
 * buildPagerDutyEvent turns a notification into an Events API v2 event: summary ≤ 1024 characters, severity mapped,
 * custom_details (tenant, labels, alerts, escalation) trimmed to stay well under the 512 KB limit, and only http(s)
 * links, since PagerDuty validates `href` as a URL.
 */
export function buildPagerDutyEvent(
  notification: Notification,
  action: PagerDutyEventAction,
  routingKey: string,
  client = 'Sightline',
): PagerDutyEvent {
  const alertname = firstLabel(notification, ['alertname']);
  const title = notification.title.replace(/\s+/g, ' ').trim();
  const summary = truncateText(title || alertname || 'Sightline alert', MAX_SUMMARY);
  const source =
    firstLabel(notification, ['instance', 'service', 'job']) ?? (notification.tenant || 'sightline');
  const at = new Date(notification.occurredAt);
  const links: { href: string; text: string }[] = [];
  if (isWebUrl(notification.consoleUrl))
    links.push({ href: notification.consoleUrl, text: 'Open in Sightline' });
  if (isWebUrl(notification.runbookUrl)) links.push({ href: notification.runbookUrl, text: 'Runbook' });
  const component = firstLabel(notification, ['service', 'component']);
  return {
    routing_key: routingKey,
    event_action: action,
    dedup_key: pagerDutyDedupKey(notification.dedupKey),
    client,
    ...(isWebUrl(notification.consoleUrl) ? { client_url: notification.consoleUrl } : {}),
    payload: {
      summary,
      source: truncateText(source, MAX_FIELD),
      severity: pagerDutySeverity(notification.severity),
      ...(Number.isNaN(at.getTime()) ? {} : { timestamp: at.toISOString() }),
      ...(alertname ? { class: truncateText(alertname, MAX_FIELD) } : {}),
      ...(notification.tenant ? { group: truncateText(notification.tenant, MAX_FIELD) } : {}),
      ...(component ? { component: truncateText(component, MAX_FIELD) } : {}),
      custom_details: customDetails(notification),
    },
    links,
  };
}
