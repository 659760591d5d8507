import { Registry, collectDefaultMetrics } from 'prom-client';

// prom-client names these gauges with a `_total` suffix, which Prometheus reserves for counters;
// `promtool check metrics` rejects them, so they are left out.
const NON_CONFORMING_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** createMetrics returns a prom-client registry with process metrics and a service label. */
export function createMetrics(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  for (const name of NON_CONFORMING_DEFAULTS) registry.removeSingleMetric(name);
  return registry;
}
