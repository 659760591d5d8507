import { randomUUID } from 'node:crypto';
import { RollupsFlushedEvent } from '@sightline/contracts';
import { PgListener } from '@sightline/db';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { RollupEvents } from './RollupEvents';

/** ROLLUPS_CHANNEL is the Postgres NOTIFY channel every collector replica announces its rollup flushes on. */
export const ROLLUPS_CHANNEL = 'collector_rollups';

/** A NOTIFY payload must stay under 8000 bytes; a flush touching more tenants goes out in several. */
const MAX_PAYLOAD_BYTES = 7_000;

/** RollupBroadcastOptions configures RollupBroadcast. */
export interface RollupBroadcastOptions {
  pool: pg.Pool;
  connectionString: string;
  /** The replica's own hub, which its SSE streams (the api replicas connected to it) read. */
  events: RollupEvents;
  logger: Logger;
}

/**
 * RollupBroadcast carries rollup flushes between collector replicas. An api replica follows the SSE stream of one
 * collector replica, the one its connection landed on; without this, it would hear only that replica's flushes and
 * see the others' tenants move only on its periodic refresh. A flush is published at once on this replica's hub
 * and sent through Postgres NOTIFY; every other replica LISTENs and publishes it on its own hub. A notification
 * lost while a listener reconnects costs that replica's subscribers one update, which the api's refresh covers.
 */
export class RollupBroadcast {
  private readonly origin = randomUUID();
  private readonly listener: PgListener;
  private readonly sending = new Set<Promise<unknown>>();

  constructor(private readonly options: RollupBroadcastOptions) {
    this.listener = new PgListener({
      connectionString: options.connectionString,
      channel: ROLLUPS_CHANNEL,
      applicationName: 'collector-rollups-listener',
      onNotify: (payload) => this.receive(payload),
      onListening: () => options.logger.debug('listening for other replicas’ rollup flushes'),
      onError: (err) => options.logger.warn({ err }, 'rollup listener failed; reconnecting'),
    });
  }

  /** start begins listening for the other replicas' flushes. */
  start(): Promise<void> {
    return this.listener.start();
  }

  /** stop waits for the notifications on their way, then ends the listening session. */
  async stop(): Promise<void> {
    await Promise.all(this.sending);
    await this.listener.stop();
  }

  /** publish announces a flush on this replica's hub and to every other replica; it never throws. */
  publish(event: RollupsFlushedEvent): void {
    this.options.events.publish(event);
    for (const tenants of chunks(event.tenants)) {
      const payload = JSON.stringify({ origin: this.origin, tenants, at: event.at });
      const sent = this.options.pool
        .query('SELECT pg_notify($1, $2)', [ROLLUPS_CHANNEL, payload])
        .catch((err: unknown) => {
          this.options.logger.warn({ err }, 'could not announce a rollup flush to the other replicas');
        })
        .finally(() => this.sending.delete(sent));
      this.sending.add(sent);
    }
  }

  private receive(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      parsed = undefined;
    }
    const origin = (parsed as { origin?: unknown } | undefined)?.origin;
    const event = RollupsFlushedEvent.safeParse(parsed);
    if (!event.success || typeof origin !== 'string') {
      this.options.logger.warn('ignored a malformed rollup notification');
      return;
    }
    if (origin !== this.origin)
      this.options.events.publish({ tenants: event.data.tenants, at: event.data.at });
  }
}

/** chunks splits tenant ids into lists whose notification payload stays under MAX_PAYLOAD_BYTES. */
function chunks(tenants: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const tenant of tenants) {
    // A tenant id is at most 63 ASCII characters: quotes and a comma add 3.
    if (current.length > 0 && bytes + tenant.length + 3 > MAX_PAYLOAD_BYTES - 200) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(tenant);
    bytes += tenant.length + 3;
  }
  if (current.length > 0 || out.length === 0) out.push(current);
  return out;
}
