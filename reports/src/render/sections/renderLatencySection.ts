import type { TenantWeeklyReport } from '../../report/WeeklyReport';
import { renderLatencyTrendChart } from '../charts/renderLatencyTrendChart';
import { escapeHtml } from '../escapeHtml';
import { formatMilliseconds } from '../format/formatMilliseconds';
import { formatPercent } from '../format/formatPercent';
import { renderTable } from '../renderTable';

function p99Change(change: number | null, previousWeeks: number): string {
  if (change === null) return 'There are no earlier weeks with traffic to compare p99 with.';
  // p99ChangePercent is against the earlier weeks that had traffic, so only those are counted here.
  const against = `compared with the mean of the previous ${previousWeeks} ${previousWeeks === 1 ? 'week' : 'weeks'} with traffic`;
  if (change === 0) return `p99 is unchanged ${against}.`;
  // Slower is worse, so "up" is flagged as bad and "down" as good, in words as well as colour.
  return change > 0
    ? `<strong class="worse">p99 up ${formatPercent(change, 1)} ▲</strong> ${against}.`
    : `<strong class="better">p99 down ${formatPercent(-change, 1)} ▼</strong> ${against}.`;
}

/**
 * renderLatencySection gives this week's p50/p95/p99, how p99 moved against the previous weeks, and the
 * trend as a chart with its figures in a table.
 */
export function renderLatencySection(report: TenantWeeklyReport): string {
  const { latency } = report;
  const now =
    latency.p99 === null
      ? '<p>No traffic this week, so there is no latency to report.</p>'
      : `<p class="lead">This week: p50 <strong>${formatMilliseconds(latency.p50)}</strong> · ` +
        `p95 <strong>${formatMilliseconds(latency.p95)}</strong> · p99 <strong>${formatMilliseconds(latency.p99)}</strong>. ` +
        `${p99Change(latency.p99ChangePercent, latency.trend.slice(0, -1).filter((w) => w.p99 !== null).length)}</p>`;
  const table = renderTable(
    [
      { heading: 'Week' },
      { heading: 'p50', numeric: true },
      { heading: 'p95', numeric: true },
      { heading: 'p99', numeric: true },
    ],
    latency.trend.map((w, i) => [
      `${escapeHtml(w.label)}${i === latency.trend.length - 1 ? ' (this week)' : ''}`,
      formatMilliseconds(w.p50),
      formatMilliseconds(w.p95),
      formatMilliseconds(w.p99),
    ]),
    'compact',
  );
  return (
    `<section class="keep" aria-labelledby="latency"><h2 id="latency">Latency</h2>\n${now}\n` +
    `<figure>${renderLatencyTrendChart(latency.trend)}</figure>\n${table}\n</section>`
  );
}
