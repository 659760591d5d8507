import type { SliWindow, SloPeriod } from './windows';

/** SpecSource says which spec format an SLO came from, and from which file. */
export interface SpecSource {
  kind: 'sloth' | 'openslo' | 'tier';
  file: string;
}

/** AlertingOptions are the per-SLO alert customisations a spec may carry. */
export interface AlertingOptions {
  /** alertname of the burn-rate alerts; `SloErrorBudgetBurn` unless the spec names one. */
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  pageLabels: Record<string, string>;
  ticketLabels: Record<string, string>;
  pageDisabled: boolean;
  ticketDisabled: boolean;
}

/**
 * RollupSli says how a gateway SLI is counted from the collector's per-tenant rollups, for the SLOs whose
 * PromQL SLI has such a twin (the tier-contract SLOs).
 */
export type RollupSli =
  /** availability: 5xx out of all requests but 429s. */
  | { kind: 'availability' }
  /** latency: requests slower than `boundMs` (a LATENCY_BUCKETS_MS bound) out of all requests. */
  | { kind: 'latency'; thresholdMs: number; boundMs: number };

/** SloDefinition is one tenant's SLO after parsing, whatever format it was written in. */
export interface SloDefinition {
  tenant: string;
  /** slo is the SLO's name, unique per tenant; it becomes the `slo` label. */
  slo: string;
  service: string;
  description: string;
  /** objective is a fraction, e.g. 0.999. */
  objective: number;
  period: SloPeriod;
  /** Per-second rates of bad and of valid events, with `{{.window}}` where the range goes. */
  sli: { errorQuery: string; totalQuery: string };
  /** minEvents is the fewest valid events a window must hold before an alert may use it. */
  minEvents: Record<SliWindow, number>;
  /** rollupSli is set when collector rollups can answer the SLI too; Prometheus-only SLIs leave it out. */
  rollupSli?: RollupSli;
  alerting: AlertingOptions;
  source: SpecSource;
}
