'use client';

import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatAvailability, formatDateTime, formatMs } from '../lib/format';
import type { Loadable } from '../lib/Loadable';
import { slaSeriesRows } from '../lib/slaSeriesRows';
import type { SlaSeries } from '../lib/slaSeriesRows';
import type { SlaHistory } from '../lib/sloApiShapes';
import { CHART_SIZE } from '../lib/chartSize';
import { ChartFrame } from './ChartFrame';

/** SlaHistoryChartsProps carry the loaded sla/history. */
export interface SlaHistoryChartsProps {
  history: Loadable<SlaHistory>;
}

const TABLE_ROWS = 100;

/** slaSummary is the text alternative of the availability and latency charts. */
export function slaSummary(series: SlaSeries): string {
  const values = series.rows.map((r) => r.availability).filter((a): a is number => a !== null);
  const last = [...series.rows].reverse().find((r) => r.availability !== null);
  const range =
    values.length === 0
      ? 'no availability (only rate-limited traffic)'
      : `availability between ${formatAvailability(Math.min(...values) / 100)} and ${formatAvailability(Math.max(...values) / 100)}`;
  const gaps =
    series.gaps === 0 ? 'no gaps' : `${series.gaps} gap${series.gaps === 1 ? '' : 's'} without traffic`;
  const latest = last ? `; latest p99 ${formatMs(last.p99)}` : '';
  return `${series.stepsWithData} steps with traffic, ${range}, ${gaps}${latest}.`;
}

const axisTime = (t: number) => formatDateTime(t);

/** SlaHistoryCharts draws availability and p50/p95/p99 over time, with gaps left as gaps and a table alternative. */
export function SlaHistoryCharts({ history }: SlaHistoryChartsProps) {
  const series = history.kind === 'ok' ? slaSeriesRows(history.body) : null;
  const state =
    history.kind === 'loading'
      ? 'loading'
      : history.kind === 'error'
        ? 'error'
        : series!.stepsWithData === 0
          ? 'empty'
          : 'ready';
  const message = history.kind === 'error' ? history.message : 'No traffic in this range.';
  const summary = series ? slaSummary(series) : undefined;
  const domain: [number, number] | undefined =
    history.kind === 'ok' ? [Date.parse(history.body.from), Date.parse(history.body.to)] : undefined;
  const dot = series !== null && series.rows.length <= 60;
  return (
    <div className="chart-grid">
      <ChartFrame
        title="Availability"
        testId="chart-availability"
        state={state}
        message={message}
        summary={summary}
      >
        {series ? (
          <ResponsiveContainer width="100%" height="100%" initialDimension={CHART_SIZE}>
            <LineChart data={series.rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={domain}
                tickFormatter={axisTime}
                minTickGap={40}
              />
              <YAxis domain={series.availabilityDomain} tickFormatter={(v: number) => `${v}%`} width={64} />
              <Tooltip
                labelFormatter={(t) => formatDateTime(Number(t))}
                formatter={(v) => formatAvailability(typeof v === 'number' ? v / 100 : null)}
              />
              <ReferenceLine
                y={series.objectivePercent}
                stroke="var(--breach-line, #b91c1c)"
                strokeDasharray="6 3"
                label={{ value: 'objective', position: 'insideBottomRight', fontSize: 11 }}
              />
              <Line
                dataKey="availability"
                name="availability"
                stroke="var(--accent)"
                dot={dot}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        ) : null}
      </ChartFrame>
      <ChartFrame title="Latency p50 / p95 / p99" testId="chart-latency" state={state} message={message}>
        {series ? (
          <ResponsiveContainer width="100%" height="100%" initialDimension={CHART_SIZE}>
            <LineChart data={series.rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={domain}
                tickFormatter={axisTime}
                minTickGap={40}
              />
              <YAxis tickFormatter={(v: number) => `${v} ms`} width={64} />
              <Tooltip
                labelFormatter={(t) => formatDateTime(Number(t))}
                formatter={(v) => formatMs(typeof v === 'number' ? v : null)}
              />
              <Line
                dataKey="p50"
                name="p50"
                stroke="#2563eb"
                dot={dot}
                connectNulls={false}
                isAnimationActive={false}
              />
              <Line
                dataKey="p95"
                name="p95"
                stroke="#b45309"
                dot={dot}
                connectNulls={false}
                isAnimationActive={false}
              />
              <Line
                dataKey="p99"
                name="p99"
                stroke="#b91c1c"
                dot={dot}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        ) : null}
      </ChartFrame>
      {series && series.stepsWithData > 0 ? (
        <details className="chart-table" data-testid="sla-history-table">
          <summary>Show availability and latency as a table</summary>
          <div className="table-scroll">
            <table className="sla-table">
              <caption className="visually-hidden">Availability and latency per step, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Availability</th>
                  <th scope="col">p50</th>
                  <th scope="col">p95</th>
                  <th scope="col">p99</th>
                </tr>
              </thead>
              <tbody>
                {[...series.rows]
                  .reverse()
                  .slice(0, TABLE_ROWS)
                  .map((r) => (
                    <tr key={r.t}>
                      <th scope="row">{formatDateTime(r.t)}</th>
                      {r.gap ? (
                        <td colSpan={4}>no traffic (gap)</td>
                      ) : (
                        <>
                          <td>{formatAvailability(r.availability === null ? null : r.availability / 100)}</td>
                          <td>{formatMs(r.p50)}</td>
                          <td>{formatMs(r.p95)}</td>
                          <td>{formatMs(r.p99)}</td>
                        </>
                      )}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          {series.rows.length > TABLE_ROWS ? (
            <p className="board-note">The newest {TABLE_ROWS} rows are shown.</p>
          ) : null}
        </details>
      ) : null}
    </div>
  );
}
