import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';

/** TlsMetrics are the instruments of the proxy's own TLS termination. */
export interface TlsMetrics {
  expiry: Gauge;
  reloads: Counter<'result'>;
}

/** createTlsMetrics registers the TLS instruments on the gateway's registry. */
export function createTlsMetrics(registry: Registry): TlsMetrics {
  const registers = [registry];
  return {
    expiry: new Gauge({
      name: 'gateway_tls_certificate_expiry_timestamp_seconds',
      help: 'When the certificate the proxy serves expires (Unix time of its notAfter).',
      registers,
    }),
    reloads: new Counter({
      name: 'gateway_tls_certificate_reloads_total',
      help: 'Changes of the certificate files: ok = the new pair is served, error = refused, the previous pair stays.',
      labelNames: ['result'] as const,
      registers,
    }),
  };
}
