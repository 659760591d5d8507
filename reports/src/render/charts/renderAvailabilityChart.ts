import type { DayFigures } from '../../report/WeeklyReport';
import { formatLocalDate } from '../format/formatLocalDate';
import { formatSloPercent } from '../format/formatSloPercent';
import { formatPercent } from '../format/formatPercent';
import { renderSvgImage } from './renderSvgImage';
import { svgCoordinate as c } from './svgCoordinate';
import { svgText } from './svgText';

const WIDTH = 680;
const HEIGHT = 220;
const LEFT = 56;
const RIGHT = 96;
const TOP = 18;
const BOTTOM = 44;
/** Axis floors, tightest first: the chart zooms in as far as it can while keeping every bar visible. */
const FLOORS = [99.9, 99.5, 99, 98, 95, 90, 80, 50, 0];

function axisFloor(lowest: number): number {
  // The lowest bar (or the objective line) must stand at least 15 % of the plot height above the axis.
  return FLOORS.find((f) => lowest - f >= 0.15 * (100 - f)) ?? 0;
}

function describe(days: DayFigures[], objective: number | null): string {
  const judged = days.filter(
    (d): d is DayFigures & { availabilityPercent: number } => d.availabilityPercent !== null,
  );
  if (judged.length === 0) return 'Availability per day: no traffic this week.';
  const lowest = judged.reduce((a, b) => (b.availabilityPercent < a.availabilityPercent ? b : a));
  const parts = [
    `Availability per day for ${days.length} days: lowest ${formatSloPercent(lowest.availabilityPercent, objective)} on ${formatLocalDate(lowest.date)}`,
  ];
  if (objective !== null) {
    const below = judged.filter((d) => d.availabilityPercent < objective).length;
    parts.push(`${below} of ${judged.length} days below the ${formatPercent(objective, 3)} objective`);
  }
  const gaps = days.length - judged.length;
  if (gaps > 0) parts.push(`${gaps} ${gaps === 1 ? 'day' : 'days'} without traffic`);
  return `${parts.join('; ')}.`;
}

/**
 * renderAvailabilityChart draws each local day's availability as a bar against the whole traffic's availability
 * objective (a dashed line). Days without traffic stay gaps labelled "no traffic", never a zero bar, and
 * a day that is not 24 hours long (daylight-saving change) says so under its label.
 */
export function renderAvailabilityChart(days: DayFigures[], objectivePercent: number | null): string {
  const label = describe(days, objectivePercent);
  const values = days.flatMap((d) => (d.availabilityPercent === null ? [] : [d.availabilityPercent]));
  if (values.length === 0) {
    const body = svgText(WIDTH / 2, HEIGHT / 2, 'No traffic this week', { anchor: 'middle', size: 16 });
    return renderSvgImage({ label, width: WIDTH, height: HEIGHT, body });
  }
  const floor = axisFloor(Math.min(...values, objectivePercent ?? 100));
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + plotH * (1 - (Math.min(100, Math.max(floor, v)) - floor) / (100 - floor));
  const parts: string[] = [];
  for (const tick of [floor, (floor + 100) / 2, 100]) {
    parts.push(
      `<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${c(y(tick))}" y2="${c(y(tick))}" stroke="#e2e8f0"/>`,
    );
    parts.push(svgText(LEFT - 6, y(tick) + 3, formatPercent(tick, 2), { anchor: 'end', size: 9 }));
  }
  const slot = plotW / Math.max(1, days.length);
  days.forEach((day, i) => {
    const mid = LEFT + slot * (i + 0.5);
    parts.push(svgText(mid, HEIGHT - BOTTOM + 14, formatLocalDate(day.date), { anchor: 'middle' }));
    if (day.hours !== 24) {
      parts.push(svgText(mid, HEIGHT - BOTTOM + 27, `${day.hours} hours`, { anchor: 'middle', size: 9 }));
    }
    if (day.availabilityPercent === null) {
      parts.push(
        svgText(mid, HEIGHT - BOTTOM - 6, 'no traffic', { anchor: 'middle', size: 9, fill: '#718096' }),
      );
      return;
    }
    const below = objectivePercent !== null && day.availabilityPercent < objectivePercent;
    const top = y(day.availabilityPercent);
    const barW = slot * 0.6;
    parts.push(
      `<rect x="${c(mid - barW / 2)}" y="${c(top)}" width="${c(barW)}" height="${c(TOP + plotH - top)}" ` +
        `fill="${below ? '#c53030' : '#3182ce'}"/>`,
    );
    const text = formatSloPercent(day.availabilityPercent, objectivePercent);
    parts.push(
      svgText(mid, Math.max(TOP + 9, top - 4), text, {
        anchor: 'middle',
        size: 9,
        weight: below ? 'bold' : 'normal',
      }),
    );
  });
  parts.push(
    `<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${TOP + plotH}" y2="${TOP + plotH}" stroke="#4a5568"/>`,
  );
  if (objectivePercent !== null) {
    const oy = c(y(objectivePercent));
    parts.push(
      `<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${oy}" y2="${oy}" stroke="#1a202c" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );
    parts.push(
      svgText(LEFT + plotW + 6, y(objectivePercent) + 3, `objective ${formatPercent(objectivePercent, 3)}`),
    );
  }
  return renderSvgImage({ label, width: WIDTH, height: HEIGHT, body: parts.join('') });
}
