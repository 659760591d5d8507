import type { ObjectiveResult } from '../../report/WeeklyReport';
import { escapeHtml } from '../escapeHtml';
import { formatMilliseconds } from '../format/formatMilliseconds';
import { formatPercent } from '../format/formatPercent';
import { formatSloPercent } from '../format/formatSloPercent';
import { renderTable } from '../renderTable';

function objective(o: ObjectiveResult): string {
  const target = formatPercent(o.objectivePercent, 3);
  return o.indicator === 'latency' && o.thresholdMs !== null
    ? `${target} within ${formatMilliseconds(o.thresholdMs)}`
    : target;
}

function result(o: ObjectiveResult): string {
  if (o.met === null) return '<span class="result none">Not judged (no traffic)</span>';
  return o.met ? '<span class="result met">Met</span>' : '<span class="result missed">Missed</span>';
}

function budget(percent: number, suffix = ''): string {
  const text = `${formatPercent(percent, 1)}${suffix}`;
  return percent > 100 ? `<strong class="over">${text}, exhausted</strong>` : text;
}

/**
 * renderObjectivesSection tabulates each SLO's week: its objective, what was achieved, met or missed, and the
 * error budget this week used and the budget used over the SLO's whole period.
 */
export function renderObjectivesSection(objectives: ObjectiveResult[]): string {
  const body =
    objectives.length === 0
      ? '<p>No objectives are defined for this tenant.</p>'
      : renderTable(
          [
            { heading: 'SLO' },
            { heading: 'Objective', numeric: true },
            { heading: 'Achieved', numeric: true },
            { heading: 'Result' },
            { heading: 'Budget used this week', numeric: true },
            { heading: 'Budget used over the period', numeric: true },
          ],
          objectives.map((o) => [
            `<strong>${escapeHtml(o.slo)}</strong><br><span class="muted">${escapeHtml(o.description)}</span>`,
            objective(o),
            o.achievedPercent === null
              ? 'No traffic'
              : formatSloPercent(o.achievedPercent, o.objectivePercent),
            result(o),
            budget(o.budgetWeekPercent),
            budget(o.budgetPeriodPercent, ` of ${o.periodDays} days`),
          ]),
          'objectives',
        );
  return `<section class="keep" aria-labelledby="objectives"><h2 id="objectives">Objectives</h2>\n${body}\n</section>`;
}
