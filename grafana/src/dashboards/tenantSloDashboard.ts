import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { labelVariable } from '../panels/labelVariable';
import { statPanel } from '../panels/statPanel';
import { timeSeriesPanel } from '../panels/timeSeriesPanel';

const T = 'tenant="$tenant"';
const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
const latency = (q: number): string =>
  `histogram_quantile(${q}, sum by (le) (rate(gateway_request_duration_seconds_bucket{${T}}[$__rate_interval])))`;

/** tenantSloDashboard shows one tenant's SLOs: availability, budget burn-down, burn rates and latency. */
export function tenantSloDashboard(): DashboardBuilder {
  return new DashboardBuilder('Sightline / Tenant SLO')
    .uid('sightline-tenant-slo')
    .description(
      'Per-tenant SLOs generated from rules/slos: availability, error budget, burn rates, latency.',
    )
    .tags(['sightline', 'slo', 'generated'])
    .time({ from: 'now-7d', to: 'now' })
    .refresh('1m')
    .timezone('utc')
    .withVariable(labelVariable({ name: 'tenant', label: 'tenant', metric: 'slo:objective:ratio' }))
    .withVariable(
      labelVariable({ name: 'slo', label: 'slo', metric: `slo:objective:ratio{${T}}`, multi: true }),
    )
    .withRow(new RowBuilder('Objectives'))
    .withPanel(
      statPanel({
        title: 'Availability over the SLO period',
        description: '1 − 5xx / (requests − 429) over the whole period; 429s are not outages.',
        unit: 'percentunit',
        decimals: 3,
        query: { expr: `1 - slo:period_error:ratio{${T}, slo="availability"}` },
      }),
    )
    .withPanel(
      statPanel({
        title: 'Availability objective',
        description: "The tenant's availability objective (tier contract or override).",
        unit: 'percentunit',
        decimals: 3,
        query: { expr: `slo:objective:ratio{${T}, slo="availability"}` },
      }),
    )
    .withPanel(
      statPanel({
        title: 'Error budget remaining',
        description: 'Share of the period error budget left: 1 untouched, 0 exhausted, negative overspent.',
        unit: 'percentunit',
        decimals: 1,
        query: { expr: `slo:period_error_budget_remaining:ratio{${T}, slo="availability"}` },
        steps: [
          { value: null, color: 'red' },
          { value: 0, color: 'orange' },
          { value: 0.25, color: 'green' },
        ],
      }),
    )
    .withPanel(
      statPanel({
        title: 'Latency p99 (5m)',
        description: 'p99 of gateway request duration, interpolated from the histogram.',
        unit: 's',
        decimals: 3,
        query: {
          expr: `histogram_quantile(0.99, sum by (le) (rate(gateway_request_duration_seconds_bucket{${T}}[5m])))`,
        },
      }),
    )
    .withRow(new RowBuilder('Availability and error budget'))
    .withPanel(
      timeSeriesPanel({
        title: 'Availability',
        description: 'Availability over 5m and 1h against the objective.',
        unit: 'percentunit',
        span: 12,
        queries: [
          { expr: `1 - slo:sli_error:ratio_rate5m{${T}, slo="availability"}`, legend: '5m' },
          { expr: `1 - slo:sli_error:ratio_rate1h{${T}, slo="availability"}`, legend: '1h' },
          { expr: `slo:objective:ratio{${T}, slo="availability"}`, legend: 'objective' },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Error budget burn-down',
        description: 'Error budget left over the rolling SLO period, per SLO.',
        unit: 'percentunit',
        span: 12,
        queries: [{ expr: `slo:period_error_budget_remaining:ratio{${T}, slo=~"$slo"}`, legend: '{{slo}}' }],
        lines: [{ value: 0, color: 'red' }],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Burn rate by window',
        description:
          'Error ratio ÷ error budget per window. Pages fire at 14.4× (1h and 5m) and 6× (6h and 30m), tickets at 3× (1d and 2h) and 1× (3d and 6h), for 30-day SLOs.',
        unit: 'x',
        span: 24,
        min: 0,
        queries: BURN_WINDOWS.map((w) => ({
          expr: `slo:sli_error:ratio_rate${w}{${T}, slo=~"$slo"} / on (tenant, slo) slo:error_budget:ratio{${T}, slo=~"$slo"}`,
          legend: `{{slo}} ${w}`,
        })),
        lines: [
          { value: 1, color: 'yellow' },
          { value: 6, color: 'orange' },
          { value: 14.4, color: 'red' },
        ],
      }),
    )
    .withRow(new RowBuilder('Latency'))
    .withPanel(
      timeSeriesPanel({
        title: 'Latency percentiles',
        description: 'p50, p95 and p99 of gateway request duration for the tenant.',
        unit: 's',
        queries: [
          { expr: latency(0.5), legend: 'p50' },
          { expr: latency(0.95), legend: 'p95' },
          { expr: latency(0.99), legend: 'p99' },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Slow requests (latency SLI)',
        description: 'Share of requests over the latency threshold, against the latency budget.',
        unit: 'percentunit',
        queries: [
          { expr: `slo:sli_error:ratio_rate5m{${T}, slo="latency"}`, legend: '5m' },
          { expr: `slo:sli_error:ratio_rate1h{${T}, slo="latency"}`, legend: '1h' },
          { expr: `slo:error_budget:ratio{${T}, slo="latency"}`, legend: 'budget' },
        ],
      }),
    );
}
