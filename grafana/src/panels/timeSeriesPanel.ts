import {
  LegendDisplayMode,
  LegendPlacement,
  VizLegendOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
} from '@grafana/grafana-foundation-sdk/common';
import { ThresholdsConfigBuilder, ThresholdsMode } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { PROMETHEUS_DATASOURCE } from './PROMETHEUS_DATASOURCE';
import type { PromQuery } from './promQuery';
import { promQuery } from './promQuery';

/** TimeSeriesOptions describe one graph panel. */
export interface TimeSeriesOptions {
  title: string;
  description: string;
  unit: string;
  queries: PromQuery[];
  /** Reference lines (e.g. burn-rate factors), drawn dashed. */
  lines?: { value: number; color: string }[];
  min?: number;
  span?: number;
}

/** timeSeriesPanel builds a graph panel over Prometheus queries, legend as a table at the bottom. */
export function timeSeriesPanel(o: TimeSeriesOptions): PanelBuilder {
  const b = new PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(PROMETHEUS_DATASOURCE)
    .unit(o.unit)
    .span(o.span ?? 12)
    .height(8)
    .legend(
      new VizLegendOptionsBuilder()
        .displayMode(LegendDisplayMode.Table)
        .placement(LegendPlacement.Bottom)
        .showLegend(true)
        .calcs(['lastNotNull', 'max']),
    );
  o.queries.forEach((q, i) => b.withTarget(promQuery(q, i)));
  if (o.min !== undefined) b.min(o.min);
  if (o.lines) {
    b.thresholdsStyle(
      new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed),
    ).thresholds(
      new ThresholdsConfigBuilder()
        .mode(ThresholdsMode.Absolute)
        .steps([{ value: null, color: 'transparent' }, ...o.lines]),
    );
  }
  return b;
}
