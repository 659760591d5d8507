/** @jest-environment jsdom */
import type { SpanView } from '@sightline/contracts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { TraceWaterfall } from '../components/TraceWaterfall';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

function span(
  id: string,
  parent: string | null,
  startMs: number,
  durationMs: number,
  statusCode = 0,
): SpanView {
  return {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: id,
    parentSpanId: parent,
    tenantId: 'acme',
    service: parent === null ? 'gateway' : 'demo-upstream',
    name: `GET /${id}`,
    kind: 2,
    startTime: new Date(T0 + startMs).toISOString(),
    endTime: new Date(T0 + startMs + durationMs).toISOString(),
    durationMs,
    statusCode,
    statusMessage: null,
    attributes: {},
  };
}

afterEach(cleanup);

describe('TraceWaterfall', () => {
  const spans = [span('gw', null, 0, 1000), span('slow', 'gw', 100, 800), span('fail', 'gw', 950, 20, 2)];

  it('draws one row per span, nested and coloured by status, with bars placed in percent', () => {
    render(<TraceWaterfall spans={spans} selectedSpanId={null} onSelect={() => undefined} />);
    const rows = screen.getAllByTestId('span-row');
    expect(rows.map((r) => [r.getAttribute('data-span-id'), r.getAttribute('data-depth')])).toEqual([
      ['gw', '0'],
      ['slow', '1'],
      ['fail', '1'],
    ]);
    expect(rows[2]!.getAttribute('data-status')).toBe('error');
    const bar = rows[1]!.querySelector<HTMLElement>('[data-testid="span-bar"]')!;
    expect(bar.style.left).toBe('10%');
  });

  it('offers one click to the logs around a slow or a failed span, and not around a fast healthy one', () => {
    render(
      <TraceWaterfall
        spans={[span('root', null, 0, 100), span('fail', 'root', 10, 20, 2)]}
        selectedSpanId={null}
        onSelect={() => undefined}
      />,
    );
    const links = screen.getAllByTestId('span-row-logs-link');
    expect(links).toHaveLength(1);
    const href = new URL(links[0]!.getAttribute('href')!, 'http://console');
    expect(href.pathname).toBe('/explore');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      tenant: 'acme',
      from: new Date(T0 + 10 - 60_000).toISOString(),
      to: new Date(T0 + 30 + 60_000).toISOString(),
    });
  });

  it('selects a span with the keyboard-reachable row button and marks it pressed', () => {
    const onSelect = jest.fn();
    render(<TraceWaterfall spans={spans} selectedSpanId="slow" onSelect={onSelect} />);
    const buttons = screen.getAllByRole('button');
    expect(buttons[1]!.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(buttons[2]!);
    expect(onSelect).toHaveBeenCalledWith('fail');
  });
});
