import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';

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
  new Gauge({
    name: 'nodejs_heap_live_bytes',
    help:
      'V8 heap in use right after the last major (mark-compact) garbage collection: the live heap. A leak shows as ' +
      'growth here; RSS and nodejs_heap_size_used_bytes also swing with garbage not yet collected. NaN until the first.',
    registers: [registry],
    collect() {
      watchMajorGc();
      this.set(liveHeapBytes);
    },
  });
  watchMajorGc();
  return registry;
}

let liveHeapBytes = NaN;
let majorGcs = 0;
let gcObserver: PerformanceObserver | undefined;

// One observer per process, however many registries: the figure belongs to the process.
function watchMajorGc(): void {
  if (gcObserver) return;
  gcObserver = new PerformanceObserver((list) => {
    const major = list
      .getEntries()
      .some(
        (e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR,
      );
    if (!major) return;
    majorGcs++;
    liveHeapBytes = getHeapStatistics().used_heap_size;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
}

/** liveHeapAfterMajorGc is the heap in use after the last major collection (NaN before the first), for tests. */
export function liveHeapAfterMajorGc(): number {
  return liveHeapBytes;
}

/** majorGcsObserved counts the major collections the observer has seen, so a test can wait for its reading. */
export function majorGcsObserved(): number {
  return majorGcs;
}
