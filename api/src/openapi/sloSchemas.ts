import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { TenantId } from '@sightline/contracts';
import { z } from 'zod';

// The shapes of the alerting service's internal SLO API (alerting/README.md), as the api re-serves them.
// Objects are not strict: a field alerting adds later is dropped here rather than failing every request.
extendZodWithOpenApi(z);

const SLO_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const MAX_HISTORY_DAYS = 35;
const ratio = z.number().nullable();

/** SloParams are the path parameters of /v1/tenants/:id/slos/:slo/…. */
export const SloParams = z.object({
  id: TenantId.clone().openapi({ param: { name: 'id', in: 'path', description: 'tenant id' } }),
  slo: z
    .string()
    .regex(SLO_NAME, 'slo must be 1-63 of [a-z0-9_-]')
    .openapi({ param: { name: 'slo', in: 'path', description: 'SLO name' }, example: 'availability' }),
});

const instant = (name: string, fallback: string) =>
  z.iso.datetime({ offset: true }).openapi({
    param: { name, in: 'query', description: `ISO 8601 instant with a zone; ${fallback} when absent` },
    example: '2026-03-01T12:00:00Z',
  });

/** SloHistoryQuery is the query string of GET /v1/tenants/:id/slos/:slo/history (at most 35 days). */
export const SloHistoryQuery = z
  .strictObject({ from: instant('from', '24 h before to').optional(), to: instant('to', 'now').optional() })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
  })
  .refine(
    (q) =>
      q.from === undefined ||
      q.to === undefined ||
      Date.parse(q.to) - Date.parse(q.from) <= MAX_HISTORY_DAYS * 86_400_000,
    { message: `the range may span at most ${MAX_HISTORY_DAYS} days` },
  );

/** SloAlertsQuery is the query string of GET /v1/slo-alerts. */
export const SloAlertsQuery = z.strictObject({
  tenant: TenantId.clone()
    .optional()
    .openapi({
      param: {
        name: 'tenant',
        in: 'query',
        description: 'tenant whose alerts to list; platform users may omit it, tenant users get their own',
      },
    }),
  state: z
    .enum(['firing', 'resolved'])
    .optional()
    .openapi({ param: { name: 'state', in: 'query', description: 'only firing or only resolved events' } }),
});

/** WindowMeasure is one SLO's error ratio and burn rate over one window. */
export const WindowMeasure = z
  .object({
    errorRatio: ratio,
    burnRate: ratio.describe('errorRatio ÷ (1 − objective); 1 spends the budget exactly over the period'),
    validEvents: z.number().nonnegative(),
    badEvents: z.number().nonnegative(),
  })
  .openapi('WindowMeasure');

/** FiringSloAlert is a burn-rate alert that fires now. */
export const FiringSloAlert = z
  .object({
    labels: z.record(z.string(), z.string()),
    annotations: z.record(z.string(), z.string()),
    startsAt: z.string(),
    longBurnRate: ratio,
    shortBurnRate: ratio,
  })
  .openapi('FiringSloAlert');

/** BurnRateAlertRule is one of an SLO's four multi-window burn-rate alerts and its threshold. */
export const BurnRateAlertRule = z
  .object({
    alertname: z.string(),
    severity: z.enum(['page', 'ticket']),
    burnrateTier: z.string(),
    factor: z.number().describe('fires when both windows burn faster than this'),
    longWindow: z.string(),
    shortWindow: z.string(),
  })
  .openapi('BurnRateAlertRule');

/** AlertingSloDefinition is one entry of alerting's GET /internal/v1/slos. */
export const AlertingSloDefinition = z.object({
  tenant: z.string(),
  slo: z.string(),
  service: z.string(),
  description: z.string(),
  objective: z.number(),
  period: z.string(),
  alerts: z.array(BurnRateAlertRule),
});

/** AlertingSloList is alerting's GET /internal/v1/slos body (the api reads only the definitions). */
export const AlertingSloList = z.object({ slos: z.array(AlertingSloDefinition) });
/** AlertingSloList is alerting's SLO definitions. */
export type AlertingSloList = z.infer<typeof AlertingSloList>;

const SloStatusFields = {
  slo: z.string(),
  objective: z.number(),
  period: z.string(),
  sli: ratio.describe('good ratio over the period; null before the first evaluation or without traffic'),
  errorBudgetRemaining: ratio.describe('1 untouched, 0 spent, negative overspent'),
  timeToExhaustionSeconds: z.number().nullable().describe('at the current 1h burn; null when not burning'),
  burnRates: z.record(z.string(), ratio).nullable().describe('burn rate per window, the period included'),
  windows: z.record(z.string(), WindowMeasure).nullable(),
  firingAlerts: z.array(FiringSloAlert),
};

/** AlertingTenantSlos is alerting's GET /internal/v1/tenants/:tenant/slos body. */
export const AlertingTenantSlos = z.object({
  tenant: z.string(),
  evaluatedAt: z.string().nullable(),
  slos: z.array(z.object(SloStatusFields)),
});
/** AlertingTenantSlos is one tenant's SLO status as alerting serves it. */
export type AlertingTenantSlos = z.infer<typeof AlertingTenantSlos>;

/** SloStatus is one SLO's current status with its definition and alert thresholds. */
export const SloStatus = z
  .object({
    ...SloStatusFields,
    service: z.string(),
    description: z.string(),
    alerts: z.array(BurnRateAlertRule),
  })
  .openapi('SloStatus');
/** SloStatus is one SLO's current status. */
export type SloStatus = z.infer<typeof SloStatus>;

/** TenantSloStatus is the body of GET /v1/tenants/:id/slos. */
export const TenantSloStatus = z
  .object({
    tenant: TenantId,
    evaluatedAt: z.string().nullable().describe('last evaluation; null before the first'),
    slos: z.array(SloStatus),
  })
  .openapi('TenantSloStatus');
/** TenantSloStatus is every SLO of one tenant. */
export type TenantSloStatus = z.infer<typeof TenantSloStatus>;

/** SloHistory is the body of GET /v1/tenants/:id/slos/:slo/history: one snapshot per step, oldest first. */
export const SloHistory = z
  .object({
    tenant: z.string(),
    slo: z.string(),
    from: z.string(),
    to: z.string(),
    stepSeconds: z.number().int().positive(),
    points: z
      .array(
        z.object({
          at: z.string(),
          sli: ratio,
          errorBudgetRemaining: ratio,
          timeToExhaustionSeconds: z.number().nullable(),
          burnRates: z.record(z.string(), ratio),
        }),
      )
      .max(1000),
  })
  .openapi('SloHistory');
/** SloHistory is one SLO's budget history. */
export type SloHistory = z.infer<typeof SloHistory>;

/** SloAlertEvent is one firing or resolved burn-rate alert event. */
export const SloAlertEvent = z
  .object({
    id: z.number().int(),
    fingerprint: z.string(),
    state: z.enum(['firing', 'resolved']),
    labels: z.record(z.string(), z.string()).describe('alertname, severity, burnrate_tier, tenant, slo'),
    annotations: z.record(z.string(), z.string()),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    longBurnRate: ratio,
    shortBurnRate: ratio,
    createdAt: z.string(),
  })
  .openapi('SloAlertEvent');
/** SloAlertEvent is one alert event. */
export type SloAlertEvent = z.infer<typeof SloAlertEvent>;

/** SloAlertList is the body of GET /v1/slo-alerts, newest first. */
export const SloAlertList = z.object({ events: z.array(SloAlertEvent) }).openapi('SloAlertList');
/** SloAlertList is a page of alert events. */
export type SloAlertList = z.infer<typeof SloAlertList>;
