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
import { budgetBurnDown } from '../lib/budgetBurnDown';
import { formatBudget, formatDateTime } from '../lib/format';
import type { Loadable } from '../lib/Loadable';
import type { SloHistory } from '../lib/sloApiShapes';
import { CHART_SIZE } from '../lib/chartSize';
import { ChartFrame } from './ChartFrame';

/** BudgetBurnDownChartProps carry one SLO's name, period and loaded budget history. */
export interface BudgetBurnDownChartProps {
  slo: string;
  period: string;
  history: Loadable<SloHistory>;
}

/** BudgetBurnDownChart draws the error budget left over the SLO period, with 0 % marked. */
export function BudgetBurnDownChart({ slo, period, history }: BudgetBurnDownChartProps) {
  const rows = history.kind === 'ok' ? budgetBurnDown(history.body) : [];
  const values = rows.filter((r) => r.remaining !== null);
  const state =
    history.kind === 'loading'
      ? 'loading'
      : history.kind === 'error'
        ? 'error'
        : values.length === 0
          ? 'empty'
          : 'ready';
  const first = values[0];
  const last = values[values.length - 1];
  const summary =
    first && last
      ? `Error budget left went from ${formatBudget(first.remaining! / 100)} on ${formatDateTime(first.t)} to ${formatBudget(last.remaining! / 100)} on ${formatDateTime(last.t)}.`
      : undefined;
  const domain: [number, number] | undefined =
    history.kind === 'ok' ? [Date.parse(history.body.from), Date.parse(history.body.to)] : undefined;
  return (
    <ChartFrame
      title={`Error budget burn-down, ${slo} (${period})`}
      testId={`chart-burndown-${slo}`}
      state={state}
      message={history.kind === 'error' ? history.message : 'No budget history yet for this SLO.'}
      summary={summary}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={CHART_SIZE}>
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={domain}
            tickFormatter={(t: number) => formatDateTime(t)}
            minTickGap={40}
          />
          <YAxis
            domain={[(min: number) => Math.min(0, Math.floor(min)), 100]}
            tickFormatter={(v: number) => `${v}%`}
            width={64}
          />
          <Tooltip
            labelFormatter={(t) => formatDateTime(Number(t))}
            formatter={(v) => formatBudget(typeof v === 'number' ? v / 100 : null)}
          />
          <ReferenceLine
            y={0}
            stroke="var(--breach-line, #b91c1c)"
            label={{ value: 'spent', position: 'insideBottomLeft', fontSize: 11 }}
          />
          <Line
            dataKey="remaining"
            name="budget left"
            stroke="var(--accent)"
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
