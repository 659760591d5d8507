import type { FailingRoute } from '../../report/WeeklyReport';
import { escapeHtml } from '../escapeHtml';
import { formatCount } from '../format/formatCount';
import { formatPercent } from '../format/formatPercent';
import { renderTable } from '../renderTable';

/** renderFailingRoutesSection lists the routes with the most failed requests this week. */
export function renderFailingRoutesSection(routes: FailingRoute[]): string {
  const body =
    routes.length === 0
      ? '<p>No failing routes this week.</p>'
      : renderTable(
          [
            { heading: 'Route' },
            { heading: 'Requests', numeric: true },
            { heading: 'Errors', numeric: true },
            { heading: 'Error rate', numeric: true },
          ],
          routes.map((r) => [
            `<code>${escapeHtml(r.route)}</code>`,
            formatCount(r.requests),
            formatCount(r.errors),
            formatPercent(r.errorPercent, 3),
          ]),
        );
  return `<section class="keep" aria-labelledby="routes"><h2 id="routes">Top failing routes</h2>\n${body}\n</section>`;
}
