import type { Drill } from './Drill';
import { redisOutageDrill } from './drills/redisOutageDrill';
import { spikeDrill } from './drills/spikeDrill';
import { postgresFailoverDrill } from './drills/postgresFailoverDrill';
import { exporterOutageDrill } from './drills/exporterOutageDrill';
import { alertEngineKillDrill } from './drills/alertEngineKillDrill';
import { soakDrill } from './drills/soakDrill';
import { fuzzDrill } from './drills/fuzzDrill';
import { supplyChainDrill } from './drills/supplyChainDrill';
import { secretsScanDrill } from './drills/secretsScanDrill';

/** DRILLS is the registry of every drill, in the order `npm run drills` runs them. */
export const DRILLS: readonly Drill[] = [
  redisOutageDrill,
  spikeDrill,
  postgresFailoverDrill,
  exporterOutageDrill,
  alertEngineKillDrill,
  soakDrill,
  fuzzDrill,
  supplyChainDrill,
  secretsScanDrill,
];
