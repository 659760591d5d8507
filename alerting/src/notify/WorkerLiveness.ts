import { randomInt } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';

/** LIVENESS_LOCK_CLASS is the first key of every outbox worker's liveness lock (the second is the worker's id). */
export const LIVENESS_LOCK_CLASS = 0x534c_6f62; // "SLob"

/**
 * WorkerLiveness lets other replicas tell a live outbox worker from a dead one. The worker holds a session-level
 * advisory lock (LIVENESS_LOCK_CLASS, id) on a connection of its own and stamps that id on every row it claims.
 * Postgres drops the lock the moment that session ends (a SIGKILL, an OOM kill, a node gone: the socket closes), so
 * a row whose claimer's lock is no longer held is free to take at once instead of when its lease runs out.
 *
 * The lease stays the fallback for what closes no socket (a network partition: the session lingers until TCP
 * keepalive gives up). Session advisory locks need a session: behind a pooler, use session pooling (as LeaderLock).
 */
export class WorkerLiveness {
  private client: pg.Client | null = null;
  private current: number | null = null;
  private connecting: Promise<number | null> | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {}

  /**
   * id returns the id this worker's live lock is held under, (re)connecting first when needed; null when the lock
   * cannot be taken now, and the worker's claims then rely on their lease alone.
   */
  async id(): Promise<number | null> {
    if (this.client && this.current !== null) return this.current;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** close ends the session, which releases the lock: this worker's unfinished rows are free at once. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.current = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<number | null> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'alerting-outbox',
    });
    client.on('error', (err) => {
      this.logger.warn({ err }, 'outbox liveness connection failed');
      if (this.client === client) {
        this.client = null;
        this.current = null;
      }
      void client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      // A fresh id per session: a row stamped by an earlier session of this same worker counts as abandoned.
      for (let attempt = 0; attempt < 5; attempt++) {
        const id = randomInt(1, 2 ** 31 - 1);
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
          LIVENESS_LOCK_CLASS | 0,
          id,
        ]);
        if (rows[0]?.ok === true) {
          this.client = client;
          this.current = id;
          return id;
        }
      }
      throw new Error('no free liveness id after 5 tries');
    } catch (err) {
      this.logger.warn({ err }, 'outbox liveness lock unavailable; claims rely on their lease');
      await client.end().catch(() => undefined);
      return null;
    }
  }
}
