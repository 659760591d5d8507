import { z } from 'zod';
import { alertAnnotations, alertLabels, storableText } from './alertLabels';
import type { IncomingAlert } from './IncomingAlert';

/** ZERO_TIME is Go's zero time, which Alertmanager sends as endsAt for alerts that are still firing. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

const WebhookAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: alertLabels.refine((l) => Object.keys(l).length > 0, 'an alert needs at least one label'),
  annotations: alertAnnotations.default({}),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.string().default(ZERO_TIME),
  // Stored as text: a NUL in it was a 500 (found by the fuzz drill).
  generatorURL: storableText(4096, 'generatorURL').optional(),
  fingerprint: z.string().max(64).optional(),
});

/** AlertmanagerWebhook is Alertmanager's webhook receiver payload, version 4. */
export const AlertmanagerWebhook = z.object({
  version: z.literal('4', { message: 'only Alertmanager webhook version "4" is supported' }),
  groupKey: z.string().max(8192),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().max(256),
  groupLabels: z.record(z.string(), z.string()).default({}),
  commonLabels: z.record(z.string(), z.string()).default({}),
  commonAnnotations: z.record(z.string(), z.string()).default({}),
  externalURL: z.string().max(4096).default(''),
  alerts: z.array(WebhookAlert).min(1, 'alerts must not be empty').max(10_000),
});

/** fromAlertmanagerWebhook turns a validated webhook into incoming alerts, resolving those marked resolved. */
export function fromAlertmanagerWebhook(
  body: z.output<typeof AlertmanagerWebhook>,
  now: Date,
): IncomingAlert[] {
  return body.alerts.map((a) => {
    const ends = a.endsAt && a.endsAt !== ZERO_TIME ? new Date(a.endsAt) : null;
    const validEnds = ends && !Number.isNaN(ends.getTime()) ? ends : null;
    return {
      labels: a.labels,
      annotations: a.annotations,
      startsAt: new Date(a.startsAt),
      // A resolved alert without a usable endsAt ends now; a firing one stays open until Alertmanager says so.
      endsAt: a.status === 'resolved' ? (validEnds && validEnds <= now ? validEnds : now) : null,
      generatorUrl: a.generatorURL ?? null,
    };
  });
}
