import { BadRequestError } from '@sightline/http';
import { parseIsoInstant } from './parseIsoInstant';
import { singleQueryParams } from './singleQueryParams';

/** ROLLUP_SERIES_STEP_SECONDS maps every step the rollup series endpoint accepts to its length in seconds. */
export const ROLLUP_SERIES_STEP_SECONDS: Readonly<Record<string, number>> = {
  '10s': 10,
  '1m': 60,
  '5m': 300,
  '1h': 3600,
  '1d': 86_400,
  // Quarter hours align weeks in zones with a :45 or :30 offset (Asia/Kathmandu is +05:45).
  '15m': 900,
};

/** MAX_SERIES_STEPS bounds how many epoch-aligned steps one series request may span. */
export const MAX_SERIES_STEPS = 2000;

/** RollupSeriesQuery is a validated request for one tenant's rollups per step over [from, to). */
export interface RollupSeriesQuery {
  from: Date;
  to: Date;
  step: string;
  stepSeconds: number;
}

/** parseRollupSeriesQuery validates `?from=&to=&step=` of GET /internal/v1/rollups/:tenant/series; anything else is a 400. */
export function parseRollupSeriesQuery(query: Record<string, unknown>): RollupSeriesQuery {
  const params = singleQueryParams(query, ['from', 'to', 'step']);
  const from = parseIsoInstant(params.from, 'from');
  const to = parseIsoInstant(params.to, 'to');
  if (from.getTime() >= to.getTime()) throw new BadRequestError('from must be before to');
  const step = params.step;
  const accepted = Object.keys(ROLLUP_SERIES_STEP_SECONDS);
  const stepSeconds =
    step !== undefined && Object.hasOwn(ROLLUP_SERIES_STEP_SECONDS, step)
      ? ROLLUP_SERIES_STEP_SECONDS[step]
      : undefined;
  if (step === undefined || stepSeconds === undefined)
    throw new BadRequestError(`step is required: one of ${accepted.join(', ')}`);
  const stepMs = stepSeconds * 1000;
  const steps = Math.ceil(to.getTime() / stepMs) - Math.floor(from.getTime() / stepMs);
  if (steps > MAX_SERIES_STEPS)
    throw new BadRequestError(
      `from..to spans ${steps} steps of ${step}; at most ${MAX_SERIES_STEPS} are allowed (use a larger step)`,
    );
  return { from, to, step, stepSeconds };
}
