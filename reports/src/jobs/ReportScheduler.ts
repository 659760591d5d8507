import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { ReportArchive } from '../db/ReportArchive';
import { EXECUTIVE_TENANT } from '../db/ReportArchive';
import type { ReportSources } from '../sources/ReportSources';
import { lastCompleteWeek } from '../week/reportWeek';

/** ReportSchedulerOptions configure when reports are made. */
export interface ReportSchedulerOptions {
  archive: ReportArchive;
  sources: ReportSources;
  logger: Logger;
  now: () => Date;
  /** hour is the local hour on Monday when last week's report is due. */
  hour: number;
  executiveTimeZone: string;
  tickMs: number;
}

/**
 * ReportScheduler asks for each tenant's report of the week that just ended once it is Monday `hour`:00 in the
 * tenant's time zone, and for the executive summary at the same hour in its zone. Every replica runs it; the
 * archive's unique key makes the request happen once, and a replica that was down on Monday catches up on start.
 */
export class ReportScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  /** constructor takes the options. */
  constructor(private readonly o: ReportSchedulerOptions) {}

  /** due says whether last week's report in the zone is due at the instant. */
  private dueWeek(now: Date, timeZone: string) {
    const week = lastCompleteWeek(now, timeZone);
    const dueAt = DateTime.fromISO(week.end, { zone: timeZone }).set({ hour: this.o.hour });
    return now.getTime() >= dueAt.toMillis() ? week : null;
  }

  /** tick requests every due report; it returns how many it newly queued. */
  async tick(): Promise<number> {
    const now = this.o.now();
    let queued = 0;
    for (const tenant of await this.o.sources.tenants()) {
      const week = this.dueWeek(now, tenant.timeZone);
      if (!week) continue;
      const { created } = await this.o.archive.enqueue('tenant', tenant.id, week, 'schedule', null, now);
      if (created) {
        queued++;
        this.o.logger.info({ tenant_id: tenant.id, week: week.label }, 'weekly report scheduled');
      }
    }
    const week = this.dueWeek(now, this.o.executiveTimeZone);
    if (week) {
      const { created } = await this.o.archive.enqueue(
        'executive',
        EXECUTIVE_TENANT,
        week,
        'schedule',
        null,
        now,
      );
      if (created) queued++;
    }
    return queued;
  }

  /**
   * start ticks now and then every tickMs; a tick that fails (a source not up yet, as when every process starts
   * together) is retried within five seconds instead of a whole tick later.
   */
  start(): void {
    this.stopped = false;
    const run = (): void => {
      this.running = this.tick().then(
        () => this.schedule(run, this.o.tickMs),
        (err: unknown) => {
          this.o.logger.warn({ err }, 'report schedule tick failed; retrying');
          this.schedule(run, Math.min(this.o.tickMs, 5000));
        },
      );
    };
    run();
  }

  private schedule(run: () => void, ms: number): void {
    if (!this.stopped) this.timer = setTimeout(run, ms);
  }

  /** stop stops ticking. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
