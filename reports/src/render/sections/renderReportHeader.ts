import { DateTime } from 'luxon';
import type { TenantWeeklyReport } from '../../report/WeeklyReport';
import { escapeHtml } from '../escapeHtml';
import { formatCount } from '../format/formatCount';
import { formatMilliseconds } from '../format/formatMilliseconds';
import { formatSloPercent } from '../format/formatSloPercent';
import { renderStatusBadge } from '../renderStatusBadge';
import { trafficAvailabilityObjective } from './trafficAvailabilityObjective';

function weekDates(report: TenantWeeklyReport): string {
  const zone = report.week.timeZone;
  const first = DateTime.fromISO(report.week.start, { zone, locale: 'en-GB' });
  // The week ends at the next Monday 00:00, so its last calendar day is the Sunday before.
  const last = DateTime.fromISO(report.week.end, { zone, locale: 'en-GB' }).minus({ days: 1 });
  if (!first.isValid || !last.isValid)
    return `${escapeHtml(report.week.startLocal)} – ${escapeHtml(report.week.endLocal)}`;
  return `${first.toFormat('cccc d LLLL')} – ${last.toFormat('cccc d LLLL yyyy')}`;
}

function keyFigures(report: TenantWeeklyReport): string {
  const { traffic, incidentStats, latency } = report;
  const figures: [string, string][] =
    traffic.requests === 0
      ? [['Traffic', 'No traffic this week']]
      : [
          ['Requests', formatCount(traffic.requests)],
          [
            'Availability',
            traffic.availabilityPercent === null
              ? 'No traffic'
              : formatSloPercent(traffic.availabilityPercent, trafficAvailabilityObjective(report)),
          ],
          ['p99 latency', formatMilliseconds(latency.p99)],
        ];
  figures.push([
    'Incidents',
    `${formatCount(incidentStats.count)}${incidentStats.count > 0 ? ` (${formatCount(incidentStats.paged)} paged)` : ''}`,
  ]);
  return `<dl class="figures">${figures.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

/**
 * renderReportHeader opens a tenant's report with what an executive needs first: the plain-language summary,
 * the status in colour and words, which week in which time zone, and why the week is not 168 hours long.
 */
export function renderReportHeader(report: TenantWeeklyReport): string {
  const { tenant, week } = report;
  const hours = `${week.hours} hours`;
  const lines = [
    `<p class="kicker">Weekly SLA report · ${escapeHtml(tenant.name)} · ${escapeHtml(tenant.tier)} tier</p>`,
    `<h1 class="summary">${escapeHtml(report.summary)}</h1>`,
    `<p class="status-line">${renderStatusBadge(report.status, 'Status: ')}</p>`,
    `<p class="week"><strong>${escapeHtml(week.label)}</strong>: ${weekDates(report)} · ${escapeHtml(week.timeZone)} · ${hours}</p>`,
    `<p class="muted">From ${escapeHtml(week.startLocal)} to ${escapeHtml(week.endLocal)} (Monday 00:00 to Monday 00:00, local time).</p>`,
  ];
  if (week.dstNote) lines.push(`<p class="dst-note" role="note">${escapeHtml(week.dstNote)}</p>`);
  lines.push(keyFigures(report));
  return `<header class="report-header">\n${lines.join('\n')}\n</header>`;
}
