import type { Registry } from 'prom-client';
import { Counter, Gauge, Histogram } from 'prom-client';
import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { createMetrics } from '@sightline/telemetry';

/** GatewayMetrics are the gateway's Prometheus instruments and the registry that exposes them. */
export interface GatewayMetrics {
  registry: Registry;
  requests: Counter<'tenant' | 'route' | 'code'>;
  duration: Histogram<'tenant' | 'route'>;
  decisions: Counter<'tenant' | 'decision' | 'limit_type'>;
  usage: Gauge<'tenant'>;
  limiterErrors: Counter;
  limiterBackend: Gauge<'backend'>;
  limiterMode: Gauge<'mode'>;
  limiterModeChanges: Counter<'mode'>;
  configReloads: Counter<'trigger' | 'result'>;
  revokedKeys: Counter;
  sliExportFailures: Counter;
  sliDroppedRequests: Counter;
}

/** createGatewayMetrics registers the gateway's instruments on a fresh registry with process metrics. */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = createMetrics('gateway');
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'gateway_requests_total',
      help: 'Requests the proxy answered, by tenant, route prefix and HTTP status code.',
      labelNames: ['tenant', 'route', 'code'] as const,
      registers,
    }),
    duration: new Histogram({
      name: 'gateway_request_duration_seconds',
      help: 'Time from request to the end of the response, by tenant and route prefix.',
      labelNames: ['tenant', 'route'] as const,
      buckets: LATENCY_BUCKETS_MS.map((ms) => ms / 1000),
      registers,
    }),
    decisions: new Counter({
      name: 'gateway_ratelimit_decisions_total',
      help: 'Rate-limit decisions (allowed, limited, shadow = would have been limited, bypassed = allowlisted) by the type of limit that decided.',
      labelNames: ['tenant', 'decision', 'limit_type'] as const,
      registers,
    }),
    usage: new Gauge({
      name: 'gateway_ratelimit_usage_ratio',
      help: 'Fraction of its tightest limit a tenant used at its latest request (0..1).',
      labelNames: ['tenant'] as const,
      registers,
    }),
    limiterErrors: new Counter({
      name: 'gateway_limiter_errors_total',
      help: 'Limiter checks that failed on Redis and were decided by the per-node fallback instead.',
      registers,
    }),
    limiterBackend: new Gauge({
      name: 'gateway_limiter_backend',
      help: 'The configured limiter backend (1 for the active one; none when LIMITER_ENABLED=false).',
      labelNames: ['backend'] as const,
      registers,
    }),
    limiterMode: new Gauge({
      name: 'gateway_limiter_mode',
      help: 'Which limiter decides now: 1 for redis, fallback (per-node, limit divided by replicas), memory, or disabled (LIMITER_ENABLED=false, nothing is limited).',
      labelNames: ['mode'] as const,
      registers,
    }),
    limiterModeChanges: new Counter({
      name: 'gateway_limiter_mode_changes_total',
      help: 'Switches between the Redis limiter and the per-node fallback, by the mode switched to.',
      labelNames: ['mode'] as const,
      registers,
    }),
    configReloads: new Counter({
      name: 'gateway_config_reloads_total',
      help: 'Limit configuration reloads from Postgres, by trigger and result.',
      labelNames: ['trigger', 'result'] as const,
      registers,
    }),
    revokedKeys: new Counter({
      name: 'gateway_apikey_revocations_total',
      help: 'API key revocations received from auth’s feed and evicted from the key cache.',
      registers,
    }),
    sliExportFailures: new Counter({
      name: 'gateway_sli_export_failures_total',
      help: 'Sends of the SLI metrics to the collector that failed (kept for the next send unless the collector refused them).',
      registers,
    }),
    sliDroppedRequests: new Counter({
      name: 'gateway_sli_requests_dropped_total',
      help: 'Requests whose SLI counts were dropped unsent: refused by the collector, or past the pending bound while it was unreachable.',
      registers,
    }),
  };
}
