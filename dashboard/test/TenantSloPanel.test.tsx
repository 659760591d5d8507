/** @jest-environment jsdom */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ChartFrame } from '../components/ChartFrame';
import { FiringAlertList } from '../components/FiringAlertList';
import { SlaHistoryCharts } from '../components/SlaHistoryCharts';
import { TenantSloPanel } from '../components/TenantSloPanel';

// jsdom has no layout; recharts' ResponsiveContainer only needs ResizeObserver to exist.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;

type Route = { status: number; body: unknown };

function fakeFetch(routes: (path: string) => Route) {
  const calls: string[] = [];
  const fn = jest.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    calls.push(url.pathname + url.search);
    const { status, body } = routes(url.pathname);
    return {
      status,
      ok: status >= 200 && status < 300,
      json: async () => body,
    } as Response;
  });
  globalThis.fetch = fn as typeof fetch;
  return calls;
}

const problem = (status: number, detail: string): Route => ({
  status,
  body: { type: 'about:blank', title: 'Error', status, detail },
});

afterEach(() => cleanup());

describe('ChartFrame', () => {
  it('keeps the same frame and summary slot in every state, so nothing below moves', () => {
    const { rerender } = render(<ChartFrame title="Availability" testId="c" state="loading" />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.getByTestId('c-summary').textContent).toBe('');
    rerender(<ChartFrame title="Availability" testId="c" state="error" message="alerting is unavailable" />);
    expect(screen.getByRole('alert').textContent).toBe('alerting is unavailable');
    rerender(<ChartFrame title="Availability" testId="c" state="ready" summary="All good." />);
    expect(screen.getByTestId('c-summary').textContent).toBe('All good.');
    expect(screen.getByTestId('c').getAttribute('data-state')).toBe('ready');
  });
});

