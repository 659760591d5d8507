import { Registry, collectDefaultMetrics } from 'prom-client';

/** createMetrics returns a prom-client registry with process metrics and a service label. */
export function createMetrics(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
