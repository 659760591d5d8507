/** @jest-environment jsdom */
import type { SlaSnapshot, Tenant } from '@sightline/contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { TenantTile } from '../components/TenantTile';
import { makeSnapshot } from './support/makeSnapshot';

const acme: Tenant = { id: 'acme', name: 'Acme Corp', tier: 'pro', timezone: 'UTC' };

function renderTile(snapshot?: SlaSnapshot, stale = false) {
  render(<TenantTile tenant={acme} window="5m" snapshot={snapshot} stale={stale} />);
  return screen.getByTestId('tile-acme');
}

afterEach(cleanup);

describe('TenantTile', () => {
  it('shows the name, tier, availability, p99, budget, request count and update time', () => {
    const tile = renderTile(makeSnapshot());

    expect(screen.getByRole('heading', { name: 'Acme Corp' })).toBeTruthy();
    expect(tile.textContent).toContain('pro');
    expect(screen.getByTestId('availability-acme').textContent).toBe('99.984%');
    expect(screen.getByTestId('p99-acme').textContent).toBe('143 ms');
    expect(screen.getByTestId('budget-acme').textContent).toBe('84.0%');
    expect(screen.getByTestId('requests-acme').textContent).toBe('12,345');
    expect(screen.getByTestId('updated-acme').textContent).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(tile.textContent).toContain('updated');
  });

  it('is named by the tenant so screen readers can find it', () => {
    renderTile(makeSnapshot());
    expect(screen.getByRole('article', { name: 'Acme Corp' })).toBeTruthy();
  });

  it.each([
    ['ok', makeSnapshot({ errorBudgetRemaining: 0.84 }), 'OK'],
    ['warning', makeSnapshot({ availability: 0.9993, errorBudgetRemaining: 0.3 }), 'Warning'],
    ['breach', makeSnapshot({ availability: 0.998, errorBudgetRemaining: -1 }), 'Breach'],
  ] as const)('marks a %s snapshot in data-status and in words', (status, snapshot, label) => {
    const tile = renderTile(snapshot);
    expect(tile.getAttribute('data-status')).toBe(status);
    expect(screen.getByTestId('status-acme').textContent).toContain(label);
  });

  it('shows a dash and "No data" for a window without traffic', () => {
    const tile = renderTile(
      makeSnapshot({
        requests: 0,
        errors: 0,
        availability: null,
        errorBudgetRemaining: null,
        latencyMs: { p50: null, p95: null, p99: null },
      }),
    );
    expect(tile.getAttribute('data-status')).toBe('nodata');
    expect(screen.getByTestId('availability-acme').textContent).toBe('—');
    expect(screen.getByTestId('p99-acme').textContent).toBe('—');
    expect(screen.getByTestId('status-acme').textContent).toContain('No data');
  });

  it('waits for data before any snapshot arrived', () => {
    const tile = renderTile(undefined);
    expect(tile.getAttribute('data-status')).toBe('nodata');
    expect(tile.textContent).toContain('waiting for data');
  });

  it('marks a stale tile in data-stale and in words', () => {
    const tile = renderTile(makeSnapshot(), true);
    expect(tile.getAttribute('data-stale')).toBe('true');
    expect(screen.getByTestId('status-acme').textContent).toContain('stale');
  });

  it('does not mark a fresh tile stale', () => {
    const tile = renderTile(makeSnapshot(), false);
    expect(tile.getAttribute('data-stale')).toBe('false');
    expect(screen.getByTestId('status-acme').textContent).not.toContain('stale');
  });
});
