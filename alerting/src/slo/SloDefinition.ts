import type { SliWindow, SloPeriod } from './windows';

/** RollupSli says how an SLO's bad and valid events are counted from the collector's rollups. */
export type RollupSli =
  /** availability: 5xx out of all requests but 429s. */
  | { kind: 'availability' }
  /** latency: requests slower than `boundMs` (a LATENCY_BUCKETS_MS bound) out of all requests. */
  | { kind: 'latency'; thresholdMs: number; boundMs: number };

/** SloDefinition is one tenant SLO the engine can evaluate from rollups. */
export interface SloDefinition {
  tenant: string;
  /** slo is unique per tenant; it is the `slo` label. */
  slo: string;
  service: string;
  description: string;
  /** objective is a fraction, e.g. 0.999. */
  objective: number;
  period: SloPeriod;
  sli: RollupSli;
  /** minEvents is the fewest valid events a window must hold before an alert may use it. */
  minEvents: Record<SliWindow, number>;
  /** alertName is the alertname of the burn-rate alerts. */
  alertName: string;
  /** source is the spec file, relative to the specs folder. */
  source: string;
}
