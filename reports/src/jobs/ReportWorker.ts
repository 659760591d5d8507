import type { Logger } from 'pino';
import type { ReportArchive, ReportRow } from '../db/ReportArchive';
import { EXECUTIVE_TENANT } from '../db/ReportArchive';
import type { ReportMailer } from '../deliver/ReportMailer';
import type { ReportSources } from '../sources/ReportSources';
import type { ExecutiveSummary, TenantWeeklyReport } from '../report/WeeklyReport';
import { weekByLabel } from '../week/reportWeek';
import type { ReportGenerator } from './ReportGenerator';

/** ReportWorkerOptions configure the job loop. */
export interface ReportWorkerOptions {
  archive: ReportArchive;
  generator: ReportGenerator;
  sources: ReportSources;
  mailer: ReportMailer | null;
  consoleUrl: string;
  logger: Logger;
  now: () => Date;
  pollMs: number;
  maxAttempts: number;
  /** leaseMs is how long a claimed job is this replica's before another may take it over. */
  leaseMs?: number;
  onFinished?: (row: ReportRow, outcome: 'done' | 'retry' | 'failed') => void;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** ReportWorker runs queued report jobs: generate, archive, e-mail scheduled ones, with retries and progress. */
export class ReportWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  /** constructor takes the options. */
  constructor(private readonly o: ReportWorkerOptions) {}

  /** start polls for jobs until stop. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((err: unknown) => this.o.logger.error({ err }, 'report job loop failed'))
        .finally(() => this.schedule(this.o.pollMs));
    }, ms);
  }

  /** stop finishes the job in hand and stops polling. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** drain runs due jobs until none is left; it returns how many it ran. */
  async drain(): Promise<number> {
    let n = 0;
    for (;;) {
      const row = await this.o.archive.claim(this.o.now(), this.o.leaseMs ?? 10 * 60_000);
      if (!row) return n;
      n++;
      await this.run(row);
    }
  }

  private async run(row: ReportRow): Promise<void> {
    const { archive, generator } = this.o;
    const progress = (stage: string, percent: number) => archive.progress(row.id, stage, percent);
    const log = this.o.logger.child({ report: row.id, tenant_id: row.tenantId, week: row.weekLabel });
    try {
      let pdf: Buffer;
      let summary: string;
      if (row.kind === 'tenant') {
        const tenant = (await this.o.sources.tenants()).find((t) => t.id === row.tenantId);
        if (!tenant) throw new Error(`tenant ${row.tenantId} no longer exists`);
        const out = await generator.tenantReport(
          tenant,
          weekByLabel(row.weekLabel, tenant.timeZone),
          progress,
        );
        await archive.store(row.id, { ...out, summary: out.data.summary, reportStatus: out.data.status });
        pdf = out.pdf;
        summary = this.tenantSubject(out.data);
      } else {
        const out = await generator.executiveSummary(
          row.weekLabel,
          (t, w) => archive.tenantData(t, w),
          progress,
        );
        const line = this.executiveLine(out.data);
        await archive.store(row.id, { ...out, summary: line, reportStatus: null });
        pdf = out.pdf;
        summary = line;
      }
      let emailedTo: string[] | null = null;
      if (row.trigger === 'schedule' && row.emailedAt === null && this.o.mailer) {
        const to = await archive.recipients(row.kind === 'tenant' ? row.tenantId : EXECUTIVE_TENANT);
        if (to.length > 0) {
          await progress('e-mailing recipients', 90);
          const subject =
            row.kind === 'tenant'
              ? `Sightline weekly SLA report ${row.weekLabel} — ${row.tenantId}`
              : `Sightline executive SLA summary ${row.weekLabel}`;
          const link = `${this.o.consoleUrl}/reports`;
          await this.o.mailer.send({
            to,
            subject,
            text: `${summary}\n\nThe report is attached as a PDF. The archive: ${link}\n`,
            html: `<p>${escapeHtml(summary)}</p><p>The report is attached as a PDF. <a href="${escapeHtml(link)}">Open the archive</a>.</p>`,
            attachmentName: `sightline-${row.kind === 'tenant' ? row.tenantId : 'executive'}-${row.weekLabel}.pdf`,
            pdf,
          });
          emailedTo = to;
          log.info({ recipients: to.length }, 'report e-mailed');
        }
      }
      await archive.finish(row.id, this.o.now(), emailedTo);
      log.info('report done');
      this.o.onFinished?.(row, 'done');
    } catch (err) {
      const last = row.attempts >= this.o.maxAttempts;
      const retryAt = last
        ? null
        : new Date(this.o.now().getTime() + Math.min(3_600_000, 30_000 * 2 ** (row.attempts - 1)));
      const message = err instanceof Error ? err.message : String(err);
      await archive.fail(row.id, message, retryAt, this.o.now());
      log.warn(
        { err, attempt: row.attempts, retryAt },
        last ? 'report failed for good' : 'report failed; will retry',
      );
      this.o.onFinished?.(row, last ? 'failed' : 'retry');
    }
  }

  private tenantSubject(report: TenantWeeklyReport): string {
    return `${report.tenant.name}, week ${report.week.label}: ${report.summary}`;
  }

  private executiveLine(s: ExecutiveSummary): string {
    return `${s.rows.length} tenants in week ${s.weekLabel}: ${s.counts.red} red, ${s.counts.amber} amber, ${s.counts.green} green.`;
  }
}
