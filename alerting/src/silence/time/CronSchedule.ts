import { CronExpressionParser } from 'cron-parser';
import type { CronExpression } from 'cron-parser';
import { TimeWindowError } from './TimeWindowError';
import type { WallSchedule } from './WallSchedule';

const MAX_RESULTS = 20_000;
const HASHED = /^H(\(|\/|$)/i;

/**
 * CronSchedule expands a 5-field cron expression with cron-parser in floating wall-clock time (its zone
 * set to UTC); ZonedClock then maps each start to an instant. cron-parser's own `tz` handling is not used
 * because its backwards search skips days across a DST change, and because going through ZonedClock gives
 * cron and RRULE windows the same DST rules. Day-of-month and day-of-week combine with OR when both are
 * restricted, as in Vixie cron; `L` and `#` are accepted, `H` (hashed, random) is not.
 */
export class CronSchedule implements WallSchedule {
  private constructor(private readonly expression: CronExpression) {}

  /** create checks the expression and throws TimeWindowError naming the `cron` field. */
  static create(expression: string): CronSchedule {
    const fields = expression.trim().split(/\s+/);
    if (fields.length !== 5) {
      throw new TimeWindowError(
        'cron',
        `cron must have 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`,
      );
    }
    if (fields.some((f) => f.split(',').some((item) => HASHED.test(item)))) {
      throw new TimeWindowError(
        'cron',
        'cron: H (hashed) values are not supported; write the minute or hour',
      );
    }
    const text = fields.join(' ');
    try {
      return new CronSchedule(CronExpressionParser.parse(text, { tz: 'UTC', currentDate: new Date(0) }));
    } catch (err) {
      throw new TimeWindowError('cron', `cron ${JSON.stringify(text)} is invalid: ${(err as Error).message}`);
    }
  }

  /** between is the ticks in [fromWall, toWall]. */
  between(fromWall: number, toWall: number): number[] {
    const it = this.from(fromWall);
    const out: number[] = [];
    try {
      while (out.length < MAX_RESULTS) {
        const t = it.next().getTime();
        if (t > toWall) break;
        out.push(t);
      }
    } catch (err) {
      if (!isSearchLimit(err)) throw err;
    }
    return out;
  }

  /** firstFrom is the first tick at or after fromWall, or null when cron-parser gives up looking. */
  firstFrom(fromWall: number): number | null {
    try {
      return this.from(fromWall).next().getTime();
    } catch (err) {
      if (isSearchLimit(err)) return null;
      throw err;
    }
  }

  /** from moves the one parsed expression to just before fromWall; parsing again per query costs more. */
  private from(fromWall: number): CronExpression {
    this.expression.reset(new Date(fromWall - 1));
    return this.expression;
  }
}

function isSearchLimit(err: unknown): boolean {
  return err instanceof Error && /loop limit|out of the time span/i.test(err.message);
}