describe('SlaHistoryCharts', () => {
  it('says there was no traffic when the range has no steps, and offers no table', () => {
    render(
      <SlaHistoryCharts
        history={{
          kind: 'ok',
          body: {
            tenantId: 'acme',
            objective: 0.999,
            from: '2026-03-01T00:00:00Z',
            to: '2026-03-01T01:00:00Z',
            step: '1m',
            points: [],
          },
        }}
      />,
    );
    expect(screen.getByTestId('chart-availability').getAttribute('data-state')).toBe('empty');
    expect(screen.getByTestId('chart-availability').textContent).toContain('No traffic in this range.');
    expect(screen.queryByTestId('sla-history-table')).toBeNull();
  });

  it('summarises the chart in text and offers it as a table, gaps included', () => {
    const point = (t: string, availability: number) => ({
      t,
      requests: 10,
      errors: 0,
      rateLimited: 0,
      availability,
      latencyMs: { p50: 10, p95: 20, p99: 40 },
    });
    render(
      <SlaHistoryCharts
        history={{
          kind: 'ok',
          body: {
            tenantId: 'acme',
            objective: 0.999,
            from: '2026-03-01T12:00:00Z',
            to: '2026-03-01T12:10:00Z',
            step: '1m',
            points: [point('2026-03-01T12:00:00.000Z', 0.99), point('2026-03-01T12:04:00.000Z', 1)],
          },
        }}
      />,
    );
    expect(screen.getByTestId('chart-availability-summary').textContent).toBe(
      '2 steps with traffic, availability between 99.000% and 100.000%, 1 gap without traffic; latest p99 40 ms.',
    );
    const table = screen.getByTestId('sla-history-table');
    expect(table.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(table.textContent).toContain('no traffic (gap)');
  });
});

describe('FiringAlertList', () => {
  it('says plainly when no alert fires', () => {
    render(<FiringAlertList alerts={{ kind: 'ok', body: [] }} />);
    expect(screen.getByTestId('firing-alerts-none').textContent).toBe('No SLO alert is firing.');
  });

  it('shows why the alerts could not be loaded', () => {
    render(<FiringAlertList alerts={{ kind: 'error', message: 'alerting is unavailable' }} />);
    expect(screen.getByRole('alert').textContent).toBe('alerting is unavailable');
  });
});

describe('TenantSloPanel', () => {
  it("shows alerting's outage in the SLO and alert sections while the traffic charts still load", async () => {
    fakeFetch((path) =>
      path.endsWith('/sla/history')
        ? {
            status: 200,
            body: {
              tenantId: 'acme',
              objective: 0.999,
              from: '2026-03-01T00:00:00Z',
              to: '2026-03-01T06:00:00Z',
              step: '5m',
              points: [],
            },
          }
        : problem(503, 'alerting is unavailable'),
    );
    render(<TenantSloPanel apiUrl="http://api.test" tenantId="acme" token="t" onUnauthorized={jest.fn()} />);
    await waitFor(() => expect(screen.getByTestId('slos-error').textContent).toBe('alerting is unavailable'));
    expect(screen.getByTestId('firing-alerts-error').textContent).toBe('alerting is unavailable');
    await waitFor(() =>
      expect(screen.getByTestId('chart-availability').getAttribute('data-state')).toBe('empty'),
    );
  });

  it('says so when the tenant has no SLOs, and asks for no budget history', async () => {
    const calls = fakeFetch((path) =>
      path.endsWith('/slos')
        ? { status: 200, body: { tenant: 'acme', evaluatedAt: null, slos: [] } }
        : problem(500, 'boom'),
    );
    render(<TenantSloPanel apiUrl="http://api.test" tenantId="acme" token="t" onUnauthorized={jest.fn()} />);
    await screen.findByTestId('slos-empty');
    expect(screen.getByTestId('firing-alerts-none')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('chart-availability').getAttribute('data-state')).toBe('error'),
    );
    expect(calls.some((c) => c.includes('/slos/'))).toBe(false);
  });

  it('asks for the budget history over the SLO period and refetches the traffic when the range changes', async () => {
    const calls = fakeFetch((path) => {
      if (path.endsWith('/slos'))
        return {
          status: 200,
          body: {
            tenant: 'acme',
            evaluatedAt: '2026-03-01T12:00:00Z',
            slos: [
              {
                slo: 'availability',
                description: 'gateway availability',
                objective: 0.999,
                period: '28d',
                sli: 0.999,
                errorBudgetRemaining: 0.5,
                timeToExhaustionSeconds: null,
                burnRates: null,
                firingAlerts: [],
                alerts: [],
              },
            ],
          },
        };
      if (path.endsWith('/slos/availability/history'))
        return {
          status: 200,
          body: {
            slo: 'availability',
            from: '2026-02-01T00:00:00Z',
            to: '2026-03-01T00:00:00Z',
            stepSeconds: 2400,
            points: [],
          },
        };
      return {
        status: 200,
        body: {
          tenantId: 'acme',
          objective: 0.999,
          from: '2026-03-01T00:00:00Z',
          to: '2026-03-01T06:00:00Z',
          step: '5m',
          points: [],
        },
      };
    });
    render(<TenantSloPanel apiUrl="http://api.test" tenantId="acme" token="t" onUnauthorized={jest.fn()} />);
    await waitFor(() =>
      expect(screen.getByTestId('chart-burndown-availability').getAttribute('data-state')).toBe('empty'),
    );
    expect(screen.getByTestId('chart-burnrate-availability').textContent).toContain('Not evaluated yet');
    const history = calls.find((c) => c.includes('/slos/availability/history?'))!;
    const q = new URLSearchParams(history.split('?')[1]);
    expect(Date.parse(q.get('to')!) - Date.parse(q.get('from')!)).toBe(28 * 86_400_000);

    fireEvent.change(screen.getByTestId('history-range'), { target: { value: '7d' } });
    await waitFor(() => expect(calls.filter((c) => c.includes('/sla/history?')).length).toBe(2));
    expect(calls.filter((c) => c.includes('/sla/history?'))[1]).toContain('step=1h');
  });

  it('signs the user out when the api refuses the token', async () => {
    fakeFetch(() => ({ status: 401, body: {} }));
    const onUnauthorized = jest.fn();
    render(
      <TenantSloPanel apiUrl="http://api.test" tenantId="acme" token="t" onUnauthorized={onUnauthorized} />,
    );
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalled());
  });
});
