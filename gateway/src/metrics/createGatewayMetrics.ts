import type { Registry } from 'prom-client';
import { Counter, Gauge, Histogram } from 'prom-client';
import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { createMetrics } from '@sightline/telemetry';

/** GatewayMetrics are the gateway's Prometheus instruments and the registry that exposes them. */
export interface GatewayMetrics {
  registry: Registry;
  requests: Counter<'tenant' | 'code'>;
  duration: Histogram<'tenant'>;
  decisions: Counter<'tenant' | 'decision'>;
  limiterErrors: Counter;
  limiterBackend: Gauge<'backend'>;
}

/** createGatewayMetrics registers the gateway's instruments on a fresh registry with process metrics. */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = createMetrics('gateway');
  return {
    registry,
    requests: new Counter({
      name: 'gateway_requests_total',
      help: 'Requests the proxy answered, by tenant and HTTP status code.',
      labelNames: ['tenant', 'code'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'gateway_request_duration_seconds',
      help: 'Time from request to the end of the response, by tenant.',
      labelNames: ['tenant'] as const,
      buckets: LATENCY_BUCKETS_MS.map((ms) => ms / 1000),
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'gateway_ratelimit_decisions_total',
      help: 'Rate-limit decisions by tenant and decision (allowed or limited).',
      labelNames: ['tenant', 'decision'] as const,
      registers: [registry],
    }),
    limiterErrors: new Counter({
      name: 'gateway_limiter_errors_total',
      help: 'Limiter store failures; each one let the request through (fail open).',
      registers: [registry],
    }),
    limiterBackend: new Gauge({
      name: 'gateway_limiter_backend',
      help: 'The limiter backend in use (1 for the active one).',
      labelNames: ['backend'] as const,
      registers: [registry],
    }),
  };
}
