import { BigValueGraphMode, ReduceDataOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import { ThresholdsConfigBuilder, ThresholdsMode } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PROMETHEUS_DATASOURCE } from './PROMETHEUS_DATASOURCE';
import type { PromQuery } from './promQuery';
import { promQuery } from './promQuery';

/** StatOptions describe one single-value panel. */
export interface StatOptions {
  title: string;
  description: string;
  unit: string;
  query: PromQuery;
  decimals?: number;
  /** Colour steps, lowest first; the first step starts at minus infinity. */
  steps?: { value: number | null; color: string }[];
}

/** statPanel builds a single-value panel showing the last value of one Prometheus query. */
export function statPanel(o: StatOptions): PanelBuilder {
  const b = new PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(PROMETHEUS_DATASOURCE)
    .unit(o.unit)
    .span(6)
    .height(5)
    .graphMode(BigValueGraphMode.Area)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']))
    .withTarget(promQuery(o.query, 0))
    .thresholds(
      new ThresholdsConfigBuilder()
        .mode(ThresholdsMode.Absolute)
        .steps(o.steps ?? [{ value: null, color: 'blue' }]),
    );
  if (o.decimals !== undefined) b.decimals(o.decimals);
  return b;
}
