/** @jest-environment jsdom */
import type { LogView } from '@sightline/contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { LogList } from '../components/LogList';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

function line(id: string, overrides: Partial<LogView> = {}): LogView {
  return {
    id,
    time: '2026-11-25T12:00:01.234Z',
    tenantId: 'acme',
    service: 'gateway',
    severityText: 'INFO',
    severityNumber: 9,
    body: `body ${id}`,
    traceId: null,
    spanId: null,
    attributes: {},
    ...overrides,
  };
}

afterEach(cleanup);

describe('LogList', () => {
  it('shows each line with its time, severity, service and body, in the order given', () => {
    render(
      <LogList
        label="Results"
        logs={[
          line('2', { severityText: 'ERROR', severityNumber: 17, body: 'upstream timed out' }),
          line('1'),
        ]}
      />,
    );
    const lines = screen.getAllByTestId('log-line');
    expect(lines.map((l) => l.getAttribute('data-log-id'))).toEqual(['2', '1']);
    expect(lines[0]!.textContent).toContain('ERROR');
    expect(lines[0]!.textContent).toContain('gateway');
    expect(lines[0]!.textContent).toContain('upstream timed out');
    expect(lines[0]!.getAttribute('data-severity')).toBe('error');
    expect(lines[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-25T12:00:01.234Z');
    expect(screen.getByRole('list', { name: 'Results' })).toBeTruthy();
  });

  it('links a line with a trace id to that trace, and a line without one to nothing', () => {
    render(<LogList label="Results" logs={[line('2', { traceId: TRACE }), line('1')]} />);
    const links = screen.getAllByTestId('log-trace-link');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe(`/traces/${TRACE}`);
    expect(links[0]!.textContent).toContain('Open trace');
  });

  it('leaves out trace links where every line belongs to the trace already shown', () => {
    render(<LogList label="Trace logs" linkTraces={false} logs={[line('2', { traceId: TRACE })]} />);
    expect(screen.queryByTestId('log-trace-link')).toBeNull();
    expect(screen.getByTestId('log-line').getAttribute('data-trace-id')).toBe(TRACE);
  });

  it('shows log bodies as text, never as markup', () => {
    render(<LogList label="Results" logs={[line('1', { body: '<img src=x onerror=alert(1)>' })]} />);
    expect(screen.getByTestId('log-line').querySelector('img')).toBeNull();
    expect(screen.getByTestId('log-line').textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
