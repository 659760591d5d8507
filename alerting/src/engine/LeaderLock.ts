import pg from 'pg';
import type { Logger } from 'pino';

/** LEADER_LOCK_KEY is the advisory lock the replica running the timers holds. */
export const LEADER_LOCK_KEY = 0x5167_6e61; // "Sgna": any constant shared by every replica

/**
 * LeaderLock holds a session-level advisory lock on its own connection: Postgres releases it when the holder's
 * connection dies (a kill -9 included), so another replica takes over at its next attempt.
 */
export class LeaderLock {
  private client: pg.Client | null = null;
  private leader = false;

  /** constructor takes the connection string for the dedicated connection. */
  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {}

  /** isLeader says whether this replica held the lock at the last check. */
  get isLeader(): boolean {
    return this.leader;
  }

  /** check tries to take (or confirms it still holds) the lock and returns whether this replica leads. */
  async check(): Promise<boolean> {
    try {
      if (!this.client) {
        const client = new pg.Client({
          connectionString: this.connectionString,
          application_name: 'alerting-leader',
        });
        client.on('error', (err) => {
          this.logger.warn({ err }, 'leader connection failed');
          this.drop();
        });
        await client.connect();
        this.client = client;
      }
      if (this.leader) {
        await this.client.query('SELECT 1');
        return true;
      }
      const { rows } = await this.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
        LEADER_LOCK_KEY,
      ]);
      this.leader = rows[0]?.ok === true;
      if (this.leader) this.logger.info('this replica now runs the alert timers');
      return this.leader;
    } catch (err) {
      this.logger.warn({ err }, 'leader check failed');
      this.drop();
      return false;
    }
  }

  /** release gives the lock up by closing the connection. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.leader = false;
    await client?.end().catch(() => undefined);
  }

  private drop(): void {
    if (this.leader) this.logger.warn('this replica lost the timer lock');
    this.leader = false;
    const client = this.client;
    this.client = null;
    void client?.end().catch(() => undefined);
  }
}
