import { BadRequestError } from '@sightline/http';
import { singleQueryParams } from './singleQueryParams';

/** ROLLUP_WINDOW_SECONDS maps every window the multi-window rollups endpoint accepts to its length in seconds. */
export const ROLLUP_WINDOW_SECONDS: Readonly<Record<string, number>> = {
  '5m': 300,
  '30m': 1800,
  '1h': 3600,
  '2h': 7200,
  '6h': 21_600,
  '1d': 86_400,
  '3d': 259_200,
  '7d': 604_800,
  '28d': 2_419_200,
  '30d': 2_592_000,
};

const ACCEPTED = Object.keys(ROLLUP_WINDOW_SECONDS);
const MAX_WINDOWS = ACCEPTED.length;

/** RollupWindowSpec is one requested window: its name as asked and its length. */
export interface RollupWindowSpec {
  name: string;
  seconds: number;
}

/** parseRollupWindowsQuery validates `?windows=5m,30m,…` of GET /internal/v1/rollups/:tenant/windows; anything else is a 400. */
export function parseRollupWindowsQuery(query: Record<string, unknown>): RollupWindowSpec[] {
  const { windows } = singleQueryParams(query, ['windows']);
  if (windows === undefined || windows.length === 0)
    throw new BadRequestError(`windows is required: a comma-separated list of ${ACCEPTED.join(', ')}`);
  const names = windows.split(',');
  if (names.length > MAX_WINDOWS) throw new BadRequestError(`windows takes at most ${MAX_WINDOWS} windows`);
  const seen = new Set<string>();
  return names.map((name) => {
    const seconds = Object.hasOwn(ROLLUP_WINDOW_SECONDS, name) ? ROLLUP_WINDOW_SECONDS[name] : undefined;
    if (seconds === undefined)
      throw new BadRequestError(
        `window ${JSON.stringify(name.slice(0, 20))} is not one of ${ACCEPTED.join(', ')}`,
      );
    if (seen.has(name)) throw new BadRequestError(`window ${name} is repeated`);
    seen.add(name);
    return { name, seconds };
  });
}
