import type { ExecutiveRow, ExecutiveSummary } from '../report/WeeklyReport';
import { escapeHtml } from './escapeHtml';
import { formatCount } from './format/formatCount';
import { formatLocalTime } from './format/formatLocalTime';
import { formatPercent } from './format/formatPercent';
import { renderHtmlDocument } from './renderHtmlDocument';
import { renderStatusBadge } from './renderStatusBadge';

const MINUS = '\u2212';
// Fixed column widths: the tenant's name gets room, and each change fits "▲ +0.021 pts" on one line.
const COLUMNS = `<colgroup>${[3, 17, 11, 7, 11.5, 8, 11, 11.5, 11, 9].map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;

/** change writes a week-over-week delta with sign, arrow and unit, and whether the move is good news. */
function change(delta: number | null, decimals: number, unit: string, upIsGood: boolean): string {
  if (delta === null) return '<td class="num">—</td>';
  const magnitude = new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals }).format(
    Math.abs(delta),
  );
  if (Number(magnitude.replace(/,/g, '')) === 0) return `<td class="num">unchanged</td>`;
  const up = delta > 0;
  const tone = up === upIsGood ? 'better' : 'worse';
  const text = `${up ? '▲ +' : `▼ ${MINUS}`}${magnitude}${unit}`;
  return `<td class="num ${tone}">${text}</td>`;
}

function row(r: ExecutiveRow, rank: number): string {
  const judged = r.objectivesJudged === 0 ? 'none judged' : `${r.objectivesMet} of ${r.objectivesJudged}`;
  const changes =
    r.change === null
      ? '<td colspan="3" class="change-new">new (no report last week)</td>'
      : change(r.change.availabilityPoints, 3, '\u00a0pts', true) +
        change(r.change.budgetPoints, 1, '\u00a0pts', false) +
        change(r.change.incidents, 0, '', false);
  return (
    `<tr><td class="num">${rank}</td>` +
    `<td><strong>${escapeHtml(r.name)}</strong><br><span class="muted">${escapeHtml(r.tenant)} · ${escapeHtml(r.tier)}</span></td>` +
    `<td>${renderStatusBadge(r.status)}</td>` +
    `<td class="num">${judged}</td>` +
    `<td class="num">${r.availabilityPercent === null ? 'No traffic' : formatPercent(r.availabilityPercent, 3)}</td>` +
    `<td class="num${r.budgetPercent > 100 ? ' over' : ''}">${formatPercent(r.budgetPercent, 1)}</td>` +
    `<td class="num">${formatCount(r.incidents)} (${formatCount(r.paged)} paged)</td>` +
    `${changes}</tr>`
  );
}

/**
 * renderExecutiveSummary lays out the one-page view across tenants: how many are green, amber and red, and a
 * table of tenants in the order given (worst first) with status, objectives, availability, budget,
 * incidents and the change since last week.
 */
export function renderExecutiveSummary(summary: ExecutiveSummary): string {
  const { counts } = summary;
  const tenants = counts.green + counts.amber + counts.red;
  const head =
    '<tr><th scope="col" rowspan="2" class="num">#</th><th scope="col" rowspan="2">Tenant</th>' +
    '<th scope="col" rowspan="2">Status</th><th scope="col" rowspan="2" class="num">Objectives met</th>' +
    '<th scope="col" rowspan="2" class="num">Availability</th><th scope="col" rowspan="2" class="num">Budget used</th>' +
    '<th scope="col" rowspan="2" class="num">Incidents</th><th scope="colgroup" colspan="3" class="group">Change since last week</th></tr>' +
    '<tr><th scope="col" class="num">Availability</th><th scope="col" class="num">Budget</th><th scope="col" class="num">Incidents</th></tr>';
  const rows = summary.rows.map((r, i) => row(r, i + 1)).join('\n');
  const table =
    summary.rows.length === 0
      ? '<p>No tenant reports this week.</p>'
      : `<table class="executive${summary.rows.length > 20 ? ' compact' : ''}">${COLUMNS}<thead>${head}</thead><tbody>\n${rows}\n</tbody></table>`;
  const body = `<header class="report-header">
<p class="kicker">Weekly SLA summary across tenants</p>
<h1 class="summary">${escapeHtml(summary.weekLabel)}: ${formatCount(counts.red)} red, ${formatCount(counts.amber)} amber, ${formatCount(counts.green)} green of ${formatCount(tenants)} ${tenants === 1 ? 'tenant' : 'tenants'}</h1>
<p class="counts">${renderStatusBadge('red', `${formatCount(counts.red)} `)} ${renderStatusBadge('amber', `${formatCount(counts.amber)} `)} ${renderStatusBadge('green', `${formatCount(counts.green)} `)}</p>
<p class="muted">Ranked worst first. Each tenant's week runs Monday 00:00 to Monday 00:00 in its own time zone.</p>
</header>
<section aria-label="Tenants">
${table}
<p class="muted">Availability excludes rate-limited requests. Budget used is the largest share of error budget used by any of the tenant's objectives over its period. Changes compare with the previous week's report; pts are percentage points; ▲ is up and ▼ is down, in green when the move is good news and in red when it is bad.</p>
</section>
<footer>Generated ${formatLocalTime(summary.generatedAt, 'UTC', 'cccc d LLLL yyyy, HH:mm')} UTC.</footer>`;
  return renderHtmlDocument(`Weekly SLA summary ${summary.weekLabel}`, body);
}
