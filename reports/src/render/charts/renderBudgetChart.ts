import type { ObjectiveResult } from '../../report/WeeklyReport';
import { formatPercent } from '../format/formatPercent';
import { renderSvgImage } from './renderSvgImage';
import { svgCoordinate as c } from './svgCoordinate';
import { svgText } from './svgText';

const WIDTH = 680;
const LABEL_W = 150;
const VALUE_W = 190;
const ROW_H = 30;
const TOP = 22;
const BOTTOM = 26;

function barColour(percent: number): string {
  if (percent > 100) return '#c53030';
  if (percent >= 75) return '#d69e2e';
  return '#3182ce';
}

function valueText(o: ObjectiveResult): string {
  const used = `${formatPercent(o.budgetPeriodPercent, 1)} of ${o.periodDays} days`;
  return o.budgetPeriodPercent > 100 ? `${used}, exhausted` : used;
}

function describe(objectives: ObjectiveResult[]): string {
  if (objectives.length === 0) return 'Error budget: no objectives.';
  const over = objectives.filter((o) => o.budgetPeriodPercent > 100).length;
  const each = objectives.map(
    (o) => `${o.slo} ${formatPercent(o.budgetPeriodPercent, 1)} of ${o.periodDays} days`,
  );
  return `Error budget used over each objective's period: ${each.join(', ')}; ${over} of ${objectives.length} over budget.`;
}

/**
 * renderBudgetChart draws one horizontal bar per objective: the error budget used over its period, with the
 * part this week used drawn darker at its start, and a marker at 100 % where the budget is exhausted.
 * The scale stretches past 100 % when a budget is overspent, so the overrun stays visible.
 */
export function renderBudgetChart(objectives: ObjectiveResult[]): string {
  const label = describe(objectives);
  if (objectives.length === 0) {
    const body = svgText(WIDTH / 2, 40, 'No objectives', { anchor: 'middle', size: 14 });
    return renderSvgImage({ label, width: WIDTH, height: 70, body });
  }
  const height = TOP + objectives.length * ROW_H + BOTTOM;
  const barX = LABEL_W;
  const barW = WIDTH - LABEL_W - VALUE_W;
  const max = Math.max(100, ...objectives.map((o) => o.budgetPeriodPercent));
  const x = (p: number) => barX + (barW * Math.max(0, Math.min(p, max))) / max;
  const parts: string[] = [
    `<rect x="${barX}" y="4" width="10" height="8" fill="#1a365d"/>`,
    svgText(barX + 14, 12, 'used this week', { size: 9 }),
    `<rect x="${barX + 110}" y="4" width="10" height="8" fill="#3182ce" fill-opacity="0.45"/>`,
    svgText(barX + 124, 12, 'used earlier in the period', { size: 9 }),
  ];
  objectives.forEach((o, i) => {
    const rowY = TOP + i * ROW_H;
    const barY = rowY + 7;
    parts.push(svgText(LABEL_W - 8, rowY + 19, o.slo, { anchor: 'end', size: 10 }));
    parts.push(`<rect x="${barX}" y="${barY}" width="${barW}" height="16" fill="#edf2f7"/>`);
    const colour = barColour(o.budgetPeriodPercent);
    const periodEnd = x(o.budgetPeriodPercent);
    parts.push(
      `<rect x="${barX}" y="${barY}" width="${c(periodEnd - barX)}" height="16" fill="${colour}" fill-opacity="0.45"/>`,
    );
    const weekEnd = x(Math.min(o.budgetWeekPercent, o.budgetPeriodPercent));
    parts.push(`<rect x="${barX}" y="${barY}" width="${c(weekEnd - barX)}" height="16" fill="#1a365d"/>`);
    parts.push(
      svgText(barX + barW + 8, rowY + 19, valueText(o), {
        size: 10,
        weight: o.budgetPeriodPercent > 100 ? 'bold' : 'normal',
      }),
    );
  });
  const hundred = c(x(100));
  const bottom = TOP + objectives.length * ROW_H;
  parts.push(
    `<line x1="${hundred}" x2="${hundred}" y1="${TOP}" y2="${bottom + 4}" stroke="#1a202c" stroke-width="1.5"/>`,
  );
  parts.push(svgText(x(100), bottom + 16, '100 % (budget exhausted)', { anchor: 'middle', size: 9 }));
  return renderSvgImage({ label, width: WIDTH, height, body: parts.join('') });
}
