import { z } from 'zod';
import { alertAnnotations, alertLabels, storableText } from './alertLabels';
import type { IncomingAlert } from './IncomingAlert';

/** DEFAULT_RESOLVE_TIMEOUT_MS is Alertmanager's resolve_timeout: an alert without endsAt resolves if not re-sent. */
export const DEFAULT_RESOLVE_TIMEOUT_MS = 5 * 60_000;

const PostableAlert = z.object({
  labels: alertLabels.refine((l) => Object.keys(l).length > 0, 'an alert needs at least one label'),
  annotations: alertAnnotations.default({}),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  // Stored as text: a NUL in it was a 500 (found by the fuzz drill).
  generatorURL: storableText(4096, 'generatorURL').optional(),
});

/** PostableAlerts is the body of Alertmanager's `POST /api/v2/alerts`, which Prometheus sends. */
export const PostableAlerts = z.array(PostableAlert).min(1, 'send at least one alert').max(10_000);

/** fromPostableAlerts applies Alertmanager's defaults: startsAt now, endsAt now + resolve timeout. */
export function fromPostableAlerts(
  body: z.output<typeof PostableAlerts>,
  now: Date,
  resolveTimeoutMs = DEFAULT_RESOLVE_TIMEOUT_MS,
): IncomingAlert[] {
  return body.map((a) => ({
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt ? new Date(a.startsAt) : now,
    endsAt: a.endsAt ? new Date(a.endsAt) : new Date(now.getTime() + resolveTimeoutMs),
    generatorUrl: a.generatorURL ?? null,
  }));
}
