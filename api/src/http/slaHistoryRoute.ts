import { BadRequestError, ForbiddenError, NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { canSeeTenant, principalOf } from '@sightline/authn';
import type { CollectorClient } from '../clients/CollectorClient';
import type { GatewayAdminClient } from '../clients/GatewayAdminClient';
import { TenantParams } from '../openapi/apiSchemas';
import { MAX_SERIES_STEPS, SERIES_STEPS, SlaHistoryQuery } from '../openapi/slaHistorySchemas';
import type { SeriesStep } from '../openapi/slaHistorySchemas';
import { computeSlaHistory } from '../sla/computeSlaHistory';

const DEFAULT_RANGE_MS = 3_600_000;

/**
 * slaHistoryRoute handles GET /v1/tenants/:id/sla/history?from=&to=&step=: availability and p50/p95/p99 per
 * step, from the collector's rollup series. The range is checked against the collector's bounds here, so a
 * request it would refuse never leaves the api.
 */
export function slaHistoryRoute(
  gateway: GatewayAdminClient,
  collector: CollectorClient,
  now: () => Date = () => new Date(),
): RequestHandler {
  return async (req, res) => {
    const { id } = TenantParams.parse(req.params);
    const query = SlaHistoryQuery.parse(req.query);
    if (!canSeeTenant(principalOf(res), id)) throw new ForbiddenError('this token may not see that tenant');
    const toMs = query.to === undefined ? now().getTime() : Date.parse(query.to);
    const fromMs = query.from === undefined ? toMs - DEFAULT_RANGE_MS : Date.parse(query.from);
    if (fromMs >= toMs) throw new BadRequestError('from must be before to');
    const step = query.step ?? shortestStep(toMs - fromMs);
    if (Math.ceil((toMs - fromMs) / (SERIES_STEPS[step] * 1000)) > MAX_SERIES_STEPS)
      throw new BadRequestError(`the range spans more than ${MAX_SERIES_STEPS} steps of ${step}`);
    const tenant = await gateway.findTenant(id);
    if (!tenant) throw new NotFoundError(`no tenant ${id}`);
    const series = await collector.series(
      id,
      new Date(fromMs).toISOString(),
      new Date(toMs).toISOString(),
      step,
    );
    res.set('cache-control', 'no-store').json(computeSlaHistory(series, tenant));
  };
}

function shortestStep(rangeMs: number): SeriesStep {
  const steps = Object.entries(SERIES_STEPS) as [SeriesStep, number][];
  const fit = steps.find(([, seconds]) => Math.ceil(rangeMs / (seconds * 1000)) <= MAX_SERIES_STEPS);
  // Past 2000 days even a day step is too fine; the step check refuses it with a clear message.
  return fit?.[0] ?? '1d';
}
