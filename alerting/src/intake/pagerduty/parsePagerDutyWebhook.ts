import { z } from 'zod';

// PagerDuty v3 webhook payload, as documented at https://developer.pagerduty.com/docs/webhooks-overview
// (source: github.com/PagerDuty/developer-docs, docs/webhooks/01-Overview.md):
// - the body is `{ event: { id, event_type, resource_type, occurred_at, agent, client, data } }`, one event per body;
// - `incident.acknowledged` and `incident.resolved` carry `data.type = "incident"`; the incident object has `id`
//   (e.g. "PGR0VU2") and `incident_key`, the incident's de-duplication key. For an incident opened by an Events API v2
//   trigger, `incident_key` is that event's `dedup_key` (PagerDuty's own examples look incidents up with
//   `GET /incidents?incident_key=<dedup_key>`); with alert grouping it is the key of the alert that opened the
//   incident, so it may match none of ours, and it may be null for incidents created by hand;
// - `agent` is who acted (a user_reference with `summary` = the user's name), or null when PagerDuty itself did
//   (auto-resolve, timeouts); other event types (incident.triggered, incident.annotated, service.*, pagey.ping)
//   exist and more may be added, so unknown ones are not errors.

const reference = z.looseObject({
  id: z.string().optional(),
  summary: z.string().optional(),
  type: z.string().optional(),
});

const incident = z.looseObject({
  id: z.string().min(1),
  type: z.literal('incident'),
  incident_key: z.string().nullish(),
});

const envelope = z.looseObject({
  event: z.looseObject({
    id: z.string().min(1).max(200),
    event_type: z.string().min(1).max(200),
    resource_type: z.string().optional(),
    occurred_at: z.iso.datetime({ offset: true }),
    agent: reference.nullish(),
    data: z.looseObject({}),
  }),
});

/** PagerDutyWebhookEvent is what Sightline takes from a PagerDuty v3 webhook: an acknowledge, a resolve, or nothing. */
export interface PagerDutyWebhookEvent {
  /** id is PagerDuty's event id, stable across redeliveries (dedup on it). */
  id: string;
  type: 'acknowledged' | 'resolved' | 'ignored';
  /** eventType is PagerDuty's event_type as received (incident.acknowledged, service.updated, ...). */
  eventType: string;
  /** dedupKey is the incident's incident_key, which is our dedup_key for incidents we triggered. */
  dedupKey: string | null;
  /** incidentId is PagerDuty's incident id; null only for ignored events that are not about an incident. */
  incidentId: string | null;
  /** actor is the agent's name (or id), null when PagerDuty itself acted. */
  actor: string | null;
  /** occurredAt is when it happened, as ISO 8601 UTC. */
  occurredAt: string;
}

/** PagerDutyWebhookParse is the result of parsing one webhook body. */
export type PagerDutyWebhookParse =
  { ok: true; event: PagerDutyWebhookEvent } | { ok: false; reason: string };

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${path}: ${issue.message}`;
}

const TYPES: Record<string, 'acknowledged' | 'resolved'> = {
  'incident.acknowledged': 'acknowledged',
  'incident.resolved': 'resolved',
};

/**
 * parsePagerDutyWebhook validates a PagerDuty v3 webhook body (already JSON-parsed, and its signature already checked)
 * and keeps what the engine acts on; event types other than incident.acknowledged and incident.resolved are 'ignored'.
 */
export function parsePagerDutyWebhook(json: unknown): PagerDutyWebhookParse {
  const parsed = envelope.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describe(parsed.error) };
  const { event } = parsed.data;
  const actor = event.agent?.summary ?? event.agent?.id ?? null;
  const occurredAt = new Date(event.occurred_at).toISOString();
  const type = Object.hasOwn(TYPES, event.event_type) ? TYPES[event.event_type]! : 'ignored';
  if (type === 'ignored') {
    // Ignored events are still identified as well as possible, for logs: incident_note & co. nest the incident.
    const data = event.data as {
      id?: unknown;
      type?: unknown;
      incident?: { id?: unknown };
      incident_key?: unknown;
    };
    const incidentId =
      data.type === 'incident' && typeof data.id === 'string'
        ? data.id
        : typeof data.incident?.id === 'string'
          ? data.incident.id
          : null;
    const dedupKey = typeof data.incident_key === 'string' ? ourKey(data.incident_key) : null;
    return {
      ok: true,
      event: { id: event.id, type, eventType: event.event_type, dedupKey, incidentId, actor, occurredAt },
    };
  }
  const data = incident.safeParse(event.data);
  if (!data.success) {
    const issue = data.error.issues[0];
    const path = ['event', 'data', ...(issue?.path ?? [])].join('.');
    return { ok: false, reason: `${path}: ${issue?.message ?? 'invalid incident'}` };
  }
  return {
    ok: true,
    event: {
      id: event.id,
      type,
      eventType: event.event_type,
      dedupKey: ourKey(data.data.incident_key),
      incidentId: data.data.id,
      actor,
      occurredAt,
    },
  };
}

/**
 * ourKey is the incident key as a dedup key of ours, or null: ours never hold U+0000, which PostgreSQL text cannot
 * take either (looking one up was a 500, found by the fuzz drill), so such an incident is simply not ours.
 */
function ourKey(key: string | null | undefined): string | null {
  return key === undefined || key === null || key.includes('\u0000') ? null : key;
}
