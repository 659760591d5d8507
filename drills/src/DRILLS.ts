import type { Drill } from './Drill';
import { redisOutageDrill } from './drills/redisOutageDrill';
import { spikeDrill } from './drills/spikeDrill';
import { postgresFailoverDrill } from './drills/postgresFailoverDrill';

/** DRILLS is the registry of every drill, in the order `npm run drills` runs them. */
export const DRILLS: readonly Drill[] = [redisOutageDrill, spikeDrill, postgresFailoverDrill];
