import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TextPanelBuilder, TextMode } from '@grafana/grafana-foundation-sdk/text';
import { timeSeriesPanel } from '../panels/timeSeriesPanel';

const R = '[$__rate_interval]';

/** alertingDashboard shows firing SLO alerts and placeholder panels for the alert engine (issue 6). */
export function alertingDashboard(): DashboardBuilder {
  return new DashboardBuilder('Sightline / Alerting')
    .uid('sightline-alerting')
    .description(
      'Firing alerts from the generated rules, and the alert engine pipeline (placeholders until issue 6).',
    )
    .tags(['sightline', 'alerting', 'generated'])
    .time({ from: 'now-24h', to: 'now' })
    .refresh('30s')
    .timezone('utc')
    .withRow(new RowBuilder('Prometheus alerts'))
    .withPanel(
      timeSeriesPanel({
        title: 'Firing SLO burn alerts',
        description: 'SloErrorBudgetBurn alerts firing, by tenant, SLO and burn-rate tier.',
        unit: 'short',
        span: 24,
        queries: [
          {
            expr: 'sum by (tenant, slo, burnrate_tier) (ALERTS{alertname="SloErrorBudgetBurn", alertstate="firing"})',
            legend: '{{tenant}} {{slo}} {{burnrate_tier}}',
          },
        ],
      }),
    )
    .withRow(new RowBuilder('Alert engine (placeholders)'))
    .withPanel(
      new TextPanelBuilder()
        .title('About these panels')
        .mode(TextMode.Markdown)
        .span(24)
        .height(3)
        .content(
          'The alert engine (issue 6) will export `sightline_alerts_*` metrics. These panels query the names it is expected to use; they stay empty until it does.',
        ),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Alerts received',
        description: 'Alert events received per second, by source (prometheus or the SLO engine).',
        unit: 'ops',
        queries: [
          { expr: `sum by (source) (rate(sightline_alerts_received_total${R}))`, legend: '{{source}}' },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Active alerts',
        description: 'Alerts currently open, by state (firing, acknowledged, silenced, inhibited).',
        unit: 'short',
        queries: [{ expr: 'sum by (state) (sightline_alerts_active)', legend: '{{state}}' }],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Notifications',
        description: 'Notifications sent per second, by integration and outcome.',
        unit: 'ops',
        queries: [
          {
            expr: `sum by (integration, outcome) (rate(sightline_alerts_notifications_total${R}))`,
            legend: '{{integration}} {{outcome}}',
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Breach to page latency (p99)',
        description: 'Time from an alert being evaluated to its notification posted; the target is 5 s.',
        unit: 's',
        queries: [
          {
            expr: `histogram_quantile(0.99, sum by (le, integration) (rate(sightline_alerts_notification_latency_seconds_bucket${R})))`,
            legend: '{{integration}}',
          },
        ],
        lines: [{ value: 5, color: 'red' }],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Escalations',
        description: 'Escalations per second (an alert nobody acknowledged in time).',
        unit: 'ops',
        queries: [{ expr: `sum(rate(sightline_alerts_escalations_total${R}))`, legend: 'escalations' }],
      }),
    );
}
