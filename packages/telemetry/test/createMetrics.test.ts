import { spawnSync } from 'node:child_process';
import { Counter } from 'prom-client';
import { createMetrics } from '../src';

describe('createMetrics', () => {
  it('exposes process metrics labelled with the service that pass promtool check metrics', async () => {
    const registry = createMetrics('gateway');
    new Counter({
      name: 'gateway_requests_total',
      help: 'Requests.',
      labelNames: ['tenant'],
      registers: [registry],
    }).inc({ tenant: 'acme' });
    const text = await registry.metrics();
    expect(text).toContain('gateway_requests_total{tenant="acme",service="gateway"} 1');
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
    expect(check.status).toBe(0);
  });
});
