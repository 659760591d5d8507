import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { labelVariable } from '../panels/labelVariable';
import { timeSeriesPanel } from '../panels/timeSeriesPanel';

const T = 'tenant=~"$tenant"';
const R = '[$__rate_interval]';
const latency = (q: number): string =>
  `histogram_quantile(${q}, sum by (le) (rate(gateway_request_duration_seconds_bucket{${T}}${R})))`;

/** gatewayDashboard shows the gateway's RED metrics and its rate limiter's decisions and health. */
export function gatewayDashboard(): DashboardBuilder {
  return new DashboardBuilder('Sightline / Gateway')
    .uid('sightline-gateway')
    .description('Gateway rate, errors and duration per tenant, and rate-limit decisions.')
    .tags(['sightline', 'gateway', 'generated'])
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s')
    .timezone('utc')
    .withVariable(
      labelVariable({ name: 'tenant', label: 'tenant', metric: 'gateway_requests_total', multi: true }),
    )
    .withRow(new RowBuilder('RED'))
    .withPanel(
      timeSeriesPanel({
        title: 'Rate',
        description: 'Requests per second the proxy answered, per tenant (429s included).',
        unit: 'reqps',
        queries: [{ expr: `sum by (tenant) (rate(gateway_requests_total{${T}}${R}))`, legend: '{{tenant}}' }],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Errors',
        description: '5xx ÷ (requests − 429) per tenant: the availability SLI.',
        unit: 'percentunit',
        queries: [
          {
            expr: `sum by (tenant) (rate(gateway_requests_total{${T}, code=~"5.."}${R})) / sum by (tenant) (rate(gateway_requests_total{${T}, code!="429"}${R}))`,
            legend: '{{tenant}}',
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Duration',
        description: 'p50, p95 and p99 of request duration across the selected tenants.',
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
        title: 'Responses by status code',
        description: 'Responses per second by HTTP status code.',
        unit: 'reqps',
        queries: [{ expr: `sum by (code) (rate(gateway_requests_total{${T}}${R}))`, legend: '{{code}}' }],
      }),
    )
    .withRow(new RowBuilder('Rate limiting'))
    .withPanel(
      timeSeriesPanel({
        title: 'Rate-limit decisions',
        description: 'Allowed and limited decisions per second, per tenant.',
        unit: 'reqps',
        queries: [
          {
            expr: `sum by (tenant, decision) (rate(gateway_ratelimit_decisions_total{${T}}${R}))`,
            legend: '{{tenant}} {{decision}}',
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Limited share',
        description: 'Share of decisions that refused the request, per tenant.',
        unit: 'percentunit',
        queries: [
          {
            expr: `sum by (tenant) (rate(gateway_ratelimit_decisions_total{${T}, decision="limited"}${R})) / sum by (tenant) (rate(gateway_ratelimit_decisions_total{${T}}${R}))`,
            legend: '{{tenant}}',
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Limiter mode',
        description: '1 while a replica runs on that limiter mode; fallback means Redis is unreachable.',
        unit: 'none',
        queries: [
          { expr: 'max by (instance, mode) (gateway_limiter_mode)', legend: '{{instance}} {{mode}}' },
          {
            expr: 'max by (instance, backend) (gateway_limiter_backend)',
            legend: '{{instance}} {{backend}}',
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Limiter errors and mode switches',
        description:
          'Limiter store failures per second (each let the request through), and switches between Redis and the fallback.',
        unit: 'ops',
        queries: [
          { expr: `sum by (instance) (rate(gateway_limiter_errors_total${R}))`, legend: '{{instance}}' },
        ],
      }),
    );
}
