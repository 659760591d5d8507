import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';

/** LoginLockoutOptions configures LoginLockout. */
export interface LoginLockoutOptions {
  /** Failed logins within the window that lock the account. */
  threshold: number;
  windowSeconds: number;
  lockSeconds: number;
}

/**
 * LoginLockout counts failed logins per email (known or not, so a lock reveals nothing about which emails
 * exist) and locks an email for a while once too many fail within the window. State is in Postgres, so
 * every replica sees the same counts.
 */
export class LoginLockout {
  constructor(
    private readonly db: Kysely<AuthDatabase>,
    private readonly options: LoginLockoutOptions,
  ) {}

  /** lockedFor returns the seconds left on a lock of this email, or 0 when it may try. */
  async lockedFor(email: string): Promise<number> {
    const row = await this.db
      .selectFrom('auth.login_throttle')
      .select(sql<number>`ceil(extract(epoch FROM locked_until - now()))::int`.as('left'))
      .where('email', '=', email)
      .where('locked_until', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return row ? Math.max(1, row.left) : 0;
  }

  /** recordFailure counts one failure and returns the lock length in seconds when this one locked the email. */
  async recordFailure(email: string): Promise<number> {
    const { windowSeconds, threshold, lockSeconds } = this.options;
    const row = await sql<{ failures: number }>`
      INSERT INTO auth.login_throttle AS t (email, failures, window_started_at)
      VALUES (${email}, 1, now())
      ON CONFLICT (email) DO UPDATE SET
        failures = CASE WHEN t.window_started_at < now() - make_interval(secs => ${windowSeconds})
                        THEN 1 ELSE t.failures + 1 END,
        window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => ${windowSeconds})
                                 THEN now() ELSE t.window_started_at END
      RETURNING failures`.execute(this.db);
    if ((row.rows[0]?.failures ?? 0) < threshold) return 0;
    await this.db
      .updateTable('auth.login_throttle')
      .set({
        failures: 0,
        window_started_at: sql<Date>`now()`,
        locked_until: sql<Date>`now() + make_interval(secs => ${lockSeconds})`,
      })
      .where('email', '=', email)
      .execute();
    return lockSeconds;
  }

  /** recordSuccess forgets the email's failures. */
  async recordSuccess(email: string): Promise<void> {
    await this.db.deleteFrom('auth.login_throttle').where('email', '=', email).execute();
  }

  /** prune deletes rows that neither lock nor count any more, so random emails cannot grow the table forever. */
  async prune(): Promise<number> {
    const result = await this.db
      .deleteFrom('auth.login_throttle')
      .where((eb) =>
        eb.and([
          eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]),
          eb(
            'window_started_at',
            '<',
            sql<Date>`now() - make_interval(secs => ${this.options.windowSeconds})`,
          ),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
