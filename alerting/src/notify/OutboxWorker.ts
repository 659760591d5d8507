import type pg from 'pg';
import type { Logger } from 'pino';
import type { ConfigCache } from '../engine/ConfigCache';
import { PollingLoop } from '../engine/PollingLoop';
import type { AlertingMetrics } from '../alertingMetrics';
import type { ChannelConfig } from './ChannelConfig';
import type { Notifier } from './Notifier';
import { claimNotifications, markDead, markDelivered, markRetry } from './Outbox';
import type { OutboxRow } from './Outbox';
import type { WorkerLiveness } from './WorkerLiveness';

/** OutboxWorkerOptions tune delivery. */
export interface OutboxWorkerOptions {
  pool: pg.Pool;
  config: ConfigCache;
  createNotifier: (channel: ChannelConfig) => Notifier;
  logger: Logger;
  metrics?: AlertingMetrics;
  pollMs?: number;
  batchSize?: number;
  /**
   * leaseMs is how long a claimed row is this worker's. With liveness, a dead worker's rows come back as soon as its
   * session ends; the lease is the fallback (a partitioned worker, or no liveness lock).
   */
  leaseMs?: number;
  /** liveness stamps this worker's claims so other replicas can take them back the moment it dies. */
  liveness?: WorkerLiveness;
  maxAttempts?: number;
  /** maxAgeMs dead-letters a row that could not be delivered for this long. */
  maxAgeMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
}

/**
 * OutboxWorker delivers the transactional outbox: it claims due rows with SKIP LOCKED (every replica runs one),
 * sends each through its channel's notifier, and marks it delivered, retried with backoff, or dead-lettered.
 */
export class OutboxWorker {
  private readonly notifiers = new Map<string, { stamp: number; notifier: Notifier }>();
  private readonly controller = new AbortController();
  private readonly loop: PollingLoop<number>;

  /** constructor applies the defaults. */
  constructor(private readonly o: OutboxWorkerOptions) {
    this.loop = new PollingLoop({
      pass: () => this.runOnce(),
      intervalMs: o.pollMs ?? 250,
      logger: o.logger,
      what: 'outbox pass',
      // A full batch means more are due: go again at once.
      again: (handled) => handled >= (o.batchSize ?? 20),
    });
  }

  /** start begins polling. */
  start(): void {
    this.loop.start();
  }

  /** wake runs a pass soon (after an enqueue in this process). */
  wake(): void {
    this.loop.poke();
  }

  /** stop waits for the pass in flight and ends the liveness session: rows it had not finished are free at once. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop.stop();
    await this.o.liveness?.close();
  }

  /** drain runs passes until nothing is due (tests and the shutdown path). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) return total;
    }
  }

  /** runOnce claims and delivers one batch and returns how many rows it handled. */
  async runOnce(): Promise<number> {
    const now = this.now();
    const claimer = (await this.o.liveness?.id()) ?? null;
    const rows = await claimNotifications(
      this.o.pool,
      this.o.batchSize ?? 20,
      this.o.leaseMs ?? 60_000,
      now,
      claimer,
    );
    await Promise.all(rows.map((row) => this.deliver(row)));
    return rows.length;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  private notifierFor(row: OutboxRow): Promise<Notifier | string> {
    return this.o.config.current().then((cfg) => {
      if (row.adhoc) return this.o.createNotifier(row.adhoc);
      if (!row.channelId) return 'the notification has no channel';
      const channel = cfg.channels.get(row.channelId);
      if (!channel) return `channel ${row.channelId} was deleted`;
      const stamp = channel.updatedAt.getTime();
      const cached = this.notifiers.get(channel.id);
      if (cached && cached.stamp === stamp) return cached.notifier;
      const notifier = this.o.createNotifier(channel.config);
      this.notifiers.set(channel.id, { stamp, notifier });
      return notifier;
    });
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const started = Date.now();
    const record = (outcome: string): void => {
      this.o.metrics?.notifications.inc({ integration: row.integration, outcome });
      if (outcome === 'delivered')
        this.o.metrics?.notificationLatency.observe(
          { integration: row.integration },
          Math.max(0, (this.now().getTime() - row.createdAt.getTime()) / 1000),
        );
    };
    try {
      const notifier = await this.notifierFor(row);
      if (typeof notifier === 'string') {
        await markDead(this.o.pool, row.id, notifier);
        record('dead');
        return;
      }
      const result = await notifier.send({ ...row.notification, id: String(row.id) }, this.controller.signal);
      if (result.ok) {
        await markDelivered(this.o.pool, row.id, this.now());
        record('delivered');
        this.o.logger.info(
          {
            notification: row.id,
            integration: row.integration,
            action: row.action,
            ms: Date.now() - started,
          },
          'notification delivered',
        );
        return;
      }
      const age = this.now().getTime() - row.createdAt.getTime();
      if (
        !result.retryable ||
        row.attempts >= (this.o.maxAttempts ?? 12) ||
        age >= (this.o.maxAgeMs ?? 86_400_000)
      ) {
        const reason = result.retryable
          ? `gave up after ${row.attempts} attempts: ${result.reason}`
          : result.reason;
        await markDead(this.o.pool, row.id, reason);
        record('dead');
        this.o.logger.error(
          { notification: row.id, integration: row.integration, action: row.action, reason },
          'notification dead-lettered',
        );
        return;
      }
      const backoff = Math.min(
        this.o.maxBackoffMs ?? 300_000,
        (this.o.baseBackoffMs ?? 1000) * 2 ** Math.max(0, row.attempts - 1),
      );
      // Jitter spreads replicas' retries; Retry-After, when the receiver gave one, is a floor.
      const delay = Math.max(result.retryAfterMs ?? 0, Math.round(backoff * (0.5 + Math.random() / 2)));
      await markRetry(this.o.pool, row.id, new Date(this.now().getTime() + delay), result.reason);
      record('retry');
      this.o.logger.warn(
        {
          notification: row.id,
          integration: row.integration,
          attempt: row.attempts,
          delayMs: delay,
          reason: result.reason,
        },
        'notification will be retried',
      );
    } catch (err) {
      // A database failure here leaves the row leased; it comes back when the lease ends.
      this.o.logger.warn({ err, notification: row.id }, 'notification bookkeeping failed');
    }
  }
}
