import type { LatencyWeek } from '../../report/WeeklyReport';
import { formatMilliseconds } from '../format/formatMilliseconds';
import { renderSvgImage } from './renderSvgImage';
import { svgCoordinate as c } from './svgCoordinate';
import { svgText } from './svgText';

const WIDTH = 680;
const HEIGHT = 230;
const LEFT = 64;
const RIGHT = 70;
const TOP = 30;
const BOTTOM = 30;

/** Each percentile differs in colour, dash and marker, so the chart also reads in grey print. */
const SERIES = [
  { key: 'p50', colour: '#2f855a', dash: '', marker: 'circle' },
  { key: 'p95', colour: '#b7791f', dash: '6 3', marker: 'square' },
  { key: 'p99', colour: '#c53030', dash: '2 3', marker: 'diamond' },
] as const;

function niceMax(value: number): number {
  const step = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 2.5, 5, 10].map((m) => m * step).find((m) => m >= value) ?? 10 * step) || 1;
}

function marker(kind: (typeof SERIES)[number]['marker'], x: number, y: number, colour: string): string {
  if (kind === 'circle') return `<circle cx="${c(x)}" cy="${c(y)}" r="3.5" fill="${colour}"/>`;
  if (kind === 'square')
    return `<rect x="${c(x - 3.5)}" y="${c(y - 3.5)}" width="7" height="7" fill="${colour}"/>`;
  return `<path d="M${c(x)} ${c(y - 4.5)}L${c(x + 4.5)} ${c(y)}L${c(x)} ${c(y + 4.5)}L${c(x - 4.5)} ${c(y)}Z" fill="${colour}"/>`;
}

function shortLabel(label: string): string {
  return label.replace(/^\d{4}-/, '');
}

function describe(trend: LatencyWeek[]): string {
  const current = trend.at(-1);
  if (!current || current.p99 === null) {
    return `Latency over the last ${trend.length} weeks: no traffic this week.`;
  }
  const now = SERIES.map((s) => `${s.key} ${formatMilliseconds(current[s.key])}`).join(', ');
  return `Latency p50, p95 and p99 over the last ${trend.length} weeks; this week ${now}.`;
}

/**
 * renderLatencyTrendChart draws p50, p95 and p99 per week (the previous weeks, oldest first, then this one)
 * as three lines with a legend. A week without traffic breaks the lines instead of dropping them to zero.
 */
export function renderLatencyTrendChart(trend: LatencyWeek[]): string {
  const label = describe(trend);
  const values = trend.flatMap((w) => SERIES.flatMap((s) => (w[s.key] === null ? [] : [w[s.key] as number])));
  if (values.length === 0) {
    const body = svgText(WIDTH / 2, HEIGHT / 2, 'No traffic this week or in the weeks before', {
      anchor: 'middle',
      size: 14,
    });
    return renderSvgImage({ label, width: WIDTH, height: HEIGHT, body });
  }
  const top = niceMax(Math.max(...values) * 1.05);
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (trend.length === 1 ? plotW / 2 : (plotW * i) / (trend.length - 1));
  const y = (v: number) => TOP + plotH * (1 - v / top);
  const parts: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = (top * k) / 4;
    parts.push(`<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${c(y(v))}" y2="${c(y(v))}" stroke="#e2e8f0"/>`);
    parts.push(svgText(LEFT - 8, y(v) + 3, formatMilliseconds(v), { anchor: 'end', size: 9 }));
  }
  trend.forEach((w, i) => {
    const text = i === trend.length - 1 ? `${shortLabel(w.label)} (this week)` : shortLabel(w.label);
    parts.push(
      svgText(x(i), HEIGHT - BOTTOM + 16, text, {
        anchor: 'middle',
        weight: i === trend.length - 1 ? 'bold' : 'normal',
      }),
    );
  });
  SERIES.forEach((s, k) => {
    let d = '';
    let pen = false;
    trend.forEach((w, i) => {
      const v = w[s.key];
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${c(x(i))} ${c(y(v))}`;
      pen = true;
      parts.push(marker(s.marker, x(i), y(v), s.colour));
    });
    if (d) {
      const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
      parts.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"${dash}/>`);
    }
    const lx = LEFT + k * 90;
    parts.push(
      `<line x1="${lx}" x2="${lx + 26}" y1="12" y2="12" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
    );
    parts.push(marker(s.marker, lx + 13, 12, s.colour));
    parts.push(svgText(lx + 32, 16, s.key, { size: 10 }));
  });
  return renderSvgImage({ label, width: WIDTH, height: HEIGHT, body: parts.join('') });
}
