import type { TenantWeeklyReport } from '../../report/WeeklyReport';
import { renderAvailabilityChart } from '../charts/renderAvailabilityChart';
import { formatCount } from '../format/formatCount';
import { formatLocalDate } from '../format/formatLocalDate';
import { formatMilliseconds } from '../format/formatMilliseconds';
import { formatSloPercent } from '../format/formatSloPercent';
import { renderTable } from '../renderTable';
import { trafficAvailabilityObjective } from './trafficAvailabilityObjective';

/**
 * renderAvailabilitySection shows each local day's availability as a chart against the availability objective
 * of the whole traffic, with the day's figures in a table beneath (the chart's text alternative, and where a 23- or
 * 25-hour day shows).
 */
export function renderAvailabilitySection(report: TenantWeeklyReport): string {
  const objective = trafficAvailabilityObjective(report);
  const rows = report.days.map((d) => {
    let availability = 'No traffic';
    if (d.availabilityPercent !== null) {
      availability = formatSloPercent(d.availabilityPercent, objective);
      if (objective !== null && d.availabilityPercent < objective) {
        availability = `<strong class="over">${availability} (below objective)</strong>`;
      }
    }
    return [
      formatLocalDate(d.date, 'cccc d LLLL'),
      formatCount(d.hours),
      formatCount(d.requests),
      formatCount(d.errors),
      formatCount(d.rateLimited),
      availability,
      formatMilliseconds(d.p99),
    ];
  });
  const table = renderTable(
    [
      { heading: 'Day' },
      { heading: 'Hours', numeric: true },
      { heading: 'Requests', numeric: true },
      { heading: 'Errors', numeric: true },
      { heading: 'Rate limited', numeric: true },
      { heading: 'Availability', numeric: true },
      { heading: 'p99', numeric: true },
    ],
    rows,
    'compact',
  );
  return (
    `<section class="keep new-page" aria-labelledby="availability"><h2 id="availability">Availability per day</h2>\n` +
    `<figure>${renderAvailabilityChart(report.days, objective)}</figure>\n${table}\n` +
    `<p class="muted">Availability counts failed requests against all requests except rate-limited ones: a 429 is not an outage.</p>\n</section>`
  );
}
