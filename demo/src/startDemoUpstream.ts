import { ShutdownStack } from '@sightline/config';
import { createServer } from 'node:http';
import type { Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { closeServer, listen } from '@sightline/http';
import { createServiceLogger, initTracing } from '@sightline/telemetry';
import type { DemoUpstreamConfig } from './config';
import type { Knobs } from './upstream/Knobs';
import { createDemoHandler } from './upstream/createDemoHandler';

/** DemoUpstreamDeps lets tests supply a tracer and logger instead of the OTLP-exporting defaults. */
export interface DemoUpstreamDeps {
  tracer?: Tracer;
  logger?: Logger;
  random?: () => number;
}

/** DemoUpstream is a running demo upstream. */
export interface DemoUpstream {
  port: number;
  close(): Promise<void>;
}

/** startDemoUpstream starts the fake product service that the gateway proxies to, with per-tenant knobs. */
export async function startDemoUpstream(
  config: DemoUpstreamConfig,
  deps: DemoUpstreamDeps = {},
): Promise<DemoUpstream> {
  const closers = new ShutdownStack();
  let logger = deps.logger;
  if (!logger) {
    const service = createServiceLogger({
      service: 'demo-upstream',
      level: config.LOG_LEVEL,
      otlpEndpoint: config.OTLP_ENDPOINT,
    });
    closers.push(() => service.close());
    logger = service.logger;
  }
  let tracer = deps.tracer;
  if (!tracer) {
    const tracing = initTracing({ service: 'demo-upstream', endpoint: config.OTLP_ENDPOINT });
    closers.push(() => tracing.shutdown());
    tracer = tracing.tracer;
  }
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const delay = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const entry = { timer: setTimeout(() => (timers.delete(entry), resolve()), ms), resolve };
          timers.add(entry);
        });
  const knobs = new Map<string, Knobs>();
  const server = createServer(createDemoHandler({ tracer, logger, knobs, delay, random: deps.random }));
  const port = await listen(server, config.DEMO_UPSTREAM_PORT, config.HOST);
  logger.info({ port }, 'demo upstream started');
  return {
    port,
    async close() {
      // Pending delays end now, so a 30 s latency knob never holds shutdown up.
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      timers.clear();
      await closeServer(server);
      await closers.closeAll();
    },
  };
}
