import { parseSlaUpdate } from '../lib/parseSlaUpdate';
import { applySlaUpdate, type SlaState } from '../lib/slaStore';
import { makeSnapshot } from './support/makeSnapshot';

describe('applySlaUpdate', () => {
  it('keeps the latest snapshot per tenant and window', () => {
    const fiveMin = makeSnapshot({ window: '5m', requests: 10 });
    const hour = makeSnapshot({ window: '1h', requests: 500 });
    let state: SlaState = applySlaUpdate({}, { tenantId: 'acme', snapshots: [fiveMin, hour] }, 1000);
    const newer = makeSnapshot({ window: '5m', requests: 20, updatedAt: '2026-11-25T12:00:01.000Z' });
    state = applySlaUpdate(state, { tenantId: 'acme', snapshots: [newer] }, 2000);

    expect(state.acme?.['5m']).toEqual({ snapshot: newer, receivedAt: 2000 });
    expect(state.acme?.['1h']).toEqual({ snapshot: hour, receivedAt: 1000 });
  });

  it('ignores a snapshot older than the one it already holds', () => {
    const newer = makeSnapshot({ requests: 20, updatedAt: '2026-11-25T12:00:05.000Z' });
    const state = applySlaUpdate({}, { tenantId: 'acme', snapshots: [newer] }, 1000);
    const older = makeSnapshot({ requests: 10, updatedAt: '2026-11-25T12:00:00.000Z' });

    expect(applySlaUpdate(state, { tenantId: 'acme', snapshots: [older] }, 2000)).toBe(state);
  });

  it('keeps tenants apart', () => {
    const acme = makeSnapshot({ tenantId: 'acme' });
    const globex = makeSnapshot({ tenantId: 'globex', requests: 7 });
    let state = applySlaUpdate({}, { tenantId: 'acme', snapshots: [acme] }, 1);
    state = applySlaUpdate(state, { tenantId: 'globex', snapshots: [globex] }, 2);

    expect(state.acme?.['5m']?.snapshot.requests).toBe(12345);
    expect(state.globex?.['5m']?.snapshot.requests).toBe(7);
  });
});

describe('parseSlaUpdate', () => {
  it('accepts a well-formed sla:update payload', () => {
    const payload = { tenantId: 'acme', snapshots: [makeSnapshot()] };
    expect(parseSlaUpdate(payload)).toEqual(payload);
  });

  it.each([
    ['null', null],
    ['a string', 'sla'],
    ['an array', []],
    ['a payload without snapshots', { tenantId: 'acme' }],
    ['a payload with a numeric tenant id', { tenantId: 42, snapshots: [] }],
  ])('rejects %s', (_name, payload) => {
    expect(parseSlaUpdate(payload)).toBeNull();
  });

  it('drops malformed snapshots and snapshots for another tenant', () => {
    const good = makeSnapshot();
    const payload = {
      tenantId: 'acme',
      snapshots: [
        good,
        makeSnapshot({ tenantId: 'globex' }),
        { ...good, window: '7d' },
        { ...good, availability: 'high' },
        { ...good, latencyMs: null },
        { __proto__: { tenantId: 'acme' } },
        'junk',
      ],
    };
    expect(parseSlaUpdate(payload)?.snapshots).toEqual([good]);
  });
});
