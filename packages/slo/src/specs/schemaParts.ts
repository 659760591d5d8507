import { z } from 'zod';
import { SLI_WINDOWS, SLO_PERIODS } from '../windows';

/** WINDOW_PLACEHOLDER is where a query's range goes, as in Sloth: `rate(x[{{.window}}])`. */
export const WINDOW_PLACEHOLDER = '{{.window}}';

/** SloName is an SLO name: it becomes a Prometheus label value and part of rule group names. */
export const SloName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be 1-63 of [a-z0-9_-], starting with a letter or digit');

/** SliQuery is a PromQL per-second rate with the window placeholder in it. */
export const SliQuery = z
  .string()
  .min(1)
  .refine((q) => q.includes(WINDOW_PLACEHOLDER), `must contain ${WINDOW_PLACEHOLDER} where the range goes`);

/** ObjectivePercent is an objective written as a percentage, e.g. 99.9. */
export const ObjectivePercent = z
  .number()
  .gt(0, 'must be above 0')
  .lt(100, 'must be below 100 (an SLO of 100 % leaves no error budget)');

/** Period is one of the SLO periods the burn-rate maths is scaled for. */
export const Period = z.enum(SLO_PERIODS, { message: `must be one of ${SLO_PERIODS.join(', ')}` });

/** MinEvents is a single minimum for every window, or a minimum per window. */
export const MinEvents = z.union([
  z.number().int().nonnegative(),
  z
    .partialRecord(z.enum(SLI_WINDOWS), z.number().int().nonnegative())
    .refine((r) => Object.keys(r).length > 0, {
      message: 'must name at least one window',
    }),
]);

/** StringMap is a map of label or annotation names to string values. */
export const StringMap = z.record(
  z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'not a valid label name'),
  z.string(),
);
