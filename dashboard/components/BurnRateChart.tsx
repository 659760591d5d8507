'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { burnRateBars } from '../lib/burnRateBars';
import { formatBurnRate } from '../lib/format';
import type { SloStatus } from '../lib/sloApiShapes';
import { CHART_SIZE } from '../lib/chartSize';
import { ChartFrame } from './ChartFrame';

/** BurnRateChartProps carry one SLO's current status. */
export interface BurnRateChartProps {
  slo: SloStatus;
}

/** BurnRateChart draws one bar per window's burn rate, with each burn-rate alert's threshold as a line. */
export function BurnRateChart({ slo }: BurnRateChartProps) {
  const { bars, thresholds } = burnRateBars(slo);
  const over = bars.filter((b) => b.over).map((b) => b.window);
  const summary =
    bars.length === 0
      ? undefined
      : `${bars.map((b) => `${b.window} ${formatBurnRate(b.burnRate)}`).join(', ')}. ` +
        (over.length === 0
          ? 'No window is above its alert threshold.'
          : `Above an alert threshold: ${over.join(', ')}.`);
  const top = Math.max(1, ...bars.map((b) => b.burnRate ?? 0), ...thresholds.map((t) => t.factor)) * 1.1;
  return (
    <>
      <ChartFrame
        title={`Burn rate by window, ${slo.slo}`}
        testId={`chart-burnrate-${slo.slo}`}
        state={bars.length === 0 ? 'empty' : 'ready'}
        message="Not evaluated yet, or no traffic in the period."
        summary={summary}
      >
        <ResponsiveContainer width="100%" height="100%" initialDimension={CHART_SIZE}>
          <BarChart data={bars} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="window" />
            <YAxis domain={[0, top]} tickFormatter={(v: number) => formatBurnRate(v)} width={56} />
            <Tooltip formatter={(v) => formatBurnRate(typeof v === 'number' ? v : null)} />
            {thresholds.map((t) => (
              <ReferenceLine
                key={t.label}
                y={t.factor}
                stroke={t.severity === 'page' ? '#b91c1c' : '#b45309'}
                strokeDasharray="6 3"
                label={{ value: t.label, position: 'insideTopRight', fontSize: 11 }}
              />
            ))}
            <Bar dataKey="burnRate" name="burn rate" isAnimationActive={false}>
              {bars.map((b) => (
                <Cell key={b.window} fill={b.over ? '#b91c1c' : 'var(--accent)'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      {bars.length > 0 ? (
        <details className="chart-table" data-testid={`burnrate-table-${slo.slo}`}>
          <summary>Show burn rates as a table</summary>
          <div className="table-scroll">
            <table className="sla-table">
              <caption className="visually-hidden">Burn rate per window against its alert threshold</caption>
              <thead>
                <tr>
                  <th scope="col">Window</th>
                  <th scope="col">Burn rate</th>
                  <th scope="col">Alert threshold</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr key={b.window} data-over={b.over}>
                    <th scope="row">{b.window}</th>
                    <td>{formatBurnRate(b.burnRate)}</td>
                    <td>{formatBurnRate(b.threshold)}</td>
                    <td>{b.threshold === null ? 'no alert' : b.over ? 'above threshold' : 'below'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </>
  );
}
